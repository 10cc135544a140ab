// The cost of a change is the change: on the real local cluster, a ConfigMap
// labelled in one student's namespace grades that student again and no one
// else, and so does a save of one student's answers file.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { followClass, type FollowedClass } from '../../src/classroom/follow-class.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { checkKinds } from '../../src/checks/index.js';
import type { CohortStudent, StudentResult } from '../../src/grade/types.js';

const kc = makeKubeConfig();
const work = mkdtempSync(join(tmpdir(), 'tp-follow-class-'));
const ids = ['alice', 'bob', 'carol'] as const;
const namespaces: string[] = [];
const results: Array<{ id: string; result: StudentResult }> = [];
let followed: FollowedClass;

const statusOf = (result: StudentResult | undefined, check: string) => result?.report?.exercises.flatMap((e) => e.checks).find((c) => c.id === check)?.status;
const lastOf = (id: string) => results.filter((r) => r.id === id).at(-1)?.result;
const gradings = () => Object.fromEntries(ids.map((id) => [id, results.filter((r) => r.id === id).length]));
const writeAnswers = (id: string, answer8: string) =>
  writeFileSync(join(work, 'answers', id), answersFileText(tp4Answers(testKubeconfigPath(), { Answer8: answer8 })));

beforeAll(async () => {
  for (const id of ids) {
    const namespace = await createTestNamespace(`follow-${id}`, kc);
    namespaces.push(namespace);
    await applyManifests(namespace, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1' } }], kc);
  }
  mkdirSync(join(work, 'answers'));
  for (const id of ids) writeAnswers(id, '<fix me>');
  const lab = await loadLabFile('labs/tp4/lab.yaml', checkKinds);
  const students: CohortStudent[] = ids.map((id, index) => ({
    index,
    id,
    namespace: namespaces[index] as string,
    kubeconfig: testKubeconfigPath(),
    answers: join(work, 'answers', id),
    answersAsWritten: `answers/${id}`,
  }));
  followed = followClass({
    lab,
    students,
    variables: { registry: 'registry.example.org' },
    httpVia: 'nodeport',
    timeoutMs: 10_000,
    studentTimeoutMs: 30_000,
    concurrency: 4,
    lang: 'en',
    now: () => new Date(),
    loadKubeconfig: (target) => loadKubeconfig({ ...target, env: {}, homeDir: '/nonexistent' }),
    onResult: (index, result) => results.push({ id: ids[index] as string, result }),
  });
  await followed.firstRound;
}, 120_000);

afterAll(async () => {
  await followed?.stop();
  await Promise.all(namespaces.map((namespace) => deleteNamespace(namespace, kc)));
});

/** Waits until no grading has come for a while (a LIST retried on a loaded cluster grades everyone again). */
const settled = async () => {
  for (let count = -1; count !== results.length; await new Promise((wait) => setTimeout(wait, 1500))) count = results.length;
};

it('grades again only the student whose namespace changed', async () => {
  await settled();
  const before = gradings();
  const lists = followed.stats().lists;
  expect(statusOf(lastOf('bob'), 'cm1-labels')).toBe('fail');
  await kc.makeApiClient(CoreV1Api).patchNamespacedConfigMap({ name: 'cm1', namespace: namespaces[1] as string, body: [{ op: 'add', path: '/metadata/labels', value: { version: '1.0', country: 'fr' } }] });
  await waitFor(() => statusOf(lastOf('bob'), 'cm1-labels') === 'pass', 20_000, "bob's cm1 graded again");
  // Whatever else comes (a late event), it is not for alice or carol, and no LIST.
  await settled();
  expect(gradings()).toMatchObject({ alice: before['alice'], carol: before['carol'] });
  expect(followed.stats().lists).toBe(lists);
});

it("grades again only the student whose answers file was saved", async () => {
  await settled();
  const before = gradings();
  writeAnswers('carol', 'ReplicaSet');
  await waitFor(() => statusOf(lastOf('carol'), 'answer8-replicaset') === 'pass', 20_000, "carol's answer graded again");
  await settled();
  expect(gradings()).toMatchObject({ alice: before['alice'], bob: before['bob'] });
});
