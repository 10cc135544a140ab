// The cohort file as a trainer writes it: defaults, {id}, relative paths, and
// every mistake reported as file:line:col.
import { describe, expect, it } from 'vitest';
import { parseCohort } from '../../src/grade/cohort-file.js';
import { CohortError } from '../../src/core/errors.js';
import cohortSchema from '../../schema/cohort.schema.json' with { type: 'json' };
import type { CohortStudent } from '../../src/grade/types.js';

const FILE = '/courses/k8s/cohort.yaml';
const HOME = '/home/trainer';

const problemsOf = (text: string): string[] => {
  try {
    parseCohort(text, FILE, HOME);
  } catch (error) {
    if (error instanceof CohortError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a CohortError');
};

describe('a valid cohort file', () => {
  const cohort = parseCohort(
    `lab: tp4
variables: { registry: ghcr.io }
defaults:
  kubeconfig: ~/.kube/training
  context: training
  namespace: "{id}"
  answers: submissions/{id}/answers_tp4
  facts: { contexts: 2, server: https://training.example.org:6443 }
students:
  - id: alice
    name: Alice Martin
    email: alice@example.org
    idNumber: "2024001"
  - id: bob
    kubeconfig: kubeconfigs/bob.yaml
    context: kind-kind
    namespace: default
    answers: /srv/bob/answers_tp4
    lang: en
    facts: { namespace: default }
`,
    FILE,
    HOME,
  );

  it('applies the defaults, with {id} filled in', () => {
    const [alice] = cohort.students;
    expect(alice).toMatchObject({
      index: 0,
      id: 'alice',
      name: 'Alice Martin',
      email: 'alice@example.org',
      idNumber: '2024001',
      kubeconfig: '/home/trainer/.kube/training',
      context: 'training',
      namespace: 'alice',
      answers: '/courses/k8s/submissions/alice/answers_tp4',
      answersAsWritten: 'submissions/alice/answers_tp4',
      facts: { contexts: 2, server: 'https://training.example.org:6443' },
    });
  });

  it("lets a student's own fields win, paths relative to the cohort file", () => {
    const bob = cohort.students[1];
    expect(bob).toMatchObject({
      kubeconfig: '/courses/k8s/kubeconfigs/bob.yaml',
      context: 'kind-kind',
      namespace: 'default',
      answers: '/srv/bob/answers_tp4',
      lang: 'en',
      // Facts merge field by field: the default server stays.
      facts: { contexts: 2, server: 'https://training.example.org:6443', namespace: 'default' },
    });
  });

  it('keeps the lab and the variables', () => {
    expect(cohort.lab).toBe('tp4');
    expect(cohort.variables).toEqual({ registry: 'ghcr.io' });
    expect(cohort.warnings).toEqual([]);
  });
});

describe('mistakes in a cohort file', () => {
  it('says where an unknown property is', () => {
    expect(problemsOf('students:\n  - id: alice\n    answers: a\n    namspace: alice\n')).toEqual([`${FILE}:4:5 unknown property "namspace"`]);
  });

  it('refuses an unquoted idNumber, which YAML reads as a number, with a hint to quote it', () => {
    expect(problemsOf('students:\n  - id: alice\n    answers: a\n    idNumber: 007\n')).toEqual([
      `${FILE}:4:15 idNumber must be a string in quotes (Moodle's ID number; unquoted, 007 would be read as the number 7): write idNumber: "007"`,
    ]);
    expect(parseCohort('students:\n  - id: alice\n    answers: a\n    idNumber: "007"\n', FILE, HOME).students[0]?.idNumber).toBe('007');
  });

  it('knows the Moodle identifier the trainer chose', () => {
    expect(parseCohort('moodleIdentifier: username\nstudents:\n  - { id: a, answers: a, username: jdoe }\n', FILE, HOME)).toMatchObject({
      moodleIdentifier: 'username',
      students: [{ username: 'jdoe' }],
    });
    expect(problemsOf('moodleIdentifier: login\nstudents:\n  - { id: a, answers: a }\n')[0]).toMatch(/:1:19 moodleIdentifier must be one of "email", "idnumber", "username"/);
  });

  it('says which id is used twice, where', () => {
    expect(problemsOf('defaults: { answers: "a/{id}" }\nstudents:\n  - id: alice\n  - id: bob\n  - id: alice\n')).toEqual([
      `${FILE}:5:9 duplicate student id "alice" (first used by students[0])`,
    ]);
  });

  it('asks for an answers file', () => {
    expect(problemsOf('students:\n  - id: alice\n')).toEqual([
      `${FILE}:2:5 student "alice" has no answers file: set answers here, or in defaults (e.g. answers: submissions/{id}/answers_tp4)`,
    ]);
  });

  it('refuses an id that cannot name a feedback file, and a bad language', () => {
    const problems = problemsOf('students:\n  - id: ../etc/passwd\n    answers: a\n  - id: bob\n    answers: b\n    lang: de\n');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(`${FILE}:2:9 id must be an id of letters, digits, '.', '_' and '-' (it names the student's feedback file) (got "../etc/passwd")`);
    expect(problems[1]).toBe(`${FILE}:6:11 lang must be one of "fr", "en"`);
  });

  it('refuses a namespace that {id} makes invalid', () => {
    expect(problemsOf('defaults: { namespace: "ns-{id}", answers: a }\nstudents:\n  - id: Alice.M\n')).toEqual([
      `${FILE}:1:24 namespace "ns-Alice.M" of student "Alice.M" is not a valid namespace name (lowercase letters, digits and dashes)`,
    ]);
  });

  it('reports broken YAML alone', () => {
    const problems = problemsOf('students:\n  - id: alice\n   answers: [\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^\/courses\/k8s\/cohort\.yaml:\d+:\d+ /);
  });

  it('needs at least one student', () => {
    expect(problemsOf('lab: tp4\nstudents: []\n')).toEqual([`${FILE}:2:11 students must be a non-empty list of students`]);
  });
});

describe('warnings', () => {
  it('notes two students graded in the same namespace of the same cluster', () => {
    const cohort = parseCohort('defaults: { answers: "a/{id}", namespace: shared }\nstudents:\n  - id: alice\n  - id: bob\n', FILE, HOME);
    expect(cohort.warnings).toEqual(['students "alice" and "bob" are graded in the same namespace "shared" of the same cluster']);
  });
});

describe('the cohort schema', () => {
  it('knows the same student fields as the code', () => {
    // Every field a student may write becomes a CohortStudent field (idNumber and all).
    const studentKeys: Array<keyof CohortStudent> = ['id', 'name', 'email', 'idNumber', 'username', 'kubeconfig', 'context', 'namespace', 'answers', 'trustKubeconfig', 'lang', 'facts'];
    expect(Object.keys(cohortSchema.definitions.student.properties).sort()).toEqual([...studentKeys].sort());
    // Defaults are the student fields that make sense for everyone.
    expect(Object.keys(cohortSchema.definitions.target.properties).every((key) => (studentKeys as string[]).includes(key))).toBe(true);
  });
});

describe('the submission root an answers file may not leave', () => {
  const cohort = parseCohort('defaults: { answers: "submissions/{id}/answers/answers_tp4" }\nstudents:\n  - id: alice\n  - id: bob\n    answers: /srv/bob/answers_tp4\n', FILE, HOME);
  it('is the folder named by {id} in a template, else the folder of the answers file', () => {
    expect(cohort.students.map((student) => student.submission)).toEqual(['/courses/k8s/submissions/alice', '/srv/bob']);
  });

  it('is, for a path written per student, the last folder that names them; the file alone in a flat folder', () => {
    const perStudent = parseCohort('students:\n  - { id: alice, answers: repos/alice/answers/answers_tp4 }\n  - { id: bob, answers: hand-ins/2026/answers_tp4 }\n', FILE, HOME);
    expect(perStudent.students.map((student) => student.submission)).toEqual(['/courses/k8s/repos/alice', '/courses/k8s/hand-ins/2026']);
    const flat = parseCohort('defaults: { answers: "answers/{id}" }\nstudents:\n  - id: alice\n  - id: bob\n', FILE, HOME);
    expect(flat.students.map((student) => student.submission)).toEqual(['/courses/k8s/answers/alice', '/courses/k8s/answers/bob']);
    // Who shares a folder of answers files is known: its hint state is nobody's own.
    expect(flat.students.map((student) => student.answersFolderSharedBy)).toEqual([['alice', 'bob'], ['alice', 'bob']]);
    expect(perStudent.students.map((student) => student.answersFolderSharedBy)).toEqual([undefined, undefined]);
  });
});
