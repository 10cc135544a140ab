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
