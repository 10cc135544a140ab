// Results and reports: what the engine produces and formatters print.
import type { CheckStatus } from '../core/check-status.js';
import type { Lang, TextData } from '../core/text.js';

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
}
