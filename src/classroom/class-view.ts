// What the page and the terminal show of the class, made from its state:
// each student's row (one per change, cheap), and the class's figures —
// progress per exercise, the students stuck, the most frequent failure
// reasons right now, the time it takes to pass each exercise — computed over
// the whole class, so only now and then (the callers throttle), never per event.
import { isFailed, type CheckStatus } from '../core/check-status.js';
import { median } from '../grade/summary.js';
import type { ClassProgress, LabOutline, StudentResult } from '../grade/types.js';
import type { ClassState, StudentTrack } from './class-state.js';
import type { ClassAggregate, ExerciseProgress, FailureReason, LiveRow, StuckStudent } from './types.js';

const MINUTE_MS = 60_000;
/** A week of minutes: a history resumed long after still charts in bounded memory. */
const MAX_MINUTES = 7 * 24 * 60;
const MAX_REASONS = 8;

export const studentLabel = (student: StudentResult['student'] | undefined, id: string): string => student?.name ?? id;

const checksOf = (outline: LabOutline) => outline.exercises.flatMap((exercise) => exercise.checks);

const messagesOf = (result: StudentResult | undefined): Map<string, { message: string; messageId: string; title: string }> =>
  new Map((result?.report?.exercises ?? []).flatMap((exercise) => exercise.checks.map((check) => [check.id, check] as const)));

export const rowOf = (track: StudentTrack, outline: LabOutline): LiveRow => {
  const result = track.result;
  const found = messagesOf(track.lastGraded);
  const checks = checksOf(outline);
  const score = result?.status === 'graded' ? result.report?.score : undefined;
  return {
    index: track.index,
    id: track.id,
    label: studentLabel(result?.student, track.id),
    status: result?.status ?? 'pending',
    ...(result?.reason === undefined ? {} : { reason: result.reason }),
    ...(score === undefined ? {} : { score }),
    cells: checks.map((check): CheckStatus | '' => track.checks.get(check.id)?.status ?? ''),
    messages: checks.map((check) => (track.checks.get(check.id)?.status === 'pass' ? '' : (found.get(check.id)?.message ?? ''))),
    exercises: outline.exercises.map((exercise) => {
      const passed = track.exercises.get(exercise.id)?.passed;
      return passed === undefined ? '' : passed ? 'pass' : 'fail';
    }),
    ...(track.lastGraded?.hints && track.lastGraded.hints.used > 0 ? { hintsUsed: track.lastGraded.hints.used } : {}),
  };
};

/** Per exercise the student passed while tp watched: the time from their previous exercise passed (or first sight). */
export const timesToPass = (track: StudentTrack): Map<string, number> => {
  const passes = [...track.exercises].flatMap(([id, exercise]) => (exercise.firstPassAt === undefined ? [] : [[id, exercise.firstPassAt] as const]));
  const times = new Map<string, number>();
  for (const [id, at] of passes) {
    let from = track.firstSeen ?? at;
    for (const [, other] of passes) if (other < at && other > from) from = other;
    times.set(id, at - from);
  }
  return times;
};

const exerciseProgress = (state: ClassState): ExerciseProgress[] => {
  const tracks = state.tracks().filter((track) => track.result?.status === 'graded');
  const times = tracks.map(timesToPass);
  return state.outline.exercises.map((exercise) => {
    const durations = times.flatMap((map) => (map.has(exercise.id) ? [map.get(exercise.id) as number] : []));
    const medianMs = median(durations);
    return {
      id: exercise.id,
      title: exercise.title,
      passed: tracks.filter((track) => track.exercises.get(exercise.id)?.passed === true).length,
      graded: tracks.length,
      timed: durations.length,
      ...(medianMs === undefined ? {} : { medianMs }),
    };
  });
};

/** The check a student has been failing longest while on its exercise, or their silence, when over `afterMs`. */
const stuckOf = (track: StudentTrack, outline: LabOutline, now: number, afterMs: number): StuckStudent | undefined => {
  if (track.result?.status !== 'graded') return undefined;
  const label = studentLabel(track.result.student, track.id);
  const messages = messagesOf(track.lastGraded);
  let worst: StuckStudent | undefined;
  for (const exercise of outline.exercises) {
    const started = track.exercises.get(exercise.id);
    if (started?.startedAt === undefined || started.passed) continue;
    for (const check of exercise.checks) {
      const state = track.checks.get(check.id);
      if (check.points === 0 || state?.failingSince === undefined) continue;
      // Failing since before the student began on the exercise counts from when they began.
      const since = Math.max(state.failingSince, started.startedAt);
      if (now - since < afterMs || (worst && worst.since <= since)) continue;
      worst = { id: track.id, label, since, kind: 'check', check: { id: check.id, title: check.title, message: messages.get(check.id)?.message ?? '' } };
    }
  }
  if (worst) return worst;
  const everything = outline.exercises.every((exercise) => track.exercises.get(exercise.id)?.passed === true);
  const quiet = track.lastChange ?? now;
  return !everything && now - quiet >= afterMs ? { id: track.id, label, since: quiet, kind: 'idle' } : undefined;
};

const failureReasons = (state: ClassState): FailureReason[] => {
  const groups = new Map<string, { students: Set<string>; sample: string; checks: Set<string> }>();
  const points = new Map(checksOf(state.outline).map((check) => [check.id, check.points]));
  for (const track of state.tracks()) {
    if (track.result?.status !== 'graded' || !track.lastGraded?.report) continue;
    for (const exercise of track.lastGraded.report.exercises) {
      const started = track.exercises.get(exercise.id);
      // What the student has not begun is not a reason they are stuck on.
      if (started?.startedAt === undefined || exercise.passed) continue;
      for (const check of exercise.checks) {
        if (!isFailed(check.status) || points.get(check.id) === 0) continue;
        const group = groups.get(check.messageId) ?? { students: new Set<string>(), sample: check.message, checks: new Set<string>() };
        group.students.add(track.id);
        group.checks.add(check.title);
        groups.set(check.messageId, group);
      }
    }
  }
  return [...groups]
    .map(([messageId, group]) => ({ messageId, students: group.students.size, sample: group.sample, checks: [...group.checks] }))
    .sort((a, b) => b.students - a.students || a.messageId.localeCompare(b.messageId))
    .slice(0, MAX_REASONS);
};

export const aggregateOf = (state: ClassState, now: number, stuckAfterMs: number): ClassAggregate => {
  const tracks = state.tracks();
  const stuck = tracks.flatMap((track) => stuckOf(track, state.outline, now, stuckAfterMs) ?? []).sort((a, b) => a.since - b.since);
  return {
    at: new Date(now).toISOString(),
    students: tracks.length,
    graded: tracks.filter((track) => track.result?.status === 'graded').length,
    errors: tracks.filter((track) => track.result?.status === 'error').length,
    pending: tracks.filter((track) => track.result === undefined || track.result.status === 'pending').length,
    exercises: exerciseProgress(state),
    stuck,
    reasons: failureReasons(state),
    stuckAfterMs,
  };
};

/** The class over time, for report.html's chart and the page's. */
export const classProgress = (state: ClassState, now: number): ClassProgress => {
  const minutes = Math.min(MAX_MINUTES, Math.max(1, Math.ceil((now - state.startedAt) / MINUTE_MS)));
  const passesPerMinute = new Array<number>(minutes).fill(0);
  for (const track of state.tracks()) {
    for (const exercise of track.exercises.values()) {
      if (exercise.firstPassAt === undefined) continue;
      const minute = Math.min(minutes - 1, Math.max(0, Math.floor((exercise.firstPassAt - state.startedAt) / MINUTE_MS)));
      passesPerMinute[minute] = (passesPerMinute[minute] ?? 0) + 1;
    }
  }
  return {
    startedAt: new Date(state.startedAt).toISOString(),
    passesPerMinute,
    exercises: exerciseProgress(state).map(({ id, timed, medianMs }) => ({ id, timed, ...(medianMs === undefined ? {} : { medianMs }) })),
  };
};
