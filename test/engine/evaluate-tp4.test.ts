// The engine on the recorded TP4 snapshot: a student's state, the report they see.
import { describe, expect, it } from 'vitest';
import { evaluateLab } from '../../src/engine/evaluate.js';
import { loadLabFile } from '../../src/lab/load.js';
import { checkKinds } from '../../src/checks/index.js';
import type { KubeObject, Snapshot } from '../../src/cluster/types.js';
import type { Report } from '../../src/engine/types.js';
import { appServing, editObject, noLogs, setRead, solvedAnswers, solvedSnapshot } from './fixture.js';
import { objectsOf } from '../../src/checks/snapshot-read.js';

const lab = await loadLabFile('labs/tp4/lab.yaml', checkKinds);
const app = appServing({ '/': 'Hello Kubernetes!\n', '/config': 'Hello from ConfigMap' });

const evaluate = (snapshot: Snapshot, answers = solvedAnswers(snapshot), http = app, lang: 'fr' | 'en' = 'en') =>
  evaluateLab({ lab, snapshot, answers, variables: { registry: 'registry.example.org' }, http, logs: noLogs, lang, target: { context: 'c', namespace: snapshot.namespace, answers: 'answers/answers_tp4' } });

const failing = (report: Report) => report.exercises.flatMap((e) => e.checks).filter((c) => c.status !== 'pass');
const only = (report: Report) => failing(report).map((c) => `${c.id} ${c.messageId}`);

describe('TP4 on the recorded solved namespace', () => {
  it('passes everything, full score', async () => {
    const report = await evaluate(solvedSnapshot());
    expect(failing(report)).toEqual([]);
    expect(report.score).toBe(report.maxScore);
    expect(report.maxScore).toBe(34);
  });

  it('a wrong label on cm3 fails only cm3-labels, saying which field', async () => {
    const snapshot = editObject(solvedSnapshot(), 'configmaps', 'cm3', (o) => { o.metadata.labels = { version: '1.1', country: 'fr' }; });
    const report = await evaluate(snapshot);
    expect(only(report)).toEqual(['cm3-labels resource.mismatch']);
    expect(failing(report)[0]?.message).toBe('ConfigMap cm3: the label country should be "de", found "fr"');
    // The exact field stays in the report for tools.
    expect(failing(report)[0]?.details).toEqual({ path: 'metadata.labels.country', expected: '"de"', actual: '"fr"' });
    expect(failing(report)[0]?.hint).toContain('--overwrite');
  });

  it('a pod stuck in ImagePullBackOff fails the rollout with the pod and the reason', async () => {
    const snapshot = solvedSnapshot();
    const pods = snapshot.kinds.pods;
    if (!pods?.ok) throw new Error('no pods in fixture');
    const pod = pods.items[0];
    if (!pod) throw new Error('no pod');
    pod.status = { ...(pod.status as object), containerStatuses: [{ name: 'kubernetes-app', ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } }] };
    const report = await evaluate(snapshot);
    const rollout = failing(report).find((c) => c.id === 'deployment-available');
    expect(rollout?.messageId).toBe('rollout.stuck');
    expect(rollout?.message).toContain('ImagePullBackOff');
    expect(rollout?.message).toContain(pod.metadata.name);
  });

  it('Events that cannot be read explain nothing and cost nothing: a forbidden read of them leaves every check graded', async () => {
    const snapshot = solvedSnapshot();
    snapshot.names.events = { ok: true, key: 'events', kind: 'Event', namespaced: true };
    snapshot.kinds.events = { ok: false, failure: { reason: 'forbidden', message: 'events is forbidden: User "student" cannot list resource "events"' } };
    expect(failing(await evaluate(snapshot))).toEqual([]);
    const [pod] = objectsOf(snapshot, 'pods');
    if (!pod) throw new Error('no pod');
    pod.status = { ...(pod.status as object), containerStatuses: [{ name: 'kubernetes-app', ready: false, state: { waiting: { reason: 'ErrImagePull', message: 'rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.org/dalk/app:v0.2": not found' } } }] };
    const rollout = failing(await evaluate(snapshot, undefined, app, 'fr')).find((c) => c.id === 'deployment-available');
    expect(rollout).toMatchObject({ status: 'fail', messageId: 'rollout.stuck', details: { diagnosis: 'image-not-found' } });
    expect(rollout?.message).toContain('n\'existe pas');
  });

  it('reads the Events that explain a failure only when a check fails, once, asking the app nothing twice', async () => {
    const asked: string[][] = [];
    let requests = 0;
    const counting = { via: app.via, get: (request: Parameters<typeof app.get>[0]) => { requests += 1; return app.get(request); } };
    const run = (snapshot: Snapshot, events: KubeObject[]) =>
      evaluateLab({
        lab, snapshot, answers: solvedAnswers(snapshot), variables: { registry: 'registry.example.org' }, http: counting, logs: noLogs, lang: 'en',
        target: { context: 'c', namespace: snapshot.namespace, answers: 'answers/answers_tp4' },
        explain: async (names) => {
          asked.push([...names]);
          return { names: { events: { ok: true, key: 'events', kind: 'Event', namespaced: true } }, kinds: { events: { ok: true, items: events } } };
        },
      });
    // Solved: nothing to explain, nothing read.
    expect(failing(await run(solvedSnapshot(), []))).toEqual([]);
    expect(asked).toEqual([]);
    const passingRequests = requests;
    // A pod that cannot start: the rollout and the endpoints fail, and the Events are read once for both.
    const snapshot = solvedSnapshot();
    const [pod] = objectsOf(snapshot, 'pods');
    if (!pod) throw new Error('no pod');
    pod.status = { ...(pod.status as object), containerStatuses: [{ name: 'kubernetes-app', ready: false, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "registry.example.org/dalk/app:v0.2"' } } }] };
    const event: KubeObject = { apiVersion: 'v1', kind: 'Event', type: 'Warning', reason: 'FailedMount', message: 'MountVolume.SetUp failed for volume "config": configmap "app-config" not found', involvedObject: { kind: 'Pod', name: pod.metadata.name }, metadata: { name: 'e1', namespace: snapshot.namespace } };
    const report = await run(snapshot, [event]);
    expect(asked).toEqual([['events']]);
    expect(failing(report).find((c) => c.id === 'deployment-available')?.message).toContain('; events: FailedMount "MountVolume.SetUp failed for volume "config": configmap "app-config" not found"');
    // Each HTTP request of the lab asked once, whether its check was explained again or not.
    expect(requests - passingRequests).toBe(passingRequests);
  });

  it('Pods that cannot be read say nothing of a Service with no endpoint (never "no pod")', async () => {
    const snapshot = setRead(setRead(solvedSnapshot(), 'endpointslices', { ok: true, items: [] }), 'pods', { ok: false, failure: { reason: 'forbidden', message: 'pods is forbidden' } });
    const endpoints = failing(await evaluate(snapshot)).find((c) => c.id === 'service-endpoints');
    expect(endpoints).toMatchObject({ status: 'fail', messageId: 'endpoints.too-few', message: 'service kubernetes-app has 0 ready endpoint(s), at least 1 expected (are its pods ready and selected?)' });
  });

  it('an Opaque regsec fails regsec-type only', async () => {
    const snapshot = editObject(solvedSnapshot(), 'secrets', 'regsec', (o) => { o.type = 'Opaque'; });
    expect(only(await evaluate(snapshot))).toEqual(['regsec-type resource.mismatch']);
  });

  it('a regsec for another registry names both registries', async () => {
    const snapshot = editObject(solvedSnapshot(), 'secrets', 'regsec', (o) => { o.registries = ['ghcr.io']; });
    const report = await evaluate(snapshot);
    expect(only(report)).toEqual(['regsec-registry registry-secret.no-auth']);
    expect(failing(report)[0]?.message).toContain('registry.example.org');
    expect(failing(report)[0]?.message).toContain('ghcr.io');
  });

  it('a wrong mountPath fails the mount with the path found', async () => {
    const snapshot = editObject(solvedSnapshot(), 'deployments', 'kubernetes-app', (o) => {
      const spec = o.spec as { template: { spec: { containers: Array<{ volumeMounts: Array<{ mountPath: string }> }> } } };
      const mount = spec.template.spec.containers[0]?.volumeMounts[0];
      if (mount) mount.mountPath = '/config';
    });
    const report = await evaluate(snapshot);
    expect(only(report)).toEqual(['config-volume-mount configmap-mount.wrong-path']);
    expect(failing(report)[0]?.message).toContain('/config');
  });

  it('a forbidden read makes the checks needing it `error` and evaluates the rest', async () => {
    const snapshot = solvedSnapshot();
    snapshot.kinds.secrets = { ok: false, failure: { reason: 'forbidden', message: `forbidden: list secrets in ${snapshot.namespace}` } };
    const report = await evaluate(snapshot);
    const errors = failing(report);
    // Provenance checks place their object in the namespace's order of creation: they read every kind.
    const provenance = ['cm1-labelled', 'cm2-labelled', 'cm3-labelled', 'cm4-labelled', 'deployment-applied', 'deployment-scaled'];
    expect(errors.map((c) => c.id).sort()).toEqual([...provenance, 'regsec-registry', 'regsec-type'].sort());
    expect(errors.every((c) => c.status === 'error' && c.message.includes('forbidden: list secrets'))).toBe(true);
  });

  it('an app answering the wrong body fails with what was received, in French too', async () => {
    const report = await evaluate(solvedSnapshot(), undefined, appServing({ '/': 'Bonjour\n', '/config': 'Hello from ConfigMap' }), 'fr');
    const http = failing(report);
    expect(http.map((c) => c.id)).toEqual(['http-hello']);
    expect(http[0]?.message).toContain('« Bonjour »');
  });

  it('an empty namespace with <fix me> answers fails every check, none by accident', async () => {
    const snapshot = solvedSnapshot();
    for (const kind of ['configmaps', 'secrets', 'pods', 'services', 'endpointslices', 'deployments']) setRead(snapshot, kind, { ok: true, items: [] });
    const answers = solvedAnswers(snapshot, Object.fromEntries(lab.answers.map((a) => [a.key, '<fix me>'])));
    const report = await evaluate(snapshot, answers, appServing({}));
    expect(report.exercises.flatMap((e) => e.checks).filter((c) => c.status !== 'fail')).toEqual([]);
    expect(report.score).toBe(0);
  });
});
