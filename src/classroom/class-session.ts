// A class in session: the followed class feeds fresh results into the class
// state, whose differences go to the history and to whoever listens (the
// page, the terminal, the gradebook writer). A change costs one student's
// row, sent within ROWS_EVERY_MS; the class's figures (stuck, reasons, time
// to pass) are recomputed at most once a second, and every few seconds
// anyway since "stuck" grows with the clock alone.
import { identityOf } from '../grade/grade-student.js';
import type { CohortStudent, StudentResult } from '../grade/types.js';
import type { LabOutline } from '../grade/types.js';
import { aggregateOf, rowOf } from './class-view.js';
import { makeClassState, type ClassState } from './class-state.js';
import { followClass, type FollowClassOptions, type FollowedClass } from './follow-class.js';
import type { History } from './history-log.js';
import type { ClassAggregate, HistoryRecord, LiveRow } from './types.js';

export interface SessionListener {
  /** Rows of students whose result changed. */
  rows?(rows: readonly LiveRow[]): void;
  /** The changes, as the history keeps them. */
  records?(records: readonly HistoryRecord[]): void;
  aggregate?(aggregate: ClassAggregate): void;
}

export interface ClassSession {
  readonly outline: LabOutline;
  readonly followed: FollowedClass;
  readonly state: ClassState;
  listen(listener: SessionListener): () => void;
  rows(): LiveRow[];
  row(index: number): LiveRow | undefined;
  rowById(id: string): LiveRow | undefined;
  /** The students' results in cohort order; those not graded yet are `pending`. */
  results(): StudentResult[];
  aggregate(): ClassAggregate;
  stop(): Promise<void>;
}

export interface SessionOptions extends Omit<FollowClassOptions, 'onResult'> {
  outline: LabOutline;
  history: History;
  /** A check failing this long (or no change this long) makes a student stuck. */
  stuckAfterMs: number;
}

const ROWS_EVERY_MS = 50;
const AGGREGATE_EVERY_MS = 1000;
const AGGREGATE_AT_LEAST_EVERY_MS = 5000;

export const startClassSession = (options: SessionOptions): ClassSession => {
  const { outline, history, students } = options;
  const state = makeClassState(outline, students, Date.parse(history.header.started));
  for (const record of history.records) state.replay(record);
  const listeners = new Set<SessionListener>();
  const dirtyRows = new Set<number>();
  let rowTimer: NodeJS.Timeout | undefined;
  let changedSinceAggregate = true;
  let cachedAggregate: ClassAggregate | undefined;
  const now = () => options.now().getTime();
  const emit = <K extends keyof SessionListener>(key: K, ...args: Parameters<NonNullable<SessionListener[K]>>) => {
    for (const listener of listeners) (listener[key] as ((...a: typeof args) => void) | undefined)?.(...args);
  };

  const computeAggregate = (): ClassAggregate => {
    cachedAggregate = aggregateOf(state, now(), options.stuckAfterMs);
    changedSinceAggregate = false;
    return cachedAggregate;
  };
  let lastAggregate = 0;
  const aggregateTimer = setInterval(() => {
    if (listeners.size === 0) return;
    if (!changedSinceAggregate && now() - lastAggregate < AGGREGATE_AT_LEAST_EVERY_MS) return;
    lastAggregate = now();
    emit('aggregate', computeAggregate());
  }, AGGREGATE_EVERY_MS);
  aggregateTimer.unref();

  const flushRows = () => {
    rowTimer = undefined;
    const rows = [...dirtyRows].flatMap((index) => {
      const track = state.track(index);
      return track ? [rowOf(track, outline)] : [];
    });
    dirtyRows.clear();
    if (rows.length > 0) emit('rows', rows);
  };

  const followed = followClass({
    ...options,
    onResult(index, result) {
      const track = state.track(index);
      if (!track) return;
      const before = JSON.stringify(rowOf(track, outline));
      const records = state.update(index, result, now());
      // A result that changed nothing (graded again after a change no check reads) costs no row.
      if (records.length === 0 && JSON.stringify(rowOf(track, outline)) === before) return;
      history.append(records);
      if (records.length > 0) emit('records', records);
      changedSinceAggregate = true;
      dirtyRows.add(index);
      rowTimer ??= setTimeout(flushRows, ROWS_EVERY_MS);
    },
  });

  const byIndex = new Map(students.map((student: CohortStudent) => [student.index, student]));
  const indexById = new Map(students.map((student) => [student.id, student.index]));
  return {
    outline,
    followed,
    state,
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rows: () => state.tracks().map((track) => rowOf(track, outline)),
    row(index) {
      const track = state.track(index);
      return track ? rowOf(track, outline) : undefined;
    },
    rowById(id) {
      const index = indexById.get(id);
      const track = index === undefined ? undefined : state.track(index);
      return track ? rowOf(track, outline) : undefined;
    },
    results: () =>
      state.tracks().map((track): StudentResult => {
        const student = byIndex.get(track.index);
        return track.result ?? { student: student ? identityOf(student) : { index: track.index, id: track.id }, status: 'pending' };
      }),
    aggregate: () => (cachedAggregate && !changedSinceAggregate ? cachedAggregate : computeAggregate()),
    async stop() {
      clearInterval(aggregateTimer);
      await followed.stop();
      if (rowTimer) {
        clearTimeout(rowTimer);
        flushRows();
      }
    },
  };
};
