// tp grade tells the trainer how many hints each student used: read from the
// hint state in each submission (answers/.tp-hints_tp4.json), as hostile as the
// answers file: a broken one, or a link to another student's state, counts no
// hint and says why; the grades are not touched by it.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestNamespace, deleteNamespace, testKubeconfigPath } from '../support/cluster.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { runTp } from '../support/run-cli.js';
import type { Report } from '../../src/engine/types.js';

const work = mkdtempSync(join(tmpdir(), 'tp-grade-hints-'));
let namespace = '';
beforeAll(async () => {
  namespace = await createTestNamespace('grade-hints');
});
afterAll(() => deleteNamespace(namespace));

const submission = (id: string, state?: string): string => {
  const folder = join(work, 'submissions', id, 'answers');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'answers_tp4'), answersFileText(tp4Answers(testKubeconfigPath())));
  if (state !== undefined) writeFileSync(join(folder, '.tp-hints_tp4.json'), state);
  return folder;
};

interface GradedStudent {
  id: string;
  hintsUsed?: number;
  hintLevels?: Record<string, number>;
  report?: Report;
}

it('counts the hints of each student in grades.json and report.html; a hostile state counts none, with the reason', async () => {
  submission('alice', JSON.stringify({ version: 1, lab: 'tp4', levels: { 'cm1-labels': 3, 'scale-replicas': 1, 'not-a-check': 5 } }));
  submission('bob');
  submission('carol', '{"version":1,"levels":');
  // Dave's state is a link to Alice's: outside his submission, refused.
  const dave = submission('dave');
  symlinkSync(join(work, 'submissions', 'alice', 'answers', '.tp-hints_tp4.json'), join(dave, '.tp-hints_tp4.json'));
  writeFileSync(join(work, 'cohort.yaml'), [
    'lab: tp4',
    `defaults: { kubeconfig: ${testKubeconfigPath()}, namespace: ${namespace}, answers: "submissions/{id}/answers/answers_tp4" }`,
    'students:',
    ...['alice', 'bob', 'carol', 'dave'].map((id) => `  - { id: ${id}, email: ${id}@example.org }`),
    '',
  ].join('\n'));
  const out = join(work, 'out');
  const { exitCode, stderr } = await runTp(['grade', 'tp4', '--cohort', join(work, 'cohort.yaml'), '--output', out, '--http-via', 'proxy', '--timeout', '1']);
  // One namespace for the four (their hints differ, not their clusters): the grader warns about it, nothing else.
  expect(stderr).toContain('4/4 students graded, 0 in error');
  expect(exitCode).toBe(0);
  const { students } = JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8')) as { students: GradedStudent[] };
  const student = (id: string) => students.find((s) => s.id === id);
  expect(student('alice')).toMatchObject({ hintsUsed: 4, hintLevels: { 'cm1-labels': 3, 'scale-replicas': 1 } });
  expect(student('bob')).toMatchObject({ hintsUsed: 0, hintLevels: {} });
  expect(student('carol')).toMatchObject({ hintsUsed: 0 });
  expect(student('carol')?.report?.warnings).toContain('hint state .tp-hints_tp4.json ignored (not valid JSON): hints start again from the first');
  expect(student('dave')).toMatchObject({ hintsUsed: 0 });
  expect(student('dave')?.report?.warnings.join('\n')).toContain('ignored (it is a symbolic link)');
  // The hints change no grade: all four have the same score.
  expect(new Set(students.map((s) => s.report?.score)).size).toBe(1);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  expect(html).toMatch(/<summary>alice \(alice\) — \d+\/\d+ · hints used: 4<\/summary>/);
  expect(html).not.toMatch(/<summary>bob [^<]*hints used/);
});
