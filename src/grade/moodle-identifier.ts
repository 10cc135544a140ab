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
/** What Moodle can find a student by: a cohort's student, or a gradebook's. */
export type Identity = Pick<CohortStudent, 'id' | 'email' | 'idNumber' | 'username'>;

/** The student's value for `field`, trimmed; undefined when blank. */
export const identifierOf = (student: Identity, field: MoodleIdentifier): string | undefined => {
  const value = (valueOf(student, field) ?? '').trim();
  return value === '' ? undefined : value;
};

export const studentsWithout = (students: readonly Identity[], field: MoodleIdentifier): string[] =>
  students.filter((student) => (valueOf(student, field) ?? '').trim() === '').map((student) => student.id);

/** Whether Moodle could find this student by any field: grades.csv leaves out those it could not. */
const identified = (student: Identity): boolean => MOODLE_IDENTIFIERS.some((field) => (valueOf(student, field) ?? '').trim() !== '');

/** How the cohort file names a field (`idnumber` is written `idNumber` there). */
export const cohortFieldName = (field: MoodleIdentifier): string => (field === 'idnumber' ? 'idNumber' : field);

export type IdentifierVerdict =
  /** `unidentified`: students with no identifier at all, graded but left out of grades.csv. */
  | { verdict: 'ok'; field: MoodleIdentifier; unidentified: string[] }
  /** No student has any identifier: a cohort that never goes to Moodle; grades.csv holds no row. */
  | { verdict: 'none'; students: string[] }
  /** Some students lack the field Moodle would map: `missing` by field (only the chosen one when chosen). */
  | { verdict: 'refused'; chosen?: MoodleIdentifier; missing: Array<{ field: MoodleIdentifier; students: string[] }> };

/**
 * Whether grades.csv can be written for this cohort. With a field the trainer chose, every
 * student must have it. Without a choice, the rows grades.csv will hold are those of the
 * students with some identifier (the others go to grades-not-imported.csv): one field must be
 * given for all of them, the one the trainer then maps in Moodle. When none is, a row lacking
 * the mapped field would be imported as the previous row's student: refused.
 */
export const judgeIdentifier = (students: readonly Identity[], chosen: MoodleIdentifier | undefined): IdentifierVerdict => {
  if (chosen !== undefined) {
    const missing = studentsWithout(students, chosen);
    return missing.length === 0 ? { verdict: 'ok', field: chosen, unidentified: [] } : { verdict: 'refused', chosen, missing: [{ field: chosen, students: missing }] };
  }
  const rows = students.filter(identified);
  const unidentified = students.filter((student) => !identified(student)).map((student) => student.id);
  if (students.length > 0 && rows.length === 0) return { verdict: 'none', students: unidentified };
  const complete = MOODLE_IDENTIFIERS.find((field) => studentsWithout(rows, field).length === 0);
  if (complete !== undefined) return { verdict: 'ok', field: complete, unidentified };
  return { verdict: 'refused', missing: MOODLE_IDENTIFIERS.map((field) => ({ field, students: studentsWithout(students, field) })) };
};
