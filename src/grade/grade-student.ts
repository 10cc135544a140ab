// Grades one student against a snapshot already taken for their cluster.
// Whatever goes wrong for this student (answers unreadable, cluster
// unreachable, too slow) becomes their `error` status with the reason: the
// others are still graded.
import type { ApiClient } from '../cluster/api-client.js';
import type { LoadedKubeconfig } from '../cluster/kubeconfig.js';
import type { HttpVia } from '../cluster/http-types.js';
import type { Snapshot } from '../cluster/types.js';
import { TpError } from '../core/errors.js';
import { checkTarget } from '../engine/check-target.js';
import { readHintUsage } from '../engine/hint-usage.js';
import type { Lab } from '../lab/types.js';
import { studentFacts } from './facts.js';
import type { CohortStudent, StudentResult } from './types.js';
import type { Lang } from '../core/text.js';

export interface StudentTarget {
  lab: Lab;
  student: CohortStudent;
  namespace: string;
  kubeconfig: LoadedKubeconfig;
  client: ApiClient;
  snapshotKinds: Snapshot['kinds'];
  snapshotNames: Snapshot['names'];
  variables: Readonly<Record<string, string>>;
  httpVia: HttpVia;
  timeoutMs: number;
  /** Bounds the whole grading of this student (answers, checks, HTTP). */
  studentTimeoutMs: number;
  lang: Lang;
  now: () => Date;
}

export const identityOf = (student: CohortStudent): StudentResult['student'] => ({
  index: student.index,
  id: student.id,
  ...(student.name === undefined ? {} : { name: student.name }),
  ...(student.email === undefined ? {} : { email: student.email }),
  ...(student.idNumber === undefined ? {} : { idNumber: student.idNumber }),
  ...(student.username === undefined ? {} : { username: student.username }),
  ...(student.lang === undefined ? {} : { lang: student.lang }),
});

export const errorResult = (student: CohortStudent, reason: string): StudentResult => ({
  student: identityOf(student),
  status: 'error',
  reason,
});

const reasonOf = (error: unknown): string =>
  error instanceof TpError
    ? error.message
    : `internal error while grading: ${error instanceof Error ? error.message : String(error)} (please report it)`;

export class StudentTimeout extends Error {}

/**
 * `work(signal)`, or a StudentTimeout after `ms`; then the signal aborts what
 * the work still waits on, so an abandoned student keeps nothing running.
 */
export const withTimeout = async <T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const abandon = new AbortController();
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      abandon.abort();
      fail(new StudentTimeout(`not graded within ${ms / 1000} s (see --student-timeout)`));
    }, ms);
  });
  try {
    return await Promise.race([work(abandon.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

export const gradeStudent = async (target: StudentTarget): Promise<StudentResult> => {
  const { student } = target;
  try {
    const { report } = await withTimeout(
      (signal) => checkTarget({
        signal,
        lab: target.lab,
        kubeconfig: { ...target.kubeconfig, namespace: target.namespace },
        answersFile: student.answers,
        ...(student.submission === undefined ? {} : { answersWithin: student.submission }),
        variables: target.variables,
        httpVia: target.httpVia,
        timeoutMs: target.timeoutMs,
        lang: student.lang ?? target.lang,
        now: target.now,
        facts: studentFacts(target.namespace, student.facts),
        snapshot: { namespace: target.namespace, facts: target.kubeconfig.facts, kinds: target.snapshotKinds, names: target.snapshotNames },
        client: target.client,
      }),
      target.studentTimeoutMs,
    );
    // Within the submission as the answers file is; a state the student broke counts no hint, and the report says why.
    const hints = await readHintUsage(target.lab, student.answers, student.submission === undefined ? {} : { within: student.submission });
    const warnings = hints.warning === undefined ? report.warnings : [...report.warnings, hints.warning];
    // Reports name the answers file as the cohort file does, not by an absolute path of the grading machine.
    return {
      student: identityOf(student),
      status: 'graded',
      report: { ...report, warnings, target: { ...report.target, answers: student.answersAsWritten } },
      hints: { used: hints.used, levels: hints.levels },
    };
  } catch (error) {
    return errorResult(student, error instanceof StudentTimeout ? error.message : reasonOf(error));
  }
};
