// Typed errors the user can act on. They are thrown anywhere and turned into a
// message and an exit code in one place: src/cli/exit.ts.

export type ErrorCode =
  | 'USAGE'
  | 'LAB_INVALID'
  | 'LAB_NOT_FOUND'
  | 'ANSWERS_UNREADABLE'
  | 'COHORT_INVALID'
  | 'CLUSTER_UNREACHABLE'
  | 'CLUSTER_FORBIDDEN'
  | 'KUBECONFIG_INVALID'
  /** The cluster holds something that stops the run (a nodePort another Service has). */
  | 'CLUSTER_CONFLICT'
  /** Moodle's web services refused or could not be reached (tp grade --push moodle). */
  | 'MOODLE'
  /** A submission file that cannot be read as one (tp grade --submissions, tp check --submission). */
  | 'SUBMISSION_INVALID'
  /** Ctrl-C (or SIGTERM, SIGHUP) ended a run that cannot keep half its work (tp lab test). */
  | 'INTERRUPTED'
  | 'IO';

export class TpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the user can do about it, shown under the message. */
    readonly advice?: string,
  ) {
    super(message);
    this.name = 'TpError';
  }
}

/** One problem in a file, reported as `file:line:col message`. */
export interface FileProblem {
  file: string;
  line: number;
  col: number;
  message: string;
  severity: 'error' | 'warning';
}

export const formatProblem = (p: FileProblem): string =>
  `${p.file}:${p.line}:${p.col} ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;

export class LabError extends TpError {
  constructor(readonly problems: FileProblem[]) {
    super('LAB_INVALID', problems.map(formatProblem).join('\n'));
    this.name = 'LabError';
  }
}

/** A cohort file with problems, each as `file:line:col message` (tp grade). */
export class CohortError extends TpError {
  constructor(readonly problems: FileProblem[]) {
    super('COHORT_INVALID', problems.map(formatProblem).join('\n'));
    this.name = 'CohortError';
  }
}

/** A kubeconfig that cannot be read, each problem as `file:line:col message`. */
export class KubeconfigError extends TpError {
  constructor(readonly problems: FileProblem[]) {
    super('KUBECONFIG_INVALID', problems.map(formatProblem).join('\n'), 'Fix the kubeconfig (`kubectl config view` shows how kubectl reads it), or pass another with --kubeconfig.');
    this.name = 'KubeconfigError';
  }
}

export class AnswersError extends TpError {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super('ANSWERS_UNREADABLE', `${file}:${line}: ${reason}`, 'Fix this line of the answers file, or run `tp init` to recreate the missing keys.');
    this.name = 'AnswersError';
  }
}

export class ClusterError extends TpError {
  constructor(
    code: 'CLUSTER_UNREACHABLE' | 'CLUSTER_FORBIDDEN' | 'KUBECONFIG_INVALID',
    readonly context: string,
    reason: string,
    advice?: string,
  ) {
    super(code, `cluster (context "${context}"): ${reason}`, advice);
    this.name = 'ClusterError';
  }
}
