// The cohort model: who is graded, where, and what came of it. The gradebook
// is what every gradebook formatter (csv, html, feedback, json) reads.
import type { FactsOverride } from '../core/kubeconfig-facts.js';
import type { Report } from '../engine/types.js';
import type { Lang } from '../core/text.js';

/** One student of a cohort file, defaults applied and paths made absolute. */
export interface CohortStudent {
  /** Position in the cohort file, so shards merge back into the file's order. */
  index: number;
  id: string;
  name?: string;
  email?: string;
  /** Moodle's "ID number" of the student. */
  idNumber?: string;
  /** Moodle's username of the student. */
  username?: string;
  /** Absolute; undefined means what kubectl would use ($KUBECONFIG, ~/.kube/config, in-cluster). */
  kubeconfig?: string;
  /**
   * False when the kubeconfig is the student's (named in their entry, or by a `{id}` path in
   * defaults) and the trainer did not trust it: no credential plugin, no file reference (docs/grading.md).
   */
  trustKubeconfig?: boolean;
  /**
   * The kubeconfig is the student's own (named in their entry, or by a `{id}` path in defaults):
   * its server is a scheme, a host and a port, and HTTP checks reach the app through its API
   * server, not by node ports the trainer did not ask for (`--http-via nodeport`).
   */
  handedIn?: true;
  context?: string;
  /** Undefined means the context's namespace. */
  namespace?: string;
  /** Absolute path of the answers file. */
  answers: string;
  /** The answers file as written in the cohort file (reports show this, not an absolute path). */
  answersAsWritten: string;
  /** The student's submission root (see submissionRoot): a folder, or the answers file alone, that no link may leave. */
  submission?: string;
  /**
   * The ids of every student whose answers file is in the same folder, this one included, when
   * there are several: the hint state there is nobody's own, and counts for no one.
   */
  answersFolderSharedBy?: string[];
  lang?: Lang;
  facts?: FactsOverride;
}

/** The user field Moodle's grade import finds students by (its "Map to"). */
export type MoodleIdentifier = 'email' | 'idnumber' | 'username';

export interface Cohort {
  file: string;
  lab?: string;
  /** The cohort's `moodleIdentifier:`; `tp grade --moodle-id` wins. */
  moodleIdentifier?: MoodleIdentifier;
  variables: Record<string, string>;
  students: CohortStudent[];
  /** Things worth a word that do not stop the grading (two students in one namespace…). */
  warnings: string[];
}

export type StudentStatus = 'graded' | 'error' | 'pending';

/** What the gradebook shows of a student: `flagged` is graded from a submission that looks edited. */
export type ShownStatus = StudentStatus | 'flagged';

export interface StudentResult {
  student: Pick<CohortStudent, 'index' | 'id' | 'name' | 'email' | 'idNumber' | 'username' | 'lang'>;
  status: StudentStatus;
  /** Why the student could not be graded (status `error`). */
  reason?: string;
  report?: Report;
  /** Hints the student used (hints that climb), read from the hint state of their submission. */
  hints?: { used: number; levels: Record<string, number> };
}

/** The lab as the gradebook shows it, in the trainer's language: columns of the CSV and the heatmap. */
export interface LabOutline {
  id: string;
  title: string;
  maxScore: number;
  exercises: Array<{
    id: string;
    title: string;
    maxScore: number;
    checks: Array<{ id: string; title: string; points: number }>;
  }>;
}

export interface RateOf {
  id: string;
  /** Students graded who passed it. */
  passed: number;
  /** Students graded. */
  graded: number;
}

export interface CohortSummary {
  students: number;
  graded: number;
  errors: number;
  pending: number;
  /** Graded from a submission that looks edited (among `graded`). */
  flagged: number;
  /** Over graded students; undefined when none was graded. */
  meanScore?: number;
  medianScore?: number;
  exercises: RateOf[];
  checks: Array<RateOf & { exercise: string }>;
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** What a run cost, for benchmarks; summed by merges. */
export interface RunStats {
  apiRequests: number;
  clusters: number;
  durationMs: number;
}

/** How a class went over time (`tp grade --watch`, from its history): report.html's chart. */
export interface ClassProgress {
  /** When the class began: the first line of its history. */
  startedAt: string;
  /** Exercises passed for the first time, per minute since the start (index 0 is the first minute). */
  passesPerMinute: number[];
  /**
   * Per exercise, in the lab's order: how many students passed it while tp watched, and the median
   * time it took them, from their previous exercise passed (or from when tp first saw them).
   */
  exercises: Array<{ id: string; timed: number; medianMs?: number }>;
}

export interface Gradebook {
  outline: LabOutline;
  /** The trainer's language: titles of the outline, words of the HTML report. */
  lang: Lang;
  /** False when the run was interrupted (Ctrl-C) or shards are missing: some students are not graded. */
  complete: boolean;
  generatedAt: string;
  /** Students in the whole cohort file (a shard holds only some of them). */
  cohortSize: number;
  shard?: Shard;
  /** Shards a merge combined. */
  mergedShards?: number[];
  students: StudentResult[];
  summary: CohortSummary;
  run: RunStats;
  /** The class over time, when it was graded live (`tp grade --watch`). */
  progress?: ClassProgress;
}
