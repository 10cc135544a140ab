// GitHub Classroom (`--format classroom`): the JSON that
// classroom-resources/autograding-grading-reporter reads from a step output
// `result` (base64), written as its graders (autograding-command-grader,
// autograding-io-grader) write theirs: `version`, `status`, `max_score`, and
// `tests[]`, here one per exercise with the points it earned. The reporter sends
// Classroom the sum of `tests[].score` over `max_score` ("Points 26/34"); its
// console table shows another figure, the share of tests passed times
// `max_score` (docs/github-classroom.md says so to students).
import type { ExerciseResult, Report } from '../engine/types.js';
import { exerciseSummary } from './exercise-summary.js';

type TestStatus = 'pass' | 'fail' | 'error';

export interface ClassroomTest {
  name: string;
  status: TestStatus;
  score: number;
  message: string;
  test_code: string;
  filename: string;
  /** The reporter prints "- line N" beside any test whose line_no is not 0: graders write 0. */
  line_no: number;
  duration: number;
}

export interface ClassroomResult {
  version: 1;
  status: TestStatus;
  max_score: number;
  tests: ClassroomTest[];
}

const statusOf = (exercise: ExerciseResult): TestStatus => {
  if (exercise.passed) return 'pass';
  return exercise.checks.some((check) => check.status === 'error') ? 'error' : 'fail';
};

const testOf = (exercise: ExerciseResult): ClassroomTest => ({
  // The points are in the name: the reporter's console shows names, and a table whose total is not the grade.
  name: `${exercise.title} (${exercise.score}/${exercise.maxScore})`,
  status: statusOf(exercise),
  score: exercise.score,
  message: exerciseSummary(exercise),
  test_code: '',
  filename: '',
  line_no: 0,
  duration: Math.round(exercise.checks.reduce((sum, check) => sum + (check.durationMs ?? 0), 0)),
});

/** A submission that looks edited fails a test of its own, worth nothing: seen, never silent. */
const flaggedTest = (report: Report): ClassroomTest[] =>
  (report.flags ?? []).length === 0
    ? []
    : [{ name: 'submission integrity', status: 'fail', score: 0, message: (report.flags ?? []).map((flag) => `${flag.check}: ${flag.reason}`).join('; '), test_code: '', filename: '', line_no: 0, duration: 0 }];

export const classroomResult = (report: Report): ClassroomResult => {
  const tests = [...report.exercises.map(testOf), ...flaggedTest(report)];
  const status: TestStatus = tests.some((test) => test.status === 'error') ? 'error' : tests.some((test) => test.status === 'fail') ? 'fail' : 'pass';
  return { version: 1, status, max_score: report.maxScore, tests };
};

export const formatClassroom = (report: Report): string => `${JSON.stringify(classroomResult(report), null, 2)}\n`;

/** The line appended to $GITHUB_OUTPUT: the step output `result`, base64 of the JSON, as the graders set it. */
export const classroomOutputLine = (report: Report): string =>
  `result=${Buffer.from(JSON.stringify(classroomResult(report))).toString('base64')}\n`;
