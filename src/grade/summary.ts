// The cohort's figures: how many were graded, the mean and median score, and
// the success rate of every exercise and check (what the cohort struggled
// with). Computed here so that formatters only print them.
import type { CohortSummary, LabOutline, RateOf, ShownStatus, StudentResult } from './types.js';

/** Graded from a submission whose integrity checks found something: never imported or pushed as it is. */
export const isFlagged = (result: StudentResult): boolean => result.status === 'graded' && (result.report?.flags ?? []).length > 0;

export const shownStatus = (result: StudentResult): ShownStatus => (isFlagged(result) ? 'flagged' : result.status);

/** The reasons a student is flagged, on one line. */
export const flagReasons = (result: StudentResult): string => (result.report?.flags ?? []).map((flag) => `${flag.check}: ${flag.reason}`).join('; ');

export const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const round2 = (value: number): number => Math.round(value * 100) / 100;

export const summarize = (outline: LabOutline, results: readonly StudentResult[]): CohortSummary => {
  const reports = results.flatMap((result) => (result.status === 'graded' && result.report ? [result.report] : []));
  const scores = reports.map((report) => report.score);
  // One pass over every student's results, counted by id: a cohort is students × checks.
  const exercisesPassed = new Map<string, RateOf>();
  const checksPassed = new Map<string, RateOf>();
  const count = (rates: Map<string, RateOf>, id: string, passed: boolean) => {
    const rate = rates.get(id) ?? { id, passed: 0, graded: 0 };
    rates.set(id, { id, passed: rate.passed + (passed ? 1 : 0), graded: rate.graded + 1 });
  };
  for (const report of reports) {
    for (const exercise of report.exercises) {
      count(exercisesPassed, exercise.id, exercise.passed);
      // A skipped or manual check says nothing about what the student managed.
      for (const check of exercise.checks) {
        if (check.status === 'pass' || check.status === 'fail' || check.status === 'error') count(checksPassed, `${exercise.id}\u0000${check.id}`, check.status === 'pass');
      }
    }
  }
  const exercises: RateOf[] = outline.exercises.map((exercise) => {
    const rate = exercisesPassed.get(exercise.id);
    return { id: exercise.id, passed: rate?.passed ?? 0, graded: rate?.graded ?? 0 };
  });
  const checks = outline.exercises.flatMap((exercise) =>
    exercise.checks.map((check) => {
      const rate = checksPassed.get(`${exercise.id}\u0000${check.id}`);
      return { id: check.id, exercise: exercise.id, passed: rate?.passed ?? 0, graded: rate?.graded ?? 0 };
    }),
  );
  const mean = scores.length === 0 ? undefined : round2(scores.reduce((sum, s) => sum + s, 0) / scores.length);
  const middle = median(scores);
  return {
    students: results.length,
    graded: reports.length,
    errors: results.filter((result) => result.status === 'error').length,
    pending: results.filter((result) => result.status === 'pending').length,
    flagged: results.filter(isFlagged).length,
    ...(mean === undefined ? {} : { meanScore: mean }),
    ...(middle === undefined ? {} : { medianScore: middle }),
    exercises,
    checks,
  };
};

/** A rate as a percentage (0–100), or undefined when nobody was graded on it. */
export const percentOf = (rate: RateOf): number | undefined => (rate.graded === 0 ? undefined : Math.round((rate.passed / rate.graded) * 100));
