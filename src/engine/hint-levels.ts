// Hints that climb, on a report: which failing checks have hints, and the report
// with each one's hint at the level the student has reached (answers/hint-state.ts
// decides the level; this only puts the words in).
import type { Lab } from '../lab/types.js';
import { pick, type Lang } from '../core/text.js';
import type { Report } from './types.js';
import { isFailed } from '../core/check-status.js';

/** Check id → number of hint levels, for the checks that have a hint. */
export const hintCountsOf = (lab: Lab): Map<string, number> =>
  new Map(lab.exercises.flatMap((e) => e.checks).flatMap((c) => ((c.hints?.length ?? 0) > 0 ? [[c.id, c.hints?.length ?? 0] as const] : [])));

/** The checks of the report that failed (or could not be made) and have hints: id → number of levels. */
export const failingWithHints = (report: Report, hintCounts: ReadonlyMap<string, number>): Map<string, number> =>
  new Map(
    report.exercises
      .flatMap((e) => e.checks)
      .filter((c) => isFailed(c.status))
      .flatMap((c) => {
        const count = hintCounts.get(c.id);
        return count === undefined ? [] : [[c.id, count] as const];
      }),
  );

/** The report with each failing check's hint at the level `shown` gives it (1-based); others as they were. */
export const withHintLevels = (report: Report, lab: Lab, shown: ReadonlyMap<string, number>, lang: Lang): Report => {
  const specs = new Map(lab.exercises.flatMap((e) => e.checks).map((c) => [c.id, c]));
  return {
    ...report,
    exercises: report.exercises.map((exercise) => ({
      ...exercise,
      checks: exercise.checks.map((check) => {
        const level = shown.get(check.id);
        const hints = specs.get(check.id)?.hints ?? [];
        const text = level === undefined ? undefined : hints[level - 1];
        if (level === undefined || text === undefined) return check;
        return { ...check, hint: pick(text, lang), ...(hints.length > 1 ? { hintLevel: level, hintCount: hints.length } : {}) };
      }),
    })),
  };
};
