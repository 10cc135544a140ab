// The words of the live class: a change of a student's result as the history
// keeps it, and what the page and the terminal show of the class right now.
import type { CheckStatus } from '../core/check-status.js';
import type { StudentStatus } from '../grade/types.js';

/** The first line of a history file. */
export interface HistoryHeader {
  format: 'tp-live-history/1';
  lab: string;
  /** When the class began (ISO). */
  started: string;
}

/** A check's status changed (or, still failing, for another reason: `why` is its message id). */
export interface CheckRecord {
  t: string;
  student: string;
  check: string;
  /** null: the first result tp saw. */
  before: CheckStatus | null;
  after: CheckStatus;
  why?: string;
}

/** An exercise passed, or no longer does. */
export interface ExerciseRecord {
  t: string;
  student: string;
  exercise: string;
  before: 'pass' | 'fail' | null;
  after: 'pass' | 'fail';
}

/** The student could be graded, or no longer can (their cluster gone): their checks keep their last results. */
export interface StatusRecord {
  t: string;
  student: string;
  before: StudentStatus | null;
  after: StudentStatus;
}

/** One line of the history: a change of a student's result. */
export type HistoryRecord = CheckRecord | ExerciseRecord | StatusRecord;

export const isCheckRecord = (record: HistoryRecord): record is CheckRecord => 'check' in record;
export const isExerciseRecord = (record: HistoryRecord): record is ExerciseRecord => 'exercise' in record;

/** A student stuck: a check failing too long while they work on its exercise, or no change at all for too long. */
export interface StuckStudent {
  id: string;
  label: string;
  /** Since when (ms since epoch). */
  since: number;
  kind: 'check' | 'idle';
  check?: { id: string; title: string; message: string };
}

/** One reason many students fail on right now: "9 students: the pod cannot pull its image". */
export interface FailureReason {
  messageId: string;
  students: number;
  /** The message of one of them, as that student reads it. */
  sample: string;
  /** The titles of the checks failing for it. */
  checks: string[];
}

/** An exercise across the class right now. */
export interface ExerciseProgress {
  id: string;
  title: string;
  passed: number;
  graded: number;
  /** Students whose time to pass it is known, and its median (ms). */
  timed: number;
  medianMs?: number;
}

/** A student's row: their score, their status, one status per check of the lab (in the outline's order). */
export interface LiveRow {
  index: number;
  id: string;
  label: string;
  status: StudentStatus;
  reason?: string;
  score?: number;
  /** Per check, its status, or '' when there is none (not graded yet). */
  cells: Array<CheckStatus | ''>;
  /** Per check, what it says (the tooltip), '' when it passes. */
  messages: string[];
  /** Per exercise (in the outline's order): passed, not passed, or not graded yet. */
  exercises: Array<'pass' | 'fail' | ''>;
  hintsUsed?: number;
}

/** What the page shows besides the rows, recomputed at most once a second. */
export interface ClassAggregate {
  at: string;
  students: number;
  graded: number;
  errors: number;
  pending: number;
  exercises: ExerciseProgress[];
  stuck: StuckStudent[];
  reasons: FailureReason[];
  stuckAfterMs: number;
}
