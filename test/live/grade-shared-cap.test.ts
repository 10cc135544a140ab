// Issue 23, point 2, on the real API server: on a shared cluster one namespace
// harms only its owner. Alice keeps 66 ConfigMaps of 1000 KiB (each one valid,
// together more than the 64 MiB tp reads of one LIST); bob did TP4's
// ConfigMaps. The cluster-wide LIST is over the cap, so each student's
// namespace is listed alone: bob keeps every point of his ConfigMaps, alice's
// ConfigMap checks are `error` saying her namespace is over the cap, and the
// trainer's terminal names her.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers, tp4Manifests } from '../support/tp4-solution.js';
import { MAX_API_BODY_BYTES } from '../../src/cluster/api-client.js';
import type { Report } from '../../src/engine/types.js';

const kubeconfig = testKubeconfigPath();
const kc = makeKubeConfig();
const work = mkdtempSync(join(tmpdir(), 'tp-shared-cap-'));
const BLOB_BYTES = 1000 * 1024;
const COUNT = Math.ceil(MAX_API_BODY_BYTES / BLOB_BYTES) + 1;
let alice = '';
let bob = '';

beforeAll(async () => {
  [alice, bob] = await Promise.all([createTestNamespace('tp-cap-alice', kc), createTestNamespace('tp-cap-bob', kc)]);
  await applyManifests(bob, tp4Manifests().filter((object) => object.kind === 'ConfigMap'), kc);
  const core = kc.makeApiClient(CoreV1Api);
  const blob = 'x'.repeat(BLOB_BYTES);
  // A few at a time: each is a megabyte the API server writes to etcd.
  for (let first = 0; first < COUNT; first += 4) {
    await Promise.all(Array.from({ length: Math.min(4, COUNT - first) }, (_, i) =>
      core.createNamespacedConfigMap({ namespace: alice, body: { metadata: { name: `big-${first + i}` }, data: { blob } } })));
  }
}, 300_000);

afterAll(async () => {
  await Promise.all([alice && deleteNamespace(alice, kc), bob && deleteNamespace(bob, kc)]);
});

it('costs bob nothing of alice\'s ConfigMaps, and says alice was over the cap', async () => {
  for (const id of ['alice', 'bob']) writeFileSync(join(work, id), answersFileText(tp4Answers(kubeconfig)));
  writeFileSync(join(work, 'cohort.yaml'), `lab: tp4\ndefaults: { kubeconfig: ${kubeconfig} }\nstudents:\n  - { id: alice, email: a@example.org, namespace: ${alice}, answers: alice }\n  - { id: bob, email: b@example.org, namespace: ${bob}, answers: bob }\n`);
  const run = await runTp(['grade', '--cohort', join(work, 'cohort.yaml'), '--output', join(work, 'out'), '--format', 'json', '--http-via', 'proxy', '--timeout', '20'], { cwd: work });
  const students = (JSON.parse(readFileSync(join(work, 'out', 'grades.json'), 'utf8')) as { students: Array<{ id: string; status: string; report?: Report }> }).students;
  const checksOf = (id: string) => students.find((student) => student.id === id)?.report?.exercises.flatMap((exercise) => exercise.checks) ?? [];
  expect(students.map((student) => student.status)).toEqual(['graded', 'graded']);
  // Bob: every check of his ConfigMaps passes (the labels and selectors exercise: 9 points).
  const labels = checksOf('bob').filter((check) => /^cm\d-labels$|^cm5-no-version$|^answer[456]-/.test(check.id));
  expect(labels.length).toBeGreaterThan(0);
  expect(labels.filter((check) => check.status !== 'pass')).toEqual([]);
  expect(checksOf('bob').filter((check) => check.messageId === 'engine.read-failed')).toEqual([]);
  // Alice: what reads ConfigMaps is `error`, saying her namespace is over the cap.
  const cm1 = checksOf('alice').find((check) => check.id === 'cm1-labels');
  expect(cm1).toMatchObject({ status: 'error', message: expect.stringContaining(`list configmaps in ${alice}: the answer is over 64 MiB, more than tp reads`) as string });
  expect(run.stderr).toContain(`  alice (graded): cannot read configmaps: list configmaps in ${alice}: the answer is over 64 MiB`);
  expect(run.stderr).not.toMatch(/bob \(graded\)/);
}, 300_000);
