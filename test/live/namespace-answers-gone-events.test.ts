// On the real API server, through `tp check`: `${namespace}` in a lab's params
// is the namespace checked (an accepted answer, an access subject), a hashed
// answer written with `${namespace}` is right in that namespace only, and a pod
// gone as `kubectl run --rm` leaves it is graded by the events left about it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { hashAnswer } from '../../src/checks/answer-hash.js';
import type { CheckResult, Report } from '../../src/engine/types.js';

const kc = makeKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const work = mkdtempSync(join(tmpdir(), 'tp-ns-answers-'));
let namespace = '';

const lab = async () => `id: ns-answers
title: { fr: Namespace, en: Namespace }
answers:
  - { key: Answer1, question: { fr: liste, en: list } }
  - { key: Answer2, question: { fr: utilisateur, en: user } }
exercises:
  - id: all
    title: { fr: Tout, en: All }
    checks:
      - { id: listed, kind: answer, points: 1, title: { fr: l, en: l }, params: { answer: Answer1, templated: true, acceptHashed: ["${await hashAnswer('${namespace}/liveness-exec', 'a1b2c3d4e5f6')}"] } }
      - { id: user, kind: answer, points: 1, title: { fr: u, en: u }, params: { answer: Answer2, accept: ["system:serviceaccount:\${namespace}:myuser"] } }
      - { id: myuser-reads, kind: access, points: 1, title: { fr: a, en: a }, params: { subject: { kind: ServiceAccount, name: myuser, namespace: "\${namespace}" }, verb: list, resource: pods } }
      - { id: hello-gone, kind: events, points: 1, title: { fr: g, en: g }, params: { resource: pods, name: hello, gone: true, reasons: { allOf: [Started] } } }
      - { id: kept-gone, kind: events, points: 1, title: { fr: k, en: k }, params: { resource: pods, name: kept, gone: true, reasons: { allOf: [Started] } } }
      - { id: never-gone, kind: events, points: 1, title: { fr: n, en: n }, params: { resource: pods, name: never, gone: true, reasons: { allOf: [Started] } } }
`;

const startedEvent = (pod: string, uid: string) => {
  const now = new Date();
  return core.createNamespacedEvent({
    namespace,
    body: {
      metadata: { name: `${pod}.started` },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: pod, namespace, uid, fieldPath: `spec.containers{${pod}}` },
      reason: 'Started',
      message: `Started container ${pod}`,
      type: 'Normal',
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: { component: 'kubelet', host: 'tp-worker' },
    },
  });
};

const grade = async (answers: Record<string, string>, lang: 'fr' | 'en' = 'en') => {
  writeFileSync(join(work, 'lab.yaml'), await lab());
  writeFileSync(join(work, 'answers'), `${JSON.stringify(answers)}\n`);
  const run = await runTp(['check', join(work, 'lab.yaml'), '--kubeconfig', testKubeconfigPath(), '-n', namespace, '--answers', join(work, 'answers'), '--format', 'json', '--lang', lang]);
  const report = JSON.parse(run.stdout) as Report;
  return (id: string) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id) as CheckResult;
};

beforeAll(async () => {
  namespace = await createTestNamespace('ns-answers');
  // hello: run with --rm, gone; kept: run without it, still there.
  const hello = await core.createNamespacedPod({ namespace, body: { metadata: { name: 'hello' }, spec: { restartPolicy: 'Never', containers: [{ name: 'hello', image: 'busybox' }] } } });
  await startedEvent('hello', hello.metadata?.uid ?? '');
  await core.deleteNamespacedPod({ name: 'hello', namespace, gracePeriodSeconds: 0 });
  const kept = await core.createNamespacedPod({ namespace, body: { metadata: { name: 'kept' }, spec: { restartPolicy: 'Never', containers: [{ name: 'kept', image: 'busybox' }] } } });
  await startedEvent('kept', kept.metadata?.uid ?? '');
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  await rbac.createNamespacedRole({ namespace, body: { metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }] } });
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: { metadata: { name: 'myuser-reads' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'myuser', namespace }] },
  });
}, 60_000);

afterAll(() => deleteNamespace(namespace));

describe('${namespace} and gone objects on the real API server', () => {
  it('the namespace checked fills the params and the templated hashes; the pod run with --rm is graded by its events', async () => {
    const byId = await grade({ Answer1: `${namespace}/liveness-exec`, Answer2: `system:serviceaccount:${namespace}:myuser` });
    expect(byId('listed')).toMatchObject({ status: 'pass' });
    expect(byId('user')).toMatchObject({ status: 'pass' });
    expect(byId('myuser-reads')).toMatchObject({ status: 'pass' });
    expect(byId('hello-gone')).toMatchObject({ status: 'pass', message: 'Pod hello: Started ×1; latest: "Started container hello"' });
    expect(byId('kept-gone')).toMatchObject({ status: 'fail', messageId: 'events.still-there', message: `Pod kept still exists in namespace ${namespace}: it should have been deleted once finished` });
    expect(byId('never-gone')).toMatchObject({ status: 'fail', messageId: 'events.no-trace' });
  });

  it('another namespace in the answers is wrong, and the placeholder itself too; said in French', async () => {
    const byId = await grade({ Answer1: 'default/liveness-exec', Answer2: 'system:serviceaccount:${namespace}:myuser' }, 'fr');
    expect(byId('listed')).toMatchObject({ status: 'fail', messageId: 'answer.wrong' });
    expect(byId('user')).toMatchObject({ status: 'fail', messageId: 'answer.wrong' });
    expect(byId('kept-gone').message).toBe(`Pod kept existe encore dans le namespace ${namespace} : il devait être supprimé une fois terminé`);
    expect(byId('never-gone').message).toBe(`aucun événement sur Pod never dans le namespace ${namespace} : il n'a pas été lancé ici, ou il y a plus longtemps que les événements ne durent (1 h par défaut)`);
  });
});
