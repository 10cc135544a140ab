// Which user field Moodle's grade import finds each student by, and who lacks
// it. Moodle gives a row with a blank identifier cell to the previous row's
// student and aborts the whole import on an unknown one (grade/import/csv,
// load_data::map_user_data_with_value): so tp grade refuses a cohort where a
// student has no value for the chosen field rather than write such a file.
import type { CohortStudent, MoodleIdentifier } from './types.js';

export const MOODLE_IDENTIFIERS: readonly MoodleIdentifier[] = ['email', 'idnumber', 'username'];

export const isMoodleIdentifier = (value: unknown): value is MoodleIdentifier =>
  typeof value === 'string' && (MOODLE_IDENTIFIERS as readonly string[]).includes(value);

const valueOf = (student: Pick<CohortStudent, 'email' | 'idNumber' | 'username'>, field: MoodleIdentifier): string | undefined =>
  field === 'email' ? student.email : field === 'idnumber' ? student.idNumber : student.username;

/** The ids of the students with no (or a blank) value for `field`. */
export const studentsWithout = (students: readonly CohortStudent[], field: MoodleIdentifier): string[] =>
  students.filter((student) => (valueOf(student, field) ?? '').trim() === '').map((student) => student.id);

export interface IdentifierChoice {
  field: MoodleIdentifier;
  /** Students without it: the grading is refused while there are any. */
  missing: string[];
}

/**
 * The field the trainer chose (flag, else cohort); when neither chose, the first
 * field every student has (email, idnumber, username), else email with those who lack it.
 */
export const chooseIdentifier = (students: readonly CohortStudent[], chosen: MoodleIdentifier | undefined): IdentifierChoice => {
  if (chosen !== undefined) return { field: chosen, missing: studentsWithout(students, chosen) };
  const complete = MOODLE_IDENTIFIERS.find((field) => studentsWithout(students, field).length === 0);
  return complete === undefined ? { field: 'email', missing: studentsWithout(students, 'email') } : { field: complete, missing: [] };
};

/** Students without any identifier Moodle could find them by. */
const withoutAny = (students: readonly CohortStudent[]): string[] => {
  const lacking = MOODLE_IDENTIFIERS.map((field) => new Set(studentsWithout(students, field)));
  return students.filter((student) => lacking.every((set) => set.has(student.id))).map((student) => student.id);
};

/** How the cohort file names a field (`idnumber` is written `idNumber` there). */
export const cohortFieldName = (field: MoodleIdentifier): string => (field === 'idnumber' ? 'idNumber' : field);

export type IdentifierVerdict =
  | { verdict: 'ok'; field: MoodleIdentifier }
  /** No student has any identifier: a cohort that never goes to Moodle; grades.csv holds no row. */
  | { verdict: 'none'; students: string[] }
  /** Some students lack the field Moodle would map: `missing` by field (only the chosen one when chosen). */
  | { verdict: 'refused'; chosen?: MoodleIdentifier; missing: Array<{ field: MoodleIdentifier; students: string[] }> };

/**
 * Whether grades.csv can be written for this cohort. With a field the trainer chose, every
 * student must have it. Without a choice, a field every student has is used; when there is
 * none, a row of a student lacking the field the trainer will map in Moodle would be imported
 * as the previous row's student: refused, unless no student has any identifier at all (the
 * file then holds no row, so it cannot harm a gradebook).
 */
export const judgeIdentifier = (students: readonly CohortStudent[], chosen: MoodleIdentifier | undefined): IdentifierVerdict => {
  const choice = chooseIdentifier(students, chosen);
  if (choice.missing.length === 0) return { verdict: 'ok', field: choice.field };
  if (chosen !== undefined) return { verdict: 'refused', chosen, missing: [{ field: chosen, students: choice.missing }] };
  if (students.length > 0 && withoutAny(students).length === students.length) return { verdict: 'none', students: students.map((s) => s.id) };
  return { verdict: 'refused', missing: MOODLE_IDENTIFIERS.map((field) => ({ field, students: studentsWithout(students, field) })) };
};
