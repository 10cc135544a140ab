// Results and reports: what the engine produces and formatters print.
import type { CheckStatus } from '../core/check-status.js';
import type { Lang, TextData } from '../core/text.js';
import type { IntegrityFlag } from '../core/integrity.js';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  points: number;
  earned: number;
  /** What was expected and what was found, in the report's language. */
  message: string;
  /** Stable id of the message, for tests and tools (e.g. `resource.missing`). */
  messageId: string;
  /** What tools need and students do not read: the exact path, pattern and value found. */
  details?: TextData;
  /** Shown on failures only. */
  hint?: string;
  /** Which level `hint` is (1 = the first), when the check has several (hints that climb). */
  hintLevel?: number;
  /** How many levels of hint the check has, when more than one. */
  hintCount?: number;
  /** The answers-file key a check reads (`Answer4`) and its line there, for CI annotations on the answers file. */
  answer?: { key: string; line?: number };
  /** How long the check took (its own work, reads of the snapshot excluded), for JUnit's `time`. */
  durationMs?: number;
}

export interface ExerciseResult {
  id: string;
  title: string;
  section?: string;
  score: number;
  maxScore: number;
  passed: boolean;
  checks: CheckResult[];
}

export interface ReportTarget {
  context: string;
  server?: string;
  namespace: string;
  answers: string;
}

export interface Report {
  lab: string;
  labTitle?: string;
  lang: Lang;
  target: ReportTarget;
  score: number;
  maxScore: number;
  exercises: ExerciseResult[];
  /** Warnings that did not stop the grading (e.g. a tolerated answers-file defect). */
  warnings: string[];
  /** ISO time of the check; passed in (no hidden clock). */
  checkedAt?: string;
  /** The lab file, as the CLI names it (relative to where tp runs, when it lies there). */
  labFile?: string;
  /** How long reading the cluster took (one snapshot shared by every check), for JUnit's `time`. */
  snapshotMs?: number;
  /** Graded from a submission file that looks edited: what was found (the grade is not to be trusted as it is). */
  flags?: IntegrityFlag[];
}
