// A cohort file naming a namespace that does not exist (a typo): the student is
// graded, and their report says the namespace holds nothing, rather than a silent 0.
// An existing namespace is never empty (every one gets the kube-root-ca.crt
// ConfigMap), so a student who has not started gets no such warning.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestNamespace, deleteNamespace, testKubeconfigPath } from '../support/cluster.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { runTp } from '../support/run-cli.js';
import type { Report } from '../../src/engine/types.js';

const work = mkdtempSync(join(tmpdir(), 'tp-grade-empty-'));
let namespace = '';
beforeAll(async () => {
  namespace = await createTestNamespace('grade-empty');
});
afterAll(async () => {
  await deleteNamespace(namespace);
});

it('warns about a namespace that does not exist, not about one where nothing is done yet', async () => {
  const kubeconfig = testKubeconfigPath();
  writeFileSync(join(work, 'answers'), answersFileText(tp4Answers(kubeconfig)));
  writeFileSync(join(work, 'cohort.yaml'), [
    'lab: tp4',
    `defaults: { kubeconfig: ${kubeconfig}, answers: ${join(work, 'answers')} }`,
    'students:',
    `  - { id: idle, namespace: ${namespace} }`,
    `  - { id: typo, namespace: ${namespace}-typo }`,
    '',
  ].join('\n'));
  const { exitCode } = await runTp(['grade', 'tp4', '--cohort', join(work, 'cohort.yaml'), '--output', join(work, 'out'), '--http-via', 'nodeport', '--timeout', '1']);
  expect(exitCode).toBe(0);
  const { students } = JSON.parse(readFileSync(join(work, 'out', 'grades.json'), 'utf8')) as { students: Array<{ id: string; report?: Report }> };
  const warningsOf = (id: string) => students.find((s) => s.id === id)?.report?.warnings;
  expect(warningsOf('typo')).toEqual([`namespace ${namespace}-typo holds none of the objects this lab reads: does it exist?`]);
  expect(warningsOf('idle')).toEqual([]);
});
