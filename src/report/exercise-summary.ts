// One exercise in one line of plain text — its score, then each check not right
// yet with what was found — for the places that show a line per exercise: the
// feedback columns of grades.csv, GitHub Classroom's tests, Gradescope's tests.
import type { ExerciseResult } from '../engine/types.js';
import { isFailed } from '../core/check-status.js';

export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Cut to `max` code points with an ellipsis: cutting between the two halves of a surrogate pair would leave half a character. */
export const shortenTo = (text: string, max: number): string => {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
};

/** "3/5 — Labels of cm1: expected …; Answer 6: not answered" (the whole line, uncut). */
export const exerciseSummary = (exercise: ExerciseResult): string => {
  const wrong = exercise.checks.filter((check) => isFailed(check.status));
  const score = `${exercise.score}/${exercise.maxScore}`;
  if (wrong.length === 0) return score;
  return `${score} — ${wrong.map((check) => `${check.title}: ${oneLine(check.message)}`).join('; ')}`;
};
