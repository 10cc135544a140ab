// `events` on the real API server: Events written as the kubelet writes them
// (core v1, involvedObject) and as newer components do (events.k8s.io/v1,
// regarding), about a pod that replaced an earlier pod of the same name.
// `tp check` counts the new pod's events only, and says so in French and English.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { kubectlPath } from '../support/installed-tp.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { listKind } from '../../src/cluster/list-kind.js';
import { builtinKind } from '../support/kinds.js';
import type { CheckResult, Report } from '../../src/engine/types.js';

const kc = makeKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const kubeconfig = testKubeconfigPath();
const work = mkdtempSync(join(tmpdir(), 'tp-events-'));
let namespace = '';

const POD: V1Pod = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

const check = (id: string, params: string) => `      - { id: ${id}, kind: events, points: 1, title: { fr: ${id}, en: ${id} }, params: ${params} }\n`;
const LAB = `id: events-probe
title: { fr: Événements, en: Events }
exercises:
  - id: probes
    title: { fr: Sondes, en: Probes }
    checks:
${check('killed', '{ resource: pods, name: web, reasons: { allOf: [Unhealthy, Killing] } }')}${check('no-backoff', '{ resource: pods, name: web, reasons: { noneOf: [BackOff] } }')}${check('started', '{ resource: pods, selector: app=web, reasons: { anyOf: [Started, Pulled] } }')}${check('db-backoff', '{ resource: pods, name: db, reasons: { noneOf: [BackOff] } }')}`;

let uid = '';

const coreEvent = (name: string, about: { name: string; uid: string }, reason: string, message: string, count = 1) => {
  const now = new Date();
  return core.createNamespacedEvent({
    namespace,
    body: {
      metadata: { name },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: about.name, namespace, uid: about.uid },
      reason,
      message,
      type: 'Warning',
      count,
      firstTimestamp: now,
      lastTimestamp: now,
      source: { component: 'kubelet', host: 'tp-worker' },
    },
  });
};

const grade = async (lang: 'fr' | 'en') => {
  const labFile = join(work, 'lab.yaml');
  writeFileSync(labFile, LAB);
  writeFileSync(join(work, 'answers'), '{}\n');
  const run = await runTp(['check', labFile, '--kubeconfig', kubeconfig, '-n', namespace, '--answers', join(work, 'answers'), '--format', 'json', '--lang', lang]);
  const report = JSON.parse(run.stdout) as Report;
  const byId = (id: string) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id) as CheckResult;
  return { exitCode: run.exitCode, byId };
};

beforeAll(async () => {
  namespace = await createTestNamespace('events');
  // An earlier pod named web, gone: its BackOff must not count against the new one.
  const earlier = await core.createNamespacedPod({ namespace, body: POD });
  const earlierRef = { name: 'web', uid: earlier.metadata?.uid ?? '' };
  await coreEvent('web.earlier', earlierRef, 'BackOff', 'Back-off pulling image "nginx:typo"', 7);
  await core.deleteNamespacedPod({ name: 'web', namespace, gracePeriodSeconds: 0 });
  await waitFor(async () => !(await core.listNamespacedPod({ namespace })).items.some((p) => p.metadata?.uid === earlierRef.uid), 30_000, 'the earlier pod to go');
  // creationTimestamp counts whole seconds: the new pod is made in a later one.
  await new Promise((done) => setTimeout(done, 1100));
  const pod = await core.createNamespacedPod({ namespace, body: POD });
  uid = pod.metadata?.uid ?? '';
  const ref = { name: 'web', uid };
  await coreEvent('web.unhealthy', ref, 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', 3);
  // events.k8s.io/v1 times are MicroTime (six decimals), which client-node does not write: sent as YAML by kubectl.
  const microTime = new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  await execa(kubectlPath(), ['--kubeconfig', kubeconfig, '-n', namespace, 'create', '-f', '-'], {
    input: `apiVersion: events.k8s.io/v1
kind: Event
metadata: { name: web.killing }
eventTime: "${microTime}"
regarding: { apiVersion: v1, kind: Pod, name: web, namespace: ${namespace}, uid: ${uid} }
reason: Killing
note: Container web failed liveness probe, will be restarted
type: Normal
action: Killing
reportingController: tp.test/events
reportingInstance: tp-worker
`,
  });
  const db = await core.createNamespacedPod({ namespace, body: { ...POD, metadata: { name: 'db', labels: { app: 'db' } } } });
  await coreEvent('db.backoff', { name: 'db', uid: db.metadata?.uid ?? '' }, 'BackOff', 'Back-off restarting failed container db in pod db', 4);
}, 120_000);

afterAll(() => deleteNamespace(namespace));

describe('events on the real API server', () => {
  it('counts the events of both APIs about the pod, not those of the earlier pod of that name', async () => {
    const { exitCode, byId } = await grade('en');
    expect(byId('killed')).toMatchObject({ status: 'pass', messageId: 'events.ok', message: 'Pod web: Unhealthy ×3, Killing ×1; latest: "Container web failed liveness probe, will be restarted"' });
    expect(byId('no-backoff')).toMatchObject({ status: 'pass', messageId: 'events.ok-none', message: 'Pod web: no BackOff event since it was made' });
    // The scheduler's own event (events.k8s.io, eventTime only) is read too; KWOK pods start without Pulled or Started.
    expect(byId('started')).toMatchObject({ status: 'fail', messageId: 'events.none-of' });
    expect(byId('started').message).toMatch(/^Pod labelled app=web: none of the events Started, Pulled since it was made \(seen: (.*, )?Scheduled ×1.*\)$/);
    expect(byId('db-backoff')).toMatchObject({ status: 'fail', messageId: 'events.forbidden', message: 'Pod db: BackOff event ×4 since it was made; latest: "Back-off restarting failed container db in pod db"' });
    expect(exitCode).toBe(1);
  });

  it('says it in French', async () => {
    const { byId } = await grade('fr');
    expect(byId('db-backoff').message).toBe('Pod db : événement BackOff ×4 depuis sa création ; dernier : « Back-off restarting failed container db in pod db »');
    expect(byId('no-backoff').message).toBe('Pod web : aucun événement BackOff depuis sa création');
  });

  it('refuses to hold more Events than its bound, and says so', async () => {
    const client = loadKubeconfig({ kubeconfig, env: {}, homeDir: '/nonexistent' }).connection.reader({ timeoutMs: 10_000 });
    const read = await listKind(client, builtinKind('events'), namespace, { maxItems: 3 });
    expect(read).toEqual({ ok: false, failure: { reason: 'other', overCap: true, message: `list events in ${namespace}: more than 3 objects, more than tp reads; nothing of it was graded` } });
    expect((await listKind(client, builtinKind('events'), namespace)).ok).toBe(true);
  });
});
