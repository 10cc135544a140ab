// From the cohort file's plain value (shape already checked) to students with
// defaults applied and paths made absolute, plus the semantic problems the
// schema cannot see: duplicate ids, a student without answers file, `{id}`
// making an invalid namespace.
import { dirname, isAbsolute, resolve } from 'node:path';
import type { CohortStudent } from './types.js';
import type { PlainObject } from '../core/json-shape.js';
import type { Lang } from '../core/text.js';
import type { FactsOverride } from '../core/kubeconfig-facts.js';
import type { LocatedProblem } from '../core/located-problem.js';

export interface PathContext {
  /** Directory of the cohort file: relative paths start there. */
  baseDir: string;
  homeDir: string;
  /** False when students are graded from submission files, which hold their answers. */
  answersRequired?: boolean;
}

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** `~/x` → home/x; relative → from the cohort file's directory. */
export const resolveCohortPath = (path: string, context: PathContext): string => {
  if (path === '~') return context.homeDir;
  if (path.startsWith('~/')) return resolve(context.homeDir, path.slice(2));
  return isAbsolute(path) ? path : resolve(context.baseDir, path);
};

/**
 * The student's submission root: what their answers file (and hint state) may not leave
 * through a link, at any depth. It is the part of the path the cohort file names as theirs:
 * from a template in defaults (`submissions/{id}/answers/answers_tp4`), the segment holding
 * `{id}` (`submissions/alice`); from a path written for the student
 * (`repos/alice/answers/answers_tp4`), the last segment naming their id (`repos/alice`). When
 * that segment is the file itself (`answers/{id}`, one flat folder of everyone's files), the
 * root is the file alone. With no segment naming the student, the folder of the answers file.
 */
export const submissionRoot = (written: { template?: string; path: string }, id: string, answers: string, context: PathContext): string => {
  const segments = (written.template ?? written.path).split('/');
  // The last segment that names the student: `repos/alice/answers/answers_tp4` is alice's from `alice` down.
  const lastNaming = segments.reduce((found, segment, index) => (segment.includes(id) ? index : found), -1);
  const own = written.template === undefined ? lastNaming : segments.findIndex((segment) => segment.includes('{id}'));
  if (own < 0) return dirname(answers);
  if (own === segments.length - 1) return answers;
  return resolveCohortPath(segments.slice(0, own + 1).join('/').replaceAll('{id}', id), context);
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** Who the student is: what Moodle and the submissions are matched by. */
const identityFields = (raw: PlainObject): Pick<CohortStudent, 'name' | 'email' | 'idNumber' | 'username'> => ({
  ...(text(raw['name']) === undefined ? {} : { name: text(raw['name']) }),
  ...(text(raw['email']) === undefined ? {} : { email: text(raw['email']) }),
  ...(text(raw['idNumber']) === undefined ? {} : { idNumber: text(raw['idNumber']) }),
  ...(text(raw['username']) === undefined ? {} : { username: text(raw['username']) }),
});

const withId = (value: string | undefined, id: string): string | undefined => value?.replaceAll('{id}', id);

const factsOf = (defaults: PlainObject, student: PlainObject): FactsOverride | undefined => {
  const merged = { ...(defaults['facts'] as FactsOverride | undefined), ...(student['facts'] as FactsOverride | undefined) };
  return Object.keys(merged).length === 0 ? undefined : merged;
};

/**
 * A kubeconfig a student handed in may only use inline credentials, unless the trainer trusts it
 * (`trustKubeconfig: true`); one the trainer names for everyone (defaults, no `{id}`) is the trainer's own.
 */
const kubeconfigHandedIn = (student: PlainObject, defaults: PlainObject): boolean =>
  student['kubeconfig'] !== undefined || String(defaults['kubeconfig'] ?? '').includes('{id}');

const kubeconfigTrusted = (student: PlainObject, defaults: PlainObject): boolean => {
  const trusted = typeof student['trustKubeconfig'] === 'boolean' ? student['trustKubeconfig'] : defaults['trustKubeconfig'] === true;
  return !kubeconfigHandedIn(student, defaults) || trusted;
};

export interface StudentsReading {
  students: CohortStudent[];
  problems: LocatedProblem[];
  warnings: string[];
}

/** A field of the student, else of the defaults with `{id}` filled in; and where it was written. */
const fieldOf = (defaults: PlainObject, student: PlainObject, index: number, key: string, id: string) => {
  const own = text(student[key]);
  if (own !== undefined) return { value: own, path: ['students', index, key] };
  return { value: withId(text(defaults[key]), id), path: ['defaults', key] };
};

const readStudent = (
  raw: PlainObject,
  index: number,
  defaults: PlainObject,
  context: PathContext,
  problems: LocatedProblem[],
): CohortStudent | undefined => {
  const id = String(raw['id']);
  const field = (key: string) => fieldOf(defaults, raw, index, key, id);
  const answers = field('answers');
  // Graded from submission files (tp grade --submissions), a student's answers are in their file.
  if (answers.value === undefined && context.answersRequired === false) {
    return { index, id, ...identityFields(raw), answers: '', answersAsWritten: '', ...(field('lang').value === undefined ? {} : { lang: field('lang').value as Lang }) };
  }
  if (answers.value === undefined) {
    problems.push({ path: ['students', index], message: `student "${id}" has no answers file: set answers here, or in defaults (e.g. answers: submissions/{id}/answers_tp4)` });
    return undefined;
  }
  const namespace = field('namespace');
  if (namespace.value !== undefined && !NAMESPACE.test(namespace.value)) {
    problems.push({ path: namespace.path, message: `namespace "${namespace.value}" of student "${id}" is not a valid namespace name (lowercase letters, digits and dashes)` });
    return undefined;
  }
  const kubeconfig = field('kubeconfig').value;
  const trusted = kubeconfigTrusted(raw, defaults);
  const facts = factsOf(defaults, raw);
  return {
    index,
    id,
    ...identityFields(raw),
    ...(kubeconfig === undefined ? {} : { kubeconfig: resolveCohortPath(kubeconfig, context), trustKubeconfig: trusted }),
    ...(kubeconfig !== undefined && kubeconfigHandedIn(raw, defaults) ? { handedIn: true as const } : {}),
    ...(field('context').value === undefined ? {} : { context: field('context').value }),
    ...(namespace.value === undefined ? {} : { namespace: namespace.value }),
    answers: resolveCohortPath(answers.value, context),
    answersAsWritten: answers.value,
    submission: submissionRoot(text(raw['answers']) === undefined ? { template: text(defaults['answers']) ?? answers.value, path: answers.value } : { path: answers.value }, id, resolveCohortPath(answers.value, context), context),
    ...(field('lang').value === undefined ? {} : { lang: field('lang').value as Lang }),
    ...(facts === undefined ? {} : { facts }),
  };
};

// Two students graded in one namespace of one cluster is most often a copy-paste slip.
const sharedNamespaces = (students: CohortStudent[]): string[] => {
  const seen = new Map<string, string>();
  const warnings: string[] = [];
  for (const student of students) {
    if (student.namespace === undefined) continue;
    const key = `${student.kubeconfig ?? ''}\u0000${student.context ?? ''}\u0000${student.namespace}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, student.id);
    else warnings.push(`students "${first}" and "${student.id}" are graded in the same namespace "${student.namespace}" of the same cluster`);
  }
  return warnings;
};

/** Students whose answers files share a folder learn who they share it with: its hint state is none of theirs. */
const markSharedAnswersFolders = (students: CohortStudent[]): CohortStudent[] => {
  const byFolder = new Map<string, string[]>();
  for (const student of students) {
    const folder = dirname(student.answers);
    // Pushed, not copied: a flat folder of everyone's files (answers/{id}) is one list of the whole cohort.
    const ids = byFolder.get(folder);
    if (ids) ids.push(student.id);
    else byFolder.set(folder, [student.id]);
  }
  return students.map((student) => {
    const sharedBy = byFolder.get(dirname(student.answers)) ?? [];
    return sharedBy.length > 1 ? { ...student, answersFolderSharedBy: sharedBy } : student;
  });
};

export const readStudents = (value: PlainObject, context: PathContext): StudentsReading => {
  const defaults = (value['defaults'] ?? {}) as PlainObject;
  const raws = value['students'] as PlainObject[];
  const problems: LocatedProblem[] = [];
  const firstIndex = new Map<string, number>();
  const students: CohortStudent[] = [];
  raws.forEach((raw, index) => {
    const id = String(raw['id']);
    const earlier = firstIndex.get(id);
    if (earlier !== undefined) {
      problems.push({ path: ['students', index, 'id'], message: `duplicate student id "${id}" (first used by students[${earlier}])` });
      return;
    }
    firstIndex.set(id, index);
    const student = readStudent(raw, index, defaults, context, problems);
    if (student) students.push(student);
  });
  return { students: markSharedAnswersFolders(students), problems, warnings: sharedNamespaces(students) };
};
