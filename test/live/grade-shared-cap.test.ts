// Issue 23, point 2, on the real API server: on a shared cluster one namespace
// harms only its owner. Alice keeps ConfigMaps of 1000 KiB (each one valid,
// together more than tp reads of one LIST); bob did TP4's ConfigMaps. The
// cluster-wide LIST is over the cap, so each student's namespace is listed
// alone: bob keeps every point of his ConfigMaps, alice's ConfigMap checks are
// `error` saying her namespace is over the cap. The cap is the client's, here
// 4 MiB: at tp's 64 MiB, 66 MB of ConfigMaps on the shared test cluster would
// push every other test file's cluster-wide LIST over it too (the run with the
// real cap is in test/grade/endless-lists.test.ts, on a stand-in API server,
// with what the trainer's terminal says).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { answersFileText, tp4Answers, tp4Manifests } from '../support/tp4-solution.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLab } from '../../src/cli/load-lab.js';
import { parseCohort } from '../../src/grade/cohort-file.js';
import { runCohort } from '../../src/grade/run-cohort.js';

const kubeconfig = testKubeconfigPath();
const kc = makeKubeConfig();
const work = mkdtempSync(join(tmpdir(), 'tp-shared-cap-'));
const BLOB_BYTES = 1000 * 1024;
const CAP_BYTES = 4 * 1024 * 1024;
const COUNT = Math.ceil(CAP_BYTES / BLOB_BYTES) + 1;
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
  // The megabytes go at once: a namespace being deleted keeps its objects until the controller gets to it,
  // and meanwhile every cluster-wide LIST of ConfigMaps on the shared test cluster would read them.
  if (alice) await kc.makeApiClient(CoreV1Api).deleteCollectionNamespacedConfigMap({ namespace: alice }).catch(() => undefined);
  await Promise.all([alice && deleteNamespace(alice, kc), bob && deleteNamespace(bob, kc)]);
});

it('costs bob nothing of alice\'s ConfigMaps, and says alice was over the cap', async () => {
  for (const id of ['alice', 'bob']) writeFileSync(join(work, id), answersFileText(tp4Answers(kubeconfig)));
  const text = `lab: tp4\ndefaults: { kubeconfig: ${kubeconfig} }\nstudents:\n  - { id: alice, namespace: ${alice}, answers: alice }\n  - { id: bob, namespace: ${bob}, answers: bob }\n`;
  writeFileSync(join(work, 'cohort.yaml'), text);
  const run = await runCohort({
    lab: await loadLab('tp4', process.cwd()),
    students: parseCohort(text, join(work, 'cohort.yaml'), '/nonexistent-home').students,
    variables: { registry: 'registry.example.org' },
    httpVia: 'proxy',
    timeoutMs: 20_000,
    studentTimeoutMs: 120_000,
    concurrency: 4,
    lang: 'en',
    now: () => new Date(),
    loadKubeconfig: (target) => loadKubeconfig({ ...target, env: {}, homeDir: '/nonexistent-home' }),
    makeClient: (loaded, timeoutMs, signal) => loaded.connection.reader({ timeoutMs, maxBodyBytes: CAP_BYTES, ...(signal ? { signal } : {}) }),
  });
  const checksOf = (id: string) => run.results.find((result) => result.student.id === id)?.report?.exercises.flatMap((exercise) => exercise.checks) ?? [];
  expect(run.results.map((result) => result.status)).toEqual(['graded', 'graded']);
  // Bob: every check of his ConfigMaps passes (the labels and selectors exercise).
  const labels = checksOf('bob').filter((check) => /^cm\d-labels$|^cm5-no-version$|^answer[456]-/.test(check.id));
  expect(labels.length).toBeGreaterThan(0);
  expect(labels.filter((check) => check.status !== 'pass')).toEqual([]);
  expect(checksOf('bob').filter((check) => check.messageId === 'engine.read-failed')).toEqual([]);
  // Alice: what reads ConfigMaps is `error`, saying her namespace is over the cap.
  const cm1 = checksOf('alice').find((check) => check.id === 'cm1-labels');
  expect(cm1).toMatchObject({ status: 'error', message: expect.stringContaining(`list configmaps in ${alice}: the answer is over 4 MiB, more than tp reads`) as string });
}, 300_000);
