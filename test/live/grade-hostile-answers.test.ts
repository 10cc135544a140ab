// Students hand in answers files; some hand in traps. On the real cluster, a
// cohort where one student's answers file is a FIFO, one is /dev/zero, one a
// link to another student's answers: each of those is an error naming why, the
// grading does not stall, and the honest student is graded on her own answers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestNamespace, deleteNamespace, testKubeconfigPath } from '../support/cluster.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { runTp } from '../support/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'tp-grade-hostile-'));
let namespace = '';
beforeAll(async () => {
  namespace = await createTestNamespace('grade-hostile');
});
afterAll(async () => {
  await deleteNamespace(namespace);
});

const submission = (id: string): string => {
  const folder = join(work, 'submissions', id, 'answers');
  mkdirSync(folder, { recursive: true });
  return join(folder, 'answers_tp4');
};

it('grades the honest student and refuses each trap with its reason', async () => {
  const kubeconfig = testKubeconfigPath();
  writeFileSync(submission('alice'), answersFileText(tp4Answers(kubeconfig)));
  execFileSync('mkfifo', [submission('fifo')]);
  symlinkSync('/dev/zero', submission('zero'));
  symlinkSync(submission('alice'), submission('copycat'));
  writeFileSync(join(work, 'cohort.yaml'), [
    'lab: tp4',
    `defaults: { kubeconfig: ${kubeconfig}, namespace: ${namespace}, answers: "submissions/{id}/answers/answers_tp4" }`,
    'students:',
    '  - { id: alice }',
    '  - { id: fifo }',
    '  - { id: zero }',
    '  - { id: copycat }',
    '',
  ].join('\n'));
  const { exitCode } = await runTp(['grade', 'tp4', '--cohort', join(work, 'cohort.yaml'), '--output', join(work, 'out'), '--http-via', 'nodeport', '--timeout', '1']);
  expect(exitCode).toBe(2);
  const { students } = JSON.parse(readFileSync(join(work, 'out', 'grades.json'), 'utf8')) as { students: Array<{ id: string; status: string; reason?: string; report?: { score: number } }> };
  const byId = new Map(students.map((student) => [student.id, student]));
  expect(byId.get('alice')?.status).toBe('graded');
  expect(byId.get('alice')?.report?.score).toBeGreaterThan(0);
  expect(byId.get('fifo')).toMatchObject({ status: 'error', reason: expect.stringContaining('named pipe (FIFO)') });
  expect(byId.get('zero')).toMatchObject({ status: 'error', reason: expect.stringContaining('a device, not an answers file') });
  expect(byId.get('copycat')).toMatchObject({ status: 'error', reason: expect.stringContaining('links outside the student\'s submission folder') });
});
