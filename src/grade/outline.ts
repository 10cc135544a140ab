// The lab as the gradebook shows it: exercises and checks with their titles
// in the trainer's language. Error rows and merged shards need it, since they
// have no report to take the columns from.
import type { Lab } from '../lab/types.js';
import { scoredPoints } from '../core/check-status.js';
import type { LabOutline } from './types.js';
import { pick, type Lang } from '../core/text.js';

export const labOutline = (lab: Lab, lang: Lang): LabOutline => {
  const exercises = lab.exercises.map((exercise) => ({
    id: exercise.id,
    title: pick(exercise.title, lang),
    maxScore: exercise.checks.reduce((sum, check) => sum + scoredPoints(check), 0),
    checks: exercise.checks.map((check) => ({ id: check.id, title: pick(check.title, lang), points: check.points })),
  }));
  return {
    id: lab.id,
    title: pick(lab.title, lang),
    maxScore: exercises.reduce((sum, exercise) => sum + exercise.maxScore, 0),
    exercises,
  };
};
