// What a student reads when TP4 goes wrong, on the real API server (KWOK tier): the causes the
// objects show — a Service selector that matches no pod, a targetPort no container declares, a pod
// the real scheduler cannot place — said as a trainer would, in French and in English; and the
// HTTP checks this cluster cannot make, skipped with the reason in the student's language.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, DiscoveryV1Api, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import type { CheckResult, Report } from '../../src/engine/types.js';

const kc = makeKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const objects = KubernetesObjectApi.makeApiClient(kc);
const kubeconfig = testKubeconfigPath();
const answers = join(mkdtempSync(join(tmpdir(), 'failure-messages-')), 'answers_tp4');
let solved: SolvedTp4;

/** Nothing listens on the node port: the pods run on simulated nodes, as a KWOK cluster's do. */
const noApp = async () => async () => {};

const check = async (lang: 'fr' | 'en', ...extra: string[]): Promise<Report> => {
  const run = await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', solved.namespace, '--answers', answers, '--timeout', '2', '--lang', lang, '--format', 'json', ...extra]);
  return JSON.parse(run.stdout) as Report;
};
const checkOf = (report: Report, id: string): CheckResult | undefined => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id);
const both = async (...extra: string[]) => ({ fr: await check('fr', ...extra), en: await check('en', ...extra) });

/** A merge patch of an object of the student's namespace, as `kubectl patch --type=merge` sends it. */
const patch = (kind: 'Service' | 'Deployment', spec: object) =>
  objects.patch(
    { apiVersion: kind === 'Service' ? 'v1' : 'apps/v1', kind, metadata: { name: 'kubernetes-app', namespace: solved.namespace }, spec },
    undefined, undefined, undefined, undefined, PatchStrategy.MergePatch,
  );
const servicePort = (targetPort: number) => ({ ports: [{ port: 8000, targetPort, protocol: 'TCP', nodePort: solved.nodePort }] });
const readyEndpoints = async () =>
  (await kc.makeApiClient(DiscoveryV1Api).listNamespacedEndpointSlice({ namespace: solved.namespace, labelSelector: 'kubernetes.io/service-name=kubernetes-app' })).items
    .flatMap((slice) => slice.endpoints ?? []).filter((endpoint) => endpoint.conditions?.ready).length;

beforeAll(async () => {
  solved = await solvedTp4Namespace('failure-messages', kc, noApp);
  writeFileSync(answers, answersFileText(tp4Answers(kubeconfig)));
});

afterAll(async () => {
  await solved?.remove();
});

describe('HTTP checks on a cluster whose pods serve nothing', () => {
  it('are skipped with the reason in the student\'s language, never in English in a French report', async () => {
    const { fr, en } = await both();
    for (const id of ['http-hello', 'http-config']) {
      expect(checkOf(fr, id)).toMatchObject({ status: 'skip', messageId: 'http.simulated', message: 'non vérifiable ici : les pods de ce cluster tournent sur des nœuds simulés (KWOK) et ne servent rien' });
      expect(checkOf(en, id)).toMatchObject({ status: 'skip', messageId: 'http.simulated', message: 'cannot be checked here: this cluster\'s pods run on simulated nodes (KWOK) and serve nothing' });
    }
  });
});

describe('a Service whose targetPort is 8080, its pods declaring 8000', () => {
  beforeAll(async () => {
    await patch('Service', servicePort(8080));
  });
  afterAll(async () => {
    await patch('Service', servicePort(8000));
  });

  it('the HTTP check, which cannot be made here, still says what the objects show', async () => {
    const { fr, en } = await both();
    expect(checkOf(fr, 'http-hello')).toMatchObject({ status: 'skip', details: { diagnosis: 'target-port-not-declared', port: 8000, targetPort: '8080' } });
    expect(checkOf(fr, 'http-hello')?.message).toContain('à noter : le port 8000 du service mène au port 8080 de ses pods, mais leurs conteneurs déclarent 8000 (http)');
    expect(checkOf(en, 'http-hello')?.message).toContain('note: the service\'s port 8000 leads to port 8080 of its pods, but their containers declare 8000 (http)');
  });
});

describe('a Service whose selector matches no pod', () => {
  beforeAll(async () => {
    await patch('Service', { selector: { app: 'kubernetes' } });
    await waitFor(async () => (await readyEndpoints()) === 0, 30_000, 'the endpoints to go');
  });
  afterAll(async () => {
    await patch('Service', { selector: { app: 'kubernetes-app' } });
    await waitFor(async () => (await readyEndpoints()) === 2, 30_000, 'the endpoints to come back');
  });

  it('the endpoints checks name the selector and the labels the pods carry', async () => {
    const { fr, en } = await both();
    expect(checkOf(fr, 'service-endpoints')).toMatchObject({ status: 'fail', messageId: 'endpoints.too-few', details: { diagnosis: 'selector-matches-nothing', selector: 'app=kubernetes' } });
    expect(checkOf(fr, 'service-endpoints')?.message).toBe(
      'le service kubernetes-app a 0 endpoint(s) prêt(s), au moins 1 attendu(s) : son sélecteur app=kubernetes ne choisit aucun pod ; les pods du namespace portent app=kubernetes-app',
    );
    expect(checkOf(en, 'scale-endpoints')?.message).toBe(
      'service kubernetes-app has 0 ready endpoint(s), 2 expected: its selector app=kubernetes matches no pod; the namespace\'s pods carry app=kubernetes-app',
    );
  });

  it('the HTTP checks fail, even here: with no endpoint nothing could answer anywhere', async () => {
    const { fr, en } = await both();
    expect(checkOf(fr, 'http-hello')).toMatchObject({ status: 'fail', messageId: 'http.no-endpoints', details: { failure: 'simulated', diagnosis: 'selector-matches-nothing' } });
    expect(checkOf(fr, 'http-hello')?.message).toContain('le service kubernetes-app n\'a aucun endpoint prêt, personne ne peut répondre : son sélecteur app=kubernetes ne choisit aucun pod');
    expect(checkOf(en, 'http-hello')?.message).toContain('service kubernetes-app has no ready endpoint, no one can answer: its selector app=kubernetes matches no pod');
  });
});

describe('a new template no node can take (a nodeSelector no node has)', () => {
  beforeAll(async () => {
    await patch('Deployment', { template: { spec: { nodeSelector: { 'tp.example/no-such-node': 'true' } } } });
    await waitFor(
      async () => (await core.listNamespacedPod({ namespace: solved.namespace })).items.some((pod) => pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable')),
      30_000,
      'a pod the scheduler refuses',
    );
  });

  it('the rollout names the pod, Pending, and the scheduler\'s own words', async () => {
    const { fr, en } = await both();
    expect(checkOf(fr, 'deployment-available')).toMatchObject({ status: 'fail', messageId: 'rollout.stuck', details: { diagnosis: 'unschedulable' } });
    expect(checkOf(fr, 'deployment-available')?.message).toMatch(/^kubernetes-app : le pod kubernetes-app-\S+ est bloqué \(Pending\) : aucun nœud ne peut l'accueillir : « 0\/3 nodes are available: .*node affinity\/selector/);
    expect(checkOf(en, 'deployment-available')?.message).toMatch(/^kubernetes-app: pod kubernetes-app-\S+ is stuck \(Pending\): no node can take it: "0\/3 nodes are available: .*node affinity\/selector/);
  });

  it('costs one request more than a check that passes: the namespace\'s Events, read because a check failed that they explain', async () => {
    const run = await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', solved.namespace, '--answers', answers, '--timeout', '2', '--lang', 'en', '--format', 'json'], {
      env: { LANG: 'en_US.UTF-8', NO_COLOR: '1', TP_STATS: '1' },
    });
    expect(checkOf(JSON.parse(run.stdout) as Report, 'deployment-available')?.message).toContain('no node can take it');
    expect(run.stderr).toMatch(/^tp: 8 API requests, 1 connection, \d+ answer hash(es)? derived, \d+ ms$/m);
  });
});
