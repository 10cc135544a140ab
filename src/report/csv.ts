// grades.csv: one row per student, one column per exercise, the total and the
// status — the shape Moodle's "Import grades from CSV" maps (by email or ID
// number; see docs/moodle.md). RFC 4180: commas, double quotes, CRLF.
import type { Gradebook, StudentResult } from '../grade/types.js';

/** Columns before the exercises; their names are what Moodle's "Map from" list shows. */
export const IDENTITY_COLUMNS = ['id', 'name', 'email', 'idnumber'] as const;
/** Columns after the exercises. */
export const TRAILING_COLUMNS = ['total', 'max', 'status', 'reason'] as const;

// A spreadsheet would run a cell starting with these as a formula (CSV injection):
// names and reasons are text, so they are made to read as text.
const FORMULA_START = /^[=+\-@\t\r]/;

const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

const textCell = (value: string | undefined): string => {
  const cell = value ?? '';
  return quote(FORMULA_START.test(cell) ? `'${cell}` : cell);
};

const numberCell = (value: number | undefined): string => (value === undefined ? '' : String(value));

const row = (result: StudentResult, gradebook: Gradebook): string[] => {
  const { student, report } = result;
  // Only a graded student has grades: an error row leaves them empty rather than putting a false 0 in the gradebook.
  const graded = result.status === 'graded' ? report : undefined;
  const exerciseScores = gradebook.outline.exercises.map((exercise) =>
    numberCell(graded?.exercises.find((e) => e.id === exercise.id)?.score),
  );
  return [
    textCell(student.id),
    textCell(student.name),
    textCell(student.email),
    textCell(student.idNumber),
    ...exerciseScores,
    numberCell(graded?.score),
    numberCell(gradebook.outline.maxScore),
    result.status,
    textCell(result.reason?.replace(/\s*\n\s*/g, ' ')),
  ];
};

export const formatGradesCsv = (gradebook: Gradebook): string => {
  const header = [...IDENTITY_COLUMNS, ...gradebook.outline.exercises.map((exercise) => textCell(exercise.id)), ...TRAILING_COLUMNS];
  const lines = [header, ...gradebook.students.map((result) => row(result, gradebook))];
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
};
