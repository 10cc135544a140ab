// Grades one student against a snapshot already taken for their cluster.
// Whatever goes wrong for this student (answers unreadable, cluster
// unreachable, too slow) becomes their `error` status with the reason: the
// others are still graded.
import { dirname } from 'node:path';
import type { ApiClient } from '../cluster/api-client.js';
import type { LoadedKubeconfig } from '../cluster/kubeconfig.js';
import type { HttpVia } from '../cluster/http-types.js';
import type { Snapshot } from '../cluster/types.js';
import { TpError } from '../core/errors.js';
import { oneLine } from '../core/clean-text.js';
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
  /**
   * What was read of the student's namespace: a read shared with the other students of the
   * cluster, or this student's own cluster read now, inside their time (`signal` stops it).
   */
  readSnapshot: (signal: AbortSignal) => Promise<Pick<Snapshot, 'kinds' | 'names'>>;
  variables: Readonly<Record<string, string>>;
  httpVia: HttpVia;
  timeoutMs: number;
  /** Bounds the whole grading of this student (answers, checks, HTTP). */
  studentTimeoutMs: number;
  lang: Lang;
  now: () => Date;
  /** Ctrl-C: the whole run stops. */
  signal?: AbortSignal;
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

/** The reason is one line: it is printed as one (`alice: <reason>`), whatever a student's server or kubeconfig wrote into it. */
export const errorResult = (student: CohortStudent, reason: string): StudentResult => ({
  student: identityOf(student),
  status: 'error',
  reason: oneLine(reason),
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
export const withTimeout = async <T>(work: (signal: AbortSignal) => Promise<T>, ms: number, stop?: AbortSignal): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const abandon = new AbortController();
  // Ctrl-C abandons the student too: nothing of theirs goes on once the gradebook is being written.
  const signal = stop ? AbortSignal.any([abandon.signal, stop]) : abandon.signal;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      abandon.abort();
      fail(new StudentTimeout(`not graded within ${ms / 1000} s (see --student-timeout)`));
    }, ms);
  });
  try {
    return await Promise.race([work(signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

export const gradeStudent = async (target: StudentTarget): Promise<StudentResult> => {
  const { student } = target;
  try {
    const { report } = await withTimeout(
      async (signal) => checkTarget({
        snapshot: { namespace: target.namespace, facts: target.kubeconfig.facts, ...(await target.readSnapshot(signal)) },
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
        client: target.client,
      }),
      target.studentTimeoutMs,
      target.signal,
    );
    // Within the submission as the answers file is (its folder, when the submission is the file alone); a state the
    // student broke counts no hint, and one beside several students' answers counts for none: the report says why.
    const hintsWithin = student.submission === student.answers ? dirname(student.answers) : student.submission;
    const hints = await readHintUsage(target.lab, student.answers, {
      ...(hintsWithin === undefined ? {} : { within: hintsWithin }),
      ...(student.answersFolderSharedBy === undefined ? {} : { sharedBy: student.answersFolderSharedBy }),
    });
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
