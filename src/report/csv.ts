// grades.csv and grades-not-imported.csv: what Moodle's "Import grades from CSV"
// (grade/import/csv) reads, and what it must not. Its import trims every cell,
// finds each row's student by the column mapped to a user field (a blank one
// keeps the *previous* row's student, an unknown one aborts the whole import),
// and takes a grade cell as a number, '' or '-' as "no grade" (erasing a grade
// already there) and anything else as an error that aborts the import. So
// grades.csv holds only students actually graded, every grade cell a number, and
// a short plain-text feedback per exercise (mapped to "Feedback for …"); the
// students in error or not graded go to grades-not-imported.csv with the reason.
// RFC 4180: commas, double quotes, CRLF. See docs/moodle.md.
import type { Gradebook, StudentResult } from '../grade/types.js';
import type { ExerciseResult } from '../engine/types.js';
import { exerciseSummary, oneLine, shortenTo } from './exercise-summary.js';
import { flagReasons, isFlagged, shownStatus } from '../grade/summary.js';

/** Columns before the exercises; their names are what Moodle's "Map from" list shows. */
export const IDENTITY_COLUMNS = ['id', 'name', 'email', 'idnumber', 'username'] as const;
/** Columns after the exercises. */
export const TRAILING_COLUMNS = ['total', 'max'] as const;
/** Columns of grades-not-imported.csv after the identity. */
export const NOT_IMPORTED_COLUMNS = ['status', 'reason'] as const;

export const GRADES_FILE = 'grades.csv';
export const NOT_IMPORTED_FILE = 'grades-not-imported.csv';

/** A feedback cell stays short: Moodle shows it beside the grade. */
export const FEEDBACK_MAX_LENGTH = 300;

// A spreadsheet would run a cell starting with these as a formula (CSV injection):
// names, reasons and feedback are text, so they are made to read as text.
const FORMULA_START = /^[=+\-@\t\r]/;

const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

const textCell = (value: string | undefined): string => {
  const cell = oneLine(value ?? '');
  return quote(FORMULA_START.test(cell) ? `'${cell}` : cell);
};

const identity = (result: StudentResult): string[] => {
  const { student } = result;
  return [student.id, student.name, student.email, student.idNumber, student.username].map(textCell);
};

/** "3/5 — cm1-labels: expected …; answer6: not answered": the score, then what is not right yet. */
const feedbackOf = (exercise: ExerciseResult): string => shortenTo(exerciseSummary(exercise), FEEDBACK_MAX_LENGTH);

/** The exercises of the outline as this student's report has them, or undefined when one is missing (a lab changed between shards). */
const exercisesOf = (result: StudentResult, gradebook: Gradebook): ExerciseResult[] | undefined => {
  if (result.status !== 'graded' || result.report === undefined) return undefined;
  const found = gradebook.outline.exercises.map((outline) => result.report?.exercises.find((exercise) => exercise.id === outline.id));
  return found.every((exercise): exercise is ExerciseResult => exercise !== undefined) ? found : undefined;
};

// Moodle would give a row with no identifier at all to the previous row's student.
const identified = (result: StudentResult): boolean =>
  [result.student.email, result.student.idNumber, result.student.username].some((value) => (value ?? '').trim() !== '');

// A grade from a submission that looks edited is never imported as if it were clean: the trainer reviews it first.
const importable = (result: StudentResult, gradebook: Gradebook): boolean => identified(result) && !isFlagged(result) && exercisesOf(result, gradebook) !== undefined;

const notImportedReason = (result: StudentResult): string => {
  if (result.status === 'error') return result.reason ?? '';
  if (isFlagged(result)) return `${result.report?.score}/${result.report?.maxScore} from a submission to review: ${flagReasons(result)}`;
  if (result.status === 'graded' && !identified(result)) return "no email, idNumber or username: Moodle's import could not find this student";
  if (result.status === 'pending') return 'not graded (the run was interrupted or a shard is missing)';
  return "the report has not every exercise of the lab (graded with another version of it?)";
};

export const formatGradesCsv = (gradebook: Gradebook): string => {
  const { exercises } = gradebook.outline;
  const header = [
    ...IDENTITY_COLUMNS,
    ...exercises.map((exercise) => textCell(exercise.id)),
    ...TRAILING_COLUMNS,
    ...exercises.map((exercise) => textCell(`${exercise.id} feedback`)),
  ];
  const rows = gradebook.students.flatMap((result) => {
    const graded = exercisesOf(result, gradebook);
    if (graded === undefined || result.report === undefined || !identified(result) || isFlagged(result)) return [];
    return [
      [
        ...identity(result),
        ...graded.map((exercise) => String(exercise.score)),
        String(result.report.score),
        String(gradebook.outline.maxScore),
        ...graded.map((exercise) => textCell(feedbackOf(exercise))),
      ],
    ];
  });
  return [header, ...rows].map((cells) => `${cells.join(',')}\r\n`).join('');
};

/** The students grades.csv leaves out, and why: to grade again, never to import. */
export const formatNotImportedCsv = (gradebook: Gradebook): string => {
  const rows = gradebook.students
    .filter((result) => !importable(result, gradebook))
    .map((result) => [...identity(result), shownStatus(result), textCell(notImportedReason(result))]);
  return [[...IDENTITY_COLUMNS, ...NOT_IMPORTED_COLUMNS], ...rows].map((cells) => `${cells.join(',')}\r\n`).join('');
};
