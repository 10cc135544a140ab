// The cohort's figures: how many were graded, the mean and median score, and
// the success rate of every exercise and check (what the cohort struggled
// with). Computed here so that formatters only print them.
import type { CohortSummary, LabOutline, RateOf, StudentResult } from './types.js';

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
  const exercises: RateOf[] = outline.exercises.map((exercise) => {
    const found = reports.flatMap((report) => report.exercises.filter((e) => e.id === exercise.id));
    return { id: exercise.id, passed: found.filter((e) => e.passed).length, graded: found.length };
  });
  const checks = outline.exercises.flatMap((exercise) =>
    exercise.checks.map((check) => {
      // A skipped or manual check says nothing about what the student managed.
      const found = reports
        .flatMap((report) => report.exercises.flatMap((e) => e.checks.filter((c) => c.id === check.id)))
        .filter((c) => c.status === 'pass' || c.status === 'fail' || c.status === 'error');
      return { id: check.id, exercise: exercise.id, passed: found.filter((c) => c.status === 'pass').length, graded: found.length };
    }),
  );
  const mean = scores.length === 0 ? undefined : round2(scores.reduce((sum, s) => sum + s, 0) / scores.length);
  const middle = median(scores);
  return {
    students: results.length,
    graded: reports.length,
    errors: results.filter((result) => result.status === 'error').length,
    pending: results.filter((result) => result.status === 'pending').length,
    ...(mean === undefined ? {} : { meanScore: mean }),
    ...(middle === undefined ? {} : { medianScore: middle }),
    exercises,
    checks,
  };
};

/** A rate as a percentage (0–100), or undefined when nobody was graded on it. */
export const percentOf = (rate: RateOf): number | undefined => (rate.graded === 0 ? undefined : Math.round((rate.passed / rate.graded) * 100));
