// TP4 gone wrong on real pods, and what `tp check 4` tells the student, in French and in
// English, as a trainer would: a Service's targetPort where nothing listens, a selector that
// matches no pod, an image tag that does not exist, a container that keeps exiting; and in a
// namespace of its own, a pull Secret the registry refuses, none at all, one that does not exist.
// Each state is set with kubectl as a student would; tp's verdict is read until the kubelet
// has said its piece (ErrImagePull becomes ImagePullBackOff, a crash becomes a loop).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, deleteNamespace, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import type { CheckResult, Report } from '../../src/engine/types.js';
import { kindRegistry, kubectl, type KindRegistry } from './support/kind.js';

const kubeconfig = testKubeconfigPath();
const answers = join(mkdtempSync(join(tmpdir(), 'kind-tp4-failures-')), 'answers_tp4');
let registry: KindRegistry;
const namespaces: string[] = [];

type Lang = 'fr' | 'en';

const check = async (namespace: string, lang: Lang, via: 'proxy' | 'nodeport'): Promise<Report> => {
  const run = await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--set', `registry=${registry.server}`,
    '--http-via', via, '--timeout', '5', '--lang', lang, '--format', 'json']);
  return JSON.parse(run.stdout) as Report;
};
const checkOf = (report: Report, id: string): CheckResult | undefined => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id);

/**
 * The check `id` once its diagnosis is `diagnosis` (the cluster takes a moment to settle into a
 * state: endpoints follow pods, the kubelet retries), in both languages.
 */
const said = async (namespace: string, id: string, diagnosis: string, via: 'proxy' | 'nodeport' = 'proxy'): Promise<Record<Lang, CheckResult>> => {
  const en = await waitFor(async () => {
    const result = checkOf(await check(namespace, 'en', via), id);
    return result?.details?.diagnosis === diagnosis && result;
  }, 180_000, `${id} to say ${diagnosis}`, 2000);
  const fr = checkOf(await check(namespace, 'fr', via), id);
  if (!fr) throw new Error(`no check ${id}`);
  return { fr, en };
};

/** The reference solution with the kind registry's host (its pull Secret holds the credentials the registry accepts). */
const solution = (): string => readFileSync('labs/tp4/solution/manifests.yaml', 'utf8').replaceAll('${registry}', registry.server);

beforeAll(async () => {
  registry = kindRegistry();
  writeFileSync(answers, answersFileText(tp4Answers(kubeconfig)));
});

afterAll(async () => {
  await Promise.all(namespaces.map((namespace) => deleteNamespace(namespace)));
});

describe('a solved TP4, then broken one way at a time', () => {
  let namespace = '';
  beforeAll(async () => {
    namespace = await createTestNamespace('kind-tp4-failures');
    namespaces.push(namespace);
    await kubectl(namespace, ['apply', '-f', '-'], solution());
    await kubectl(namespace, ['rollout', 'status', 'deployment/kubernetes-app', '--timeout=180s']);
  });

  it('a targetPort of 8080: the pod the proxy dialled refuses, and the Service leads where its pods declare nothing', async () => {
    await kubectl(namespace, ['patch', 'service', 'kubernetes-app', '--type=json', '-p', '[{"op":"replace","path":"/spec/ports/0/targetPort","value":8080}]']);
    const { fr, en } = await said(namespace, 'http-hello', 'target-port-not-declared');
    expect(en).toMatchObject({ status: 'fail', messageId: 'http.refused', details: { failure: 'refused', via: 'proxy', port: 8000, targetPort: '8080' } });
    expect(en.message).toMatch(/^GET \/ \(through the API server's proxy\): connection refused by [\d.]+:8080; the service's port 8000 leads to port 8080 of its pods, but their containers declare 8000 \(http\)$/);
    expect(fr.message).toMatch(/^GET \/ \(par le proxy de l'API\) : connexion refusée par [\d.]+:8080 ; le port 8000 du service mène au port 8080 de ses pods, mais leurs conteneurs déclarent 8000 \(http\)$/);
    for (const message of [fr.message, en.message]) expect(message).not.toMatch(/\{"|Status|ServiceUnavailable/);
    // Through the node port, as the course's curl: the same cause.
    const direct = await said(namespace, 'http-hello', 'target-port-not-declared', 'nodeport');
    expect(direct.fr.message).toMatch(/^GET http:\/\/[\d.]+:\d+\/ : connexion refusée ; le port 8000 du service mène au port 8080/);
    await kubectl(namespace, ['patch', 'service', 'kubernetes-app', '--type=json', '-p', '[{"op":"replace","path":"/spec/ports/0/targetPort","value":8000}]']);
  });

  it('a selector that matches no pod: no endpoint, the selector, and the labels the pods carry', async () => {
    await kubectl(namespace, ['patch', 'service', 'kubernetes-app', '-p', '{"spec":{"selector":{"app":"kubernetes"}}}']);
    const endpoints = await said(namespace, 'service-endpoints', 'selector-matches-nothing');
    expect(endpoints.fr.message).toBe('le service kubernetes-app a 0 endpoint(s) prêt(s), au moins 1 attendu(s) : son sélecteur app=kubernetes ne choisit aucun pod ; les pods du namespace portent app=kubernetes-app');
    expect(endpoints.en.message).toBe('service kubernetes-app has 0 ready endpoint(s), at least 1 expected: its selector app=kubernetes matches no pod; the namespace\'s pods carry app=kubernetes-app');
    const http = await said(namespace, 'http-hello', 'selector-matches-nothing');
    expect(http.en).toMatchObject({ status: 'fail', messageId: 'http.no-endpoints', details: { failure: 'no-endpoints' } });
    expect(http.fr.message).toBe('GET / (par le proxy de l\'API) : le service kubernetes-app n\'a aucun endpoint prêt, personne ne peut répondre : son sélecteur app=kubernetes ne choisit aucun pod ; les pods du namespace portent app=kubernetes-app');
    expect(http.en.message).toBe('GET / (through the API server\'s proxy): service kubernetes-app has no ready endpoint, no one can answer: its selector app=kubernetes matches no pod; the namespace\'s pods carry app=kubernetes-app');
    await kubectl(namespace, ['patch', 'service', 'kubernetes-app', '-p', '{"spec":{"selector":{"app":"kubernetes-app"}}}']);
  });

  it('an image tag that does not exist: the pod stuck, the image, what the registry answered', async () => {
    const missing = registry.images['v0.2'].replace(/:v0\.2$/, ':v0.3');
    await kubectl(namespace, ['set', 'image', 'deployment/kubernetes-app', `kubernetes-app=${missing}`]);
    const { fr, en } = await said(namespace, 'deployment-available', 'image-not-found');
    expect(en).toMatchObject({ status: 'fail', messageId: 'rollout.stuck', details: { image: missing, said: 'not found' } });
    expect(en.message).toMatch(new RegExp(`^kubernetes-app: pod kubernetes-app-\\S+ is stuck \\((ErrImagePull|ImagePullBackOff)\\): image ${missing.replaceAll('.', '\\.')} does not exist \\(the registry answers "not found"\\): check its name and tag$`));
    expect(fr.message).toMatch(/est bloqué \((ErrImagePull|ImagePullBackOff)\) : l'image \S+:v0\.3 n'existe pas \(la registry répond « not found »\) : vérifiez son nom et son tag$/);
    await kubectl(namespace, ['rollout', 'undo', 'deployment/kubernetes-app']);
    await kubectl(namespace, ['rollout', 'status', 'deployment/kubernetes-app', '--timeout=180s']);
  });

  it('a container that exits at once: restarted over and over, its exit code, and where to read why', async () => {
    await kubectl(namespace, ['patch', 'deployment', 'kubernetes-app', '--type=json', '-p',
      '[{"op":"add","path":"/spec/template/spec/containers/0/command","value":["python","-c","import sys; print(\'no config\'); sys.exit(3)"]}]']);
    const { fr, en } = await said(namespace, 'deployment-available', 'crash');
    expect(en).toMatchObject({ status: 'fail', messageId: 'rollout.stuck', details: { container: 'kubernetes-app', exitCode: 3 } });
    expect(en.message).toMatch(/^kubernetes-app: pod (kubernetes-app-\S+) is stuck \(CrashLoopBackOff\): its container kubernetes-app exits with code 3 and restarts over and over \(\d+ restart\(s\)\): kubectl logs --previous \1 shows why$/);
    expect(fr.message).toMatch(/est bloqué \(CrashLoopBackOff\) : son conteneur kubernetes-app s'arrête avec le code de sortie 3 et redémarre en boucle/);
  });
});

describe('the private registry and its pull Secret', () => {
  let namespace = '';
  beforeAll(async () => {
    namespace = await createTestNamespace('kind-tp4-pull');
    namespaces.push(namespace);
    await kubectl(namespace, ['apply', '-f', '-'], solution().replaceAll('S3cr3t-Regsec-Pa55', 'not-the-password').replace(/"auth":"[^"]*"/, `"auth":"${Buffer.from('student:not-the-password').toString('base64')}"`));
  });

  it('a wrong password: the registry refuses the Secret\'s credentials (401), and the Service has no endpoint because of it', async () => {
    const { fr, en } = await said(namespace, 'deployment-available', 'pull-credentials-refused');
    expect(en).toMatchObject({ messageId: 'rollout.stuck', details: { registry: registry.server, secrets: 'regsec', said: '401 Unauthorized' } });
    expect(en.message).toContain(`the registry ${registry.server} refuses the credentials of secret regsec ("401 Unauthorized"): a wrong username or password?`);
    expect(fr.message).toContain(`la registry ${registry.server} refuse les identifiants du secret regsec (« 401 Unauthorized ») : nom d'utilisateur ou mot de passe faux ?`);
    const endpoints = await said(namespace, 'service-endpoints', 'pods-not-ready/pull-credentials-refused');
    expect(endpoints.fr.message).toMatch(/^le service kubernetes-app a 0 endpoint\(s\) prêt\(s\), au moins 1 attendu\(s\) : 0 pod\(s\) prêt\(s\) sur 2 ; le pod kubernetes-app-\S+ \((ErrImagePull|ImagePullBackOff)\) : la registry /);
  });

  it('no imagePullSecrets: the registry refuses an anonymous pull, and the pod names no Secret', async () => {
    await kubectl(namespace, ['patch', 'deployment', 'kubernetes-app', '--type=json', '-p', '[{"op":"remove","path":"/spec/template/spec/imagePullSecrets"}]']);
    const { fr, en } = await said(namespace, 'deployment-available', 'pull-no-secret');
    expect(en.message).toContain(`the registry ${registry.server} refuses image ${registry.images['v0.2']} without credentials`);
    expect(en.message).toContain('and the pod names no secret in imagePullSecrets');
    expect(fr.message).toContain('et le pod ne nomme aucun secret dans imagePullSecrets');
  });

  it('imagePullSecrets naming a Secret that does not exist: the kubelet\'s event names it', async () => {
    await kubectl(namespace, ['patch', 'deployment', 'kubernetes-app', '--type=json', '-p', '[{"op":"add","path":"/spec/template/spec/imagePullSecrets","value":[{"name":"regsecret"}]}]']);
    const { fr, en } = await said(namespace, 'deployment-available', 'pull-secret-absent');
    expect(en).toMatchObject({ details: { secrets: 'regsecret' } });
    expect(en.message).toContain('the pod pulls its image with secret regsecret, which does not exist in the namespace');
    expect(fr.message).toContain('le pod tire son image avec le secret regsecret, qui n\'existe pas dans le namespace');
  });
});
