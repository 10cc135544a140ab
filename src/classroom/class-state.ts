// What the live class remembers of each student: their last result, and for
// each check and exercise since when it is what it is. A fresh result is
// compared with it, and the differences are the history's records; a
// restart replays those records, so timers (failing since, first passed at)
// carry on from where the last run left them. Pure: times are passed in.
import { isFailed, type CheckStatus } from '../core/check-status.js';
import type { LabOutline, StudentResult, StudentStatus } from '../grade/types.js';
import { isCheckRecord, isExerciseRecord, type HistoryRecord } from './types.js';

export interface CheckTrack {
  status: CheckStatus;
  /** The message id of a check that does not pass. */
  why?: string;
  /** When it last changed (status or reason). */
  since: number;
  /** When it began to fail, for a check failing now. */
  failingSince?: number;
}

export interface ExerciseTrack {
  /** Undefined until its first result. */
  passed?: boolean;
  /** When the student first passed it while tp watched (undefined: not yet, or already passed when tp first saw them). */
  firstPassAt?: number;
  /** When the student began on it: one of its checks passed, or changed. */
  startedAt?: number;
}

export interface StudentTrack {
  index: number;
  id: string;
  /** The last result; an `error` result leaves `checks` as they were last graded. */
  result?: StudentResult;
  /** The last result that was graded (the messages of the checks in `checks`). */
  lastGraded?: StudentResult;
  status?: StudentStatus;
  /** When tp first saw the student. */
  firstSeen?: number;
  /** When one of their checks last changed (or they were first seen). */
  lastChange?: number;
  checks: Map<string, CheckTrack>;
  exercises: Map<string, ExerciseTrack>;
}

export interface ClassState {
  readonly startedAt: number;
  readonly outline: LabOutline;
  /** Takes a fresh result; returns what changed, as history records (none when nothing did). */
  update(index: number, result: StudentResult, at: number): HistoryRecord[];
  /** Takes one record of an earlier run's history. */
  replay(record: HistoryRecord): void;
  tracks(): readonly StudentTrack[];
  track(index: number): StudentTrack | undefined;
}

const whyOf = (status: CheckStatus, messageId: string): string | undefined => (status === 'pass' ? undefined : messageId);
const passText = (passed: boolean): 'pass' | 'fail' => (passed ? 'pass' : 'fail');

export const makeClassState = (outline: LabOutline, students: ReadonlyArray<{ index: number; id: string }>, startedAt: number): ClassState => {
  const tracks = students.map((student): StudentTrack => ({ index: student.index, id: student.id, checks: new Map(), exercises: new Map() }));
  const byIndex = new Map(tracks.map((track) => [track.index, track]));
  const byId = new Map(tracks.map((track) => [track.id, track]));
  const exerciseOfCheck = new Map(outline.exercises.flatMap((exercise) => exercise.checks.map((check) => [check.id, exercise.id] as const)));

  const exerciseTrack = (track: StudentTrack, id: string): ExerciseTrack => {
    let exercise = track.exercises.get(id);
    if (!exercise) {
      exercise = {};
      track.exercises.set(id, exercise);
    }
    return exercise;
  };

  const setCheck = (track: StudentTrack, id: string, status: CheckStatus, why: string | undefined, at: number) => {
    const previous = track.checks.get(id);
    const failingSince = isFailed(status) ? (previous && isFailed(previous.status) ? previous.failingSince : at) : undefined;
    track.checks.set(id, { status, ...(why === undefined ? {} : { why }), since: at, ...(failingSince === undefined ? {} : { failingSince }) });
    const exercise = exerciseOfCheck.get(id);
    // A check that changes (not the first sight of it) or passes: the student is on its exercise.
    if (exercise !== undefined && (previous !== undefined || status === 'pass')) exerciseTrack(track, exercise).startedAt ??= at;
  };

  const setExercise = (track: StudentTrack, id: string, passed: boolean, firstSight: boolean, at: number) => {
    const exercise = exerciseTrack(track, id);
    if (passed && !exercise.passed && !firstSight) exercise.firstPassAt ??= at;
    if (passed) exercise.startedAt ??= at;
    exercise.passed = passed;
  };

  return {
    startedAt,
    outline,
    tracks: () => tracks,
    track: (index) => byIndex.get(index),
    update(index, result, at) {
      const track = byIndex.get(index);
      if (!track) return [];
      const t = new Date(at).toISOString();
      const student = track.id;
      const records: HistoryRecord[] = [];
      track.firstSeen ??= at;
      track.lastChange ??= at;
      if (track.status !== result.status) records.push({ t, student, before: track.status ?? null, after: result.status });
      track.status = result.status;
      track.result = result;
      if (result.status !== 'graded' || !result.report) return records;
      track.lastGraded = result;
      let changed = false;
      for (const exercise of result.report.exercises) {
        for (const check of exercise.checks) {
          const previous = track.checks.get(check.id);
          const why = whyOf(check.status, check.messageId);
          if (previous && previous.status === check.status && previous.why === why) continue;
          records.push({ t, student, check: check.id, before: previous?.status ?? null, after: check.status, ...(why === undefined ? {} : { why }) });
          setCheck(track, check.id, check.status, why, at);
          if (previous) changed = true;
        }
        const before = track.exercises.get(exercise.id)?.passed;
        if (before !== exercise.passed) {
          records.push({ t, student, exercise: exercise.id, before: before === undefined ? null : passText(before), after: passText(exercise.passed) });
          setExercise(track, exercise.id, exercise.passed, before === undefined, at);
        }
      }
      if (changed) track.lastChange = at;
      return records;
    },
    replay(record) {
      const track = byId.get(record.student);
      const at = Date.parse(record.t);
      if (!track || Number.isNaN(at)) return;
      track.firstSeen ??= at;
      if (isCheckRecord(record)) {
        if (!exerciseOfCheck.has(record.check)) return;
        setCheck(track, record.check, record.after, record.why, at);
        if (record.before !== null || track.lastChange === undefined) track.lastChange = Math.max(track.lastChange ?? at, at);
      } else if (isExerciseRecord(record)) {
        if (!outline.exercises.some((exercise) => exercise.id === record.exercise)) return;
        setExercise(track, record.exercise, record.after === 'pass', record.before === null, at);
      } else {
        track.status = record.after;
      }
    },
  };
};
