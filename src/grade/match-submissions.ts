// Who handed in which submission: each file (or folder) is matched to a student
// of the cohort by what names it — the student's id, email, idNumber or username
// written as the file's name, or the full name Moodle writes in its folders
// (compared without case, accents, punctuation or word order). A file that names
// nobody, or several students, is left unmatched with the reason; a student with
// no file, or several, is said so. Without a cohort, each folder or file is a student.
import type { CohortStudent } from './types.js';
import type { SubmissionSource } from './submission-sources.js';

export interface Matching {
  /** The students (the cohort's, or made from the sources), each with their source or why there is none. */
  students: Array<{ student: CohortStudent; source: SubmissionSource | { missing: string } }>;
  /** Sources matched to no student, and why. */
  unmatched: Array<{ where: string; reason: string }>;
}

/** `Élodie  d'Arc-Martin` → `arc d elodie martin`: what is left of a name once Moodle's file names and people's habits are set aside. */
export const nameKey = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .sort()
    .join(' ');

const names = (student: CohortStudent): string[] =>
  [student.id, student.email?.toLowerCase(), student.idNumber, student.username].filter((value): value is string => value !== undefined && value.trim() !== '');

const matches = (source: SubmissionSource, student: CohortStudent): boolean => {
  const label = source.label.trim();
  if (names(student).some((value) => value === label || value === label.toLowerCase())) return true;
  const key = nameKey(label);
  return key !== '' && student.name !== undefined && nameKey(student.name) === key;
};

const sourceKey = (source: SubmissionSource): string => `${source.label}\u0000${source.participant ?? ''}`;

const severalFiles = (sources: readonly SubmissionSource[]): string =>
  `several submission files: ${sources.map((source) => source.where).join(', ')} (keep one)`;

export const matchToCohort = (cohort: readonly CohortStudent[], sources: readonly SubmissionSource[]): Matching => {
  const unmatched: Matching['unmatched'] = [];
  const byStudent = new Map<number, SubmissionSource[]>();
  for (const source of sources) {
    const found = cohort.filter((student) => matches(source, student));
    if (found.length === 1) {
      const index = (found[0] as CohortStudent).index;
      byStudent.set(index, [...(byStudent.get(index) ?? []), source]);
    } else {
      unmatched.push({ where: source.where, reason: found.length === 0 ? `"${source.label}" names no student of the cohort (by id, email, idNumber, username or name)` : `"${source.label}" names several students: ${found.map((s) => s.id).join(', ')}` });
    }
  }
  return {
    unmatched,
    students: cohort.map((student) => {
      const own = byStudent.get(student.index) ?? [];
      if (own.length === 1) return { student, source: own[0] as SubmissionSource };
      return { student, source: { missing: own.length === 0 ? 'no submission found for this student' : severalFiles(own) } };
    }),
  };
};

/** `Alice Martin` → `alice-martin`: an id for a student known only by a file's name. */
const slug = (label: string): string =>
  label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'student';

/** Without a cohort: a student per folder (or file), named by it; Moodle's full name is the student's name. */
export const studentsFromSources = (sources: readonly SubmissionSource[]): Matching => {
  const groups = new Map<string, SubmissionSource[]>();
  for (const source of sources) groups.set(sourceKey(source), [...(groups.get(sourceKey(source)) ?? []), source]);
  const taken = new Set<string>();
  const students = [...groups.values()].map((own, index) => {
    const first = own[0] as SubmissionSource;
    let id = first.participant === undefined ? slug(first.label) : `${slug(first.label)}-${first.participant}`;
    for (let n = 2; taken.has(id); n += 1) id = `${slug(first.label)}-${n}`;
    taken.add(id);
    const student: CohortStudent = { index, id, name: first.label, answers: '', answersAsWritten: '' };
    return { student, source: own.length === 1 ? first : { missing: severalFiles(own) } };
  });
  return { students, unmatched: [] };
};
