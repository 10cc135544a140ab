// tp grade --submissions: every student graded from the submission file they
// handed in, offline, with the trainer's lab (submission/grade.ts), into the
// same StudentResults as a live run. A file that cannot be read, or a student
// with none, is that student's error; the others are graded.
import type { Lab } from '../lab/types.js';
import type { Lang } from '../core/text.js';
import { TpError } from '../core/errors.js';
import { makeLimit } from '../core/limit.js';
import { decodeSubmission } from '../submission/file.js';
import { gradeSubmission } from '../submission/grade.js';
import { errorResult, identityOf } from './grade-student.js';
import type { Matching } from './match-submissions.js';
import type { RunStats, StudentResult } from './types.js';

export interface SubmissionsRunOptions {
  lab: Lab;
  matching: Matching;
  variables: Readonly<Record<string, string>>;
  /** The trainer's language: students without one of their own get it. */
  lang: Lang;
  concurrency: number;
  signal?: AbortSignal;
  onStudent?: (result: StudentResult) => void;
}

export interface SubmissionsRun {
  results: StudentResult[];
  complete: boolean;
  stats: RunStats;
}

const reasonOf = (error: unknown): string =>
  error instanceof TpError ? error.message : `internal error while grading: ${error instanceof Error ? error.message : String(error)} (please report it)`;

export const gradeSubmissions = async (options: SubmissionsRunOptions): Promise<SubmissionsRun> => {
  const started = Date.now();
  const limit = makeLimit(options.concurrency);
  const results = await Promise.all(
    options.matching.students.map(({ student, source }) =>
      limit(async (): Promise<StudentResult> => {
        if (options.signal?.aborted) return { student: identityOf(student), status: 'pending' };
        let result: StudentResult;
        if ('missing' in source) result = errorResult(student, source.missing);
        else {
          try {
            const submission = decodeSubmission(await source.read(), source.where);
            const { report, hints } = await gradeSubmission(submission, { lab: options.lab, variables: options.variables, lang: student.lang ?? options.lang, source: source.where });
            // The report names where its evidence was read: the trainer finds the file from it.
            result = { student: identityOf(student), status: 'graded', report: { ...report, target: { ...report.target, answers: source.where } }, hints: { used: hints.used, levels: hints.levels } };
          } catch (error) {
            result = errorResult(student, reasonOf(error));
          }
        }
        options.onStudent?.(result);
        return result;
      }),
    ),
  );
  return {
    results,
    complete: results.every((result) => result.status !== 'pending'),
    stats: { apiRequests: 0, clusters: 0, durationMs: Date.now() - started },
  };
};
