// What a trainer reads off a pod that does not start, or a Service that finds no one: the
// kubelet's words (as kind's containerd 2 writes them, captured on the kind tier), the
// events, the objects. Each case: a pod's status, the diagnosis id, its facts, and for a
// few, the sentence in both languages.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/cluster/types.js';
import { registryAnswer, pullDiagnosis } from '../../src/checks/diagnosis/image-pull.js';
import { podTrouble } from '../../src/checks/diagnosis/pod-state.js';
import { endpointsDiagnosis, targetPortDiagnosis } from '../../src/checks/diagnosis/service-pods.js';
import { diagnosisDetails, explain } from '../../src/checks/diagnosis/explain.js';
import { DIAGNOSIS_MESSAGES } from '../../src/checks/diagnosis/messages.js';
import { object } from './test-check.js';

const IMAGE = 'tp-registry:5000/dalk/app:v0.2';

/** The kubelet's messages, as kind's containerd 2.3 wrote them in the waiting state. */
const KUBELET = {
  notFound: 'Back-off pulling image "tp-registry:5000/dalk/app:v0.3": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "tp-registry:5000/dalk/app:v0.3": failed to resolve reference "tp-registry:5000/dalk/app:v0.3": tp-registry:5000/dalk/app:v0.3: not found',
  unauthorized: 'failed to pull and unpack image "tp-registry:5000/dalk/app:v0.2": failed to resolve reference "tp-registry:5000/dalk/app:v0.2": unexpected status from HEAD request to http://tp-registry:5000/v2/dalk/app/manifests/v0.2: 401 Unauthorized',
  anonymous: 'failed to pull and unpack image "tp-registry:5000/dalk/app:v0.2": failed to resolve reference "tp-registry:5000/dalk/app:v0.2": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials',
  noHost: 'Back-off pulling image "nowhere.invalid:5000/dalk/app:v0.2": ErrImagePull: failed to pull and unpack image "nowhere.invalid:5000/dalk/app:v0.2": failed to resolve reference "nowhere.invalid:5000/dalk/app:v0.2": failed to do request: Head "https://nowhere.invalid:5000/v2/dalk/app/manifests/v0.2": dial tcp: lookup nowhere.invalid on 172.18.0.1:53: no such host',
  refusedPort: 'failed to pull and unpack image "tp-registry:5999/dalk/app:v0.2": failed to resolve reference "tp-registry:5999/dalk/app:v0.2": failed to do request: Head "https://tp-registry:5999/v2/dalk/app/manifests/v0.2": dial tcp 172.18.0.5:5999: connect: connection refused',
};

const notReady = [{ type: 'Ready', status: 'False' }];

const pod = (name: string, containerStatus: Record<string, unknown>, spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}): KubeObject =>
  object('Pod', name, {
    spec: { containers: [{ name: 'app', image: IMAGE, ports: [{ containerPort: 8000, name: 'http' }] }], ...spec },
    status: { phase: 'Pending', conditions: notReady, containerStatuses: [{ name: 'app', restartCount: 0, ...containerStatus }], ...status },
  }, { uid: `uid-${name}`, labels: { app: 'web' }, creationTimestamp: '2026-12-04T20:00:00Z' });

const waiting = (reason: string, message?: string) => ({ state: { waiting: { reason, ...(message === undefined ? {} : { message }) } } });

const warning = (podName: string, reason: string, message: string, at = '2026-12-04T20:01:00Z', uid = `uid-${podName}`) =>
  object('Event', `${podName}.${reason}`, { type: 'Warning', reason, message, lastTimestamp: at, involvedObject: { kind: 'Pod', name: podName, uid } });

describe('the registry\'s own answer inside the kubelet\'s message', () => {
  it('is what is left once the kubelet\'s and containerd\'s wrappers are taken off', () => {
    expect(registryAnswer(KUBELET.notFound, 'tp-registry:5000/dalk/app:v0.3')).toBe('not found');
    expect(registryAnswer(KUBELET.unauthorized, IMAGE)).toBe('401 Unauthorized');
    expect(registryAnswer(KUBELET.anonymous, IMAGE)).toBe('pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials');
    expect(registryAnswer(KUBELET.noHost, 'nowhere.invalid:5000/dalk/app:v0.2')).toBe('dial tcp: lookup nowhere.invalid on 172.18.0.1:53: no such host');
  });

  it('is one short line whatever the message (a student\'s own pod status can say anything)', () => {
    const said = registryAnswer(`${'x'.repeat(100_000)}\n\u001b[2J`, IMAGE);
    expect(said.length).toBeLessThanOrEqual(160);
    expect(said).not.toMatch(/[\n\u001b]/);
  });
});

describe('why an image cannot be pulled', () => {
  const cases: Array<[string, Parameters<typeof pullDiagnosis>[0], string]> = [
    ['a tag that does not exist', { image: 'tp-registry:5000/dalk/app:v0.3', message: KUBELET.notFound, pullSecrets: ['regsec'], absentSecrets: [] }, 'image-not-found'],
    ['a wrong password in the pull Secret', { image: IMAGE, message: KUBELET.unauthorized, pullSecrets: ['regsec'], absentSecrets: [] }, 'pull-credentials-refused'],
    ['no imagePullSecrets at all', { image: IMAGE, message: KUBELET.anonymous, pullSecrets: [], absentSecrets: [] }, 'pull-no-secret'],
    ['a pull Secret named that does not exist', { image: IMAGE, message: KUBELET.anonymous, pullSecrets: ['regsecret'], absentSecrets: ['regsecret'] }, 'pull-secret-absent'],
    ['a pull Secret for another registry', { image: IMAGE, message: KUBELET.anonymous, pullSecrets: ['regsec'], absentSecrets: [] }, 'pull-secret-no-entry'],
    ['a registry host that does not resolve', { image: 'nowhere.invalid:5000/dalk/app:v0.2', message: KUBELET.noHost, pullSecrets: [], absentSecrets: [] }, 'registry-unreachable'],
    ['a registry port where nothing listens', { image: 'tp-registry:5999/dalk/app:v0.2', message: KUBELET.refusedPort, pullSecrets: [], absentSecrets: [] }, 'registry-unreachable'],
    ['words no rule knows', { image: IMAGE, message: 'something else went wrong', pullSecrets: [], absentSecrets: [] }, 'pull-failed'],
  ];
  for (const [name, facts, id] of cases) {
    it(`${name}: ${id}`, () => {
      expect(pullDiagnosis(facts).id).toBe(id);
    });
  }

  it('names the registry and the Secret, in both languages', () => {
    const diagnosis = pullDiagnosis({ image: IMAGE, message: KUBELET.unauthorized, pullSecrets: ['regsec'], absentSecrets: [] });
    expect(diagnosis.data).toEqual({ image: IMAGE, registry: 'tp-registry:5000', said: '401 Unauthorized', secrets: 'regsec' });
    expect(explain(diagnosis)).toEqual({
      fr: 'la registry tp-registry:5000 refuse les identifiants du secret regsec (« 401 Unauthorized ») : nom d\'utilisateur ou mot de passe faux ?',
      en: 'the registry tp-registry:5000 refuses the credentials of secret regsec ("401 Unauthorized"): a wrong username or password?',
    });
  });
});

describe('why a pod is not ready', () => {
  it('a ready pod has nothing to say', () => {
    expect(podTrouble(pod('p', { state: { running: {} } }, {}, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }), [])).toBeUndefined();
  });

  it('a tag that does not exist: ImagePullBackOff, the image, what the registry said', () => {
    const trouble = podTrouble(pod('p', waiting('ImagePullBackOff', KUBELET.notFound), { containers: [{ name: 'app', image: 'tp-registry:5000/dalk/app:v0.3' }] }), []);
    expect(trouble).toMatchObject({ pod: 'p', reason: 'ImagePullBackOff', stuck: true });
    expect(trouble && explain(trouble.diagnosis)).toEqual({
      fr: 'l\'image tp-registry:5000/dalk/app:v0.3 n\'existe pas (la registry répond « not found ») : vérifiez son nom et son tag',
      en: 'image tp-registry:5000/dalk/app:v0.3 does not exist (the registry answers "not found"): check its name and tag',
    });
  });

  it('a pull Secret that does not exist, told by the kubelet\'s event (not repeated after)', () => {
    const events = [
      warning('p', 'FailedToRetrieveImagePullSecret', 'Unable to retrieve some image pull secrets (regsecret); attempting to pull the image may not succeed.'),
      warning('p', 'Failed', `Failed to pull image "${IMAGE}": ${KUBELET.anonymous}`),
    ];
    const trouble = podTrouble(pod('p', waiting('ErrImagePull', KUBELET.anonymous), { imagePullSecrets: [{ name: 'regsecret' }] }), events);
    expect(trouble && diagnosisDetails(trouble.diagnosis)).toEqual({ diagnosis: 'pull-secret-absent', image: IMAGE, registry: 'tp-registry:5000', said: expect.stringContaining('no basic auth credentials'), secrets: 'regsecret' });
    expect(trouble && explain(trouble.diagnosis).en).not.toContain('events:');
  });

  it('the events of an earlier pod of the same name are not this pod\'s', () => {
    const events = [warning('p', 'FailedToRetrieveImagePullSecret', 'Unable to retrieve some image pull secrets (regsecret); …', undefined, 'uid-earlier')];
    expect(podTrouble(pod('p', waiting('ErrImagePull', KUBELET.anonymous), { imagePullSecrets: [{ name: 'regsecret' }] }), events)?.diagnosis.id).toBe('pull-secret-no-entry');
  });

  it('a waiting message left empty: the kubelet\'s latest pull failure event says why', () => {
    const events = [warning('p', 'Failed', `Failed to pull image "${IMAGE}": ${KUBELET.unauthorized}`)];
    expect(podTrouble(pod('p', waiting('ErrImagePull'), { imagePullSecrets: [{ name: 'regsec' }] }), events)?.diagnosis.id).toBe('pull-credentials-refused');
  });

  it('a crash loop as Kubernetes 1.36 shows it (terminated between two starts): the exit code and the command to read why', () => {
    const trouble = podTrouble(pod('crash-1', { restartCount: 4, state: { terminated: { exitCode: 3, reason: 'Error' } }, lastState: { terminated: { exitCode: 3, reason: 'Error' } } }), [
      warning('crash-1', 'BackOff', 'Back-off restarting failed container app in pod crash-1'),
    ]);
    expect(trouble).toMatchObject({ reason: 'CrashLoopBackOff', stuck: true });
    expect(trouble?.diagnosis).toEqual({ id: 'crash', data: { container: 'app', pod: 'crash-1', restarts: 4, exitCode: 3 } });
    expect(trouble && explain(trouble.diagnosis).fr).toBe('son conteneur app s\'arrête avec le code de sortie 3 et redémarre en boucle (4 redémarrage(s)) : kubectl logs --previous crash-1 montre pourquoi');
  });

  it('CrashLoopBackOff after an OOM kill, or after a clean exit', () => {
    expect(podTrouble(pod('p', { restartCount: 2, ...waiting('CrashLoopBackOff', 'back-off 20s'), lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }), [])?.diagnosis.id).toBe('out-of-memory');
    expect(podTrouble(pod('p', { restartCount: 2, ...waiting('CrashLoopBackOff', 'back-off 20s'), lastState: { terminated: { exitCode: 0, reason: 'Completed' } } }), [])?.diagnosis.id).toBe('completes');
  });

  it('a ConfigMap the container reads is missing', () => {
    const trouble = podTrouble(pod('p', waiting('CreateContainerConfigError', 'configmap "app-env" not found')), []);
    expect(trouble).toMatchObject({ reason: 'CreateContainerConfigError', stuck: true, diagnosis: { id: 'container-config', data: { container: 'app', said: 'configmap "app-env" not found' } } });
  });

  it('no node can take it: the scheduler\'s words, Pending', () => {
    const unschedulable = pod('p', {}, {}, { containerStatuses: [], conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 node(s) didn\'t match Pod\'s node affinity/selector.' }] });
    expect(podTrouble(unschedulable, [warning('p', 'FailedScheduling', '0/3 nodes are available: …')])).toMatchObject({
      reason: 'Pending',
      stuck: true,
      diagnosis: { id: 'unschedulable', data: { said: '0/3 nodes are available: 3 node(s) didn\'t match Pod\'s node affinity/selector.' } },
    });
  });

  it('a volume that cannot be mounted: nothing in the status, the events say it (a pod on its way, not stuck)', () => {
    const creating = pod('p', waiting('ContainerCreating'));
    const trouble = podTrouble(creating, [warning('p', 'FailedMount', 'MountVolume.SetUp failed for volume "config" : configmap "myapp-config" not found')]);
    expect(trouble).toMatchObject({ reason: 'ContainerCreating', stuck: false, diagnosis: { id: 'events' } });
    expect(trouble && explain(trouble.diagnosis)).toEqual({
      fr: 'événements : FailedMount « MountVolume.SetUp failed for volume "config" : configmap "myapp-config" not found »',
      en: 'events: FailedMount "MountVolume.SetUp failed for volume "config" : configmap "myapp-config" not found"',
    });
  });

  it('a pod on its way with nothing to blame says nothing', () => {
    expect(podTrouble(pod('p', waiting('ContainerCreating')), [])).toBeUndefined();
  });
});

describe('why a Service finds no one', () => {
  const service = (spec: Record<string, unknown>) => object('Service', 'web', { spec: { ports: [{ port: 80, targetPort: 8000 }], ...spec } });
  const running = (name: string, labels: Record<string, string>) =>
    object('Pod', name, { spec: { containers: [{ name: 'app', ports: [{ containerPort: 8000, name: 'http' }] }] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, { labels });
  const facts = (pods: KubeObject[], expected = 1) => ({ ports: [{ port: 80, targetPort: 8000 }], pods, events: [], expected });

  it('a selector that matches none of the pods: the labels they carry, a few, without the controllers\' own', () => {
    const pods = ['a', 'b', 'c', 'd', 'e'].map((n) => running(`web-${n}`, { app: `web-${n}`, 'pod-template-hash': n }));
    const diagnosis = endpointsDiagnosis(service({ selector: { app: 'web' } }), facts(pods));
    expect(diagnosis?.id).toBe('selector-matches-nothing');
    expect(diagnosis && explain(diagnosis)).toEqual({
      fr: 'son sélecteur app=web ne choisit aucun pod ; les pods du namespace portent app=web-a, app=web-b, app=web-c et 2 autres',
      en: 'its selector app=web matches no pod; the namespace\'s pods carry app=web-a, app=web-b, app=web-c and 2 more',
    });
  });

  it('no selector, no pods at all, too few pods', () => {
    expect(endpointsDiagnosis(service({}), facts([]))?.id).toBe('service-no-selector');
    expect(endpointsDiagnosis(service({ selector: { app: 'web' } }), facts([]))?.id).toBe('no-pods');
    expect(endpointsDiagnosis(service({ selector: { app: 'web' } }), facts([running('web-1', { app: 'web' })], 2))).toEqual({ id: 'too-few-pods', data: { selector: 'app=web', count: 1 } });
  });

  it('a named targetPort no container declares', () => {
    const diagnosis = endpointsDiagnosis(service({ selector: { app: 'web' } }), { ...facts([running('web-1', { app: 'web' })]), ports: [{ port: 80, targetPort: 'web' }] });
    expect(diagnosis).toMatchObject({ id: 'target-port-name-unknown', data: { port: 80, targetPort: 'web' } });
    expect(diagnosis && explain(diagnosis).en).toBe('the service\'s targetPort web names no port of its pods\' containers (they declare 8000 (http))');
  });

  it('a numbered targetPort is judged only against ports the containers declare', () => {
    const declared = running('web-1', { app: 'web' });
    const silent = object('Pod', 'web-2', { spec: { containers: [{ name: 'app' }] } }, { labels: { app: 'web' } });
    expect(targetPortDiagnosis({ port: 80, targetPort: 8080 }, [declared])?.id).toBe('target-port-not-declared');
    expect(targetPortDiagnosis({ port: 80, targetPort: 8000 }, [declared])).toBeUndefined();
    expect(targetPortDiagnosis({ port: 80, targetPort: 8080 }, [silent])).toBeUndefined();
    expect(targetPortDiagnosis({ port: 8000 }, [declared])).toBeUndefined();
  });

  it('pods selected but not ready: the newest one that says why', () => {
    const stuck = pod('web-2', waiting('ImagePullBackOff', KUBELET.notFound), { containers: [{ name: 'app', image: 'tp-registry:5000/dalk/app:v0.3' }] });
    const diagnosis = endpointsDiagnosis(service({ selector: { app: 'web' } }), facts([stuck]));
    expect(diagnosis && diagnosisDetails(diagnosis)).toMatchObject({ diagnosis: 'pods-not-ready/image-not-found', ready: 0, count: 1, pod: 'web-2', reason: 'ImagePullBackOff' });
  });
});

describe('the diagnoses\' words', () => {
  it('every diagnosis has the same placeholders in French and English', () => {
    for (const [id, text] of Object.entries(DIAGNOSIS_MESSAGES)) {
      const names = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text.fr), id).toEqual(names(text.en));
    }
  });
});
