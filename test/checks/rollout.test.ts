// rollout: a Deployment has the replicas asked, all ready, its latest template rolled out, no pod stuck.
import { object, testCheck } from './test-check.js';

const params = { deployment: 'kubernetes-app', replicas: 2 };
const rolledOut = { observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 };

const deployment = (replicas: number | undefined, status: Record<string, number>) =>
  object(
    'Deployment',
    'kubernetes-app',
    { spec: { ...(replicas === undefined ? {} : { replicas }), selector: { matchLabels: { app: 'kubernetes-app' } } }, status },
    { generation: 3 },
  );

const pod = (name: string, app: string, waiting?: string, message?: string, created = '2026-12-04T20:00:00Z') =>
  object(
    'Pod',
    name,
    {
      spec: { containers: [{ name: 'app', image: 'tp-registry:5000/dalk/app:v0.2' }], imagePullSecrets: [{ name: 'regsec' }] },
      status: {
        conditions: [{ type: 'Ready', status: waiting ? 'False' : 'True' }],
        containerStatuses: [{ name: 'app', state: waiting ? { waiting: { reason: waiting, ...(message ? { message } : {}) } } : { running: {} } }],
      },
    },
    { labels: { app }, uid: `uid-${name}`, creationTimestamp: created },
  );

const UNAUTHORIZED = 'Back-off pulling image "tp-registry:5000/dalk/app:v0.2": ErrImagePull: failed to pull and unpack image "tp-registry:5000/dalk/app:v0.2": failed to resolve reference "tp-registry:5000/dalk/app:v0.2": unexpected status from HEAD request to http://tp-registry:5000/v2/dalk/app/manifests/v0.2: 401 Unauthorized';

const done = { name: 'kubernetes-app', desired: 2, ready: 2, updated: 2, total: 2 };

testCheck('rollout', {
  valid: [
    {
      name: '2 replicas asked, 2 ready, rollout complete',
      params,
      objects: { deployments: [deployment(2, rolledOut)], pods: [pod('kubernetes-app-1', 'kubernetes-app')] },
      data: done,
      says: { fr: 'kubernetes-app : 2/2 réplicas prêts, déploiement terminé', en: 'kubernetes-app: 2/2 replicas ready, rollout complete' },
    },
    {
      name: 'no replicas in the spec means 1; a stuck pod of another app does not count',
      params: { deployment: 'kubernetes-app' },
      objects: {
        deployments: [deployment(undefined, { observedGeneration: 3, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 })],
        pods: [pod('other-1', 'other', 'ImagePullBackOff')],
      },
      data: { name: 'kubernetes-app', desired: 1, ready: 1, updated: 1, total: 1 },
    },
  ],
  invalid: [
    { name: 'no Deployment', params, messageId: 'missing', data: { name: 'kubernetes-app' } },
    {
      name: 'it asks for 1 replica',
      params,
      objects: { deployments: [deployment(1, { ...rolledOut, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 })] },
      messageId: 'replicas',
      data: { name: 'kubernetes-app', desired: 1, ready: 1, updated: 1, total: 1, expected: 2 },
    },
    {
      name: 'a pod cannot pull its image: the registry refuses the pull Secret\'s credentials, said as the kubelet said it',
      params,
      objects: {
        deployments: [deployment(2, { ...rolledOut, readyReplicas: 1 })],
        pods: [pod('kubernetes-app-1', 'kubernetes-app'), pod('kubernetes-app-2', 'kubernetes-app', 'ImagePullBackOff', UNAUTHORIZED)],
      },
      messageId: 'stuck',
      data: { ...done, ready: 1, pod: 'kubernetes-app-2', reason: 'ImagePullBackOff' },
      details: { diagnosis: 'pull-credentials-refused', image: 'tp-registry:5000/dalk/app:v0.2', registry: 'tp-registry:5000', said: '401 Unauthorized', secrets: 'regsec' },
      says: {
        fr: 'kubernetes-app : le pod kubernetes-app-2 est bloqué (ImagePullBackOff) : la registry tp-registry:5000 refuse les identifiants du secret regsec (« 401 Unauthorized ») : nom d\'utilisateur ou mot de passe faux ?',
        en: 'kubernetes-app: pod kubernetes-app-2 is stuck (ImagePullBackOff): the registry tp-registry:5000 refuses the credentials of secret regsec ("401 Unauthorized"): a wrong username or password?',
      },
    },
    {
      name: 'of two stuck pods, the newest is named (the latest template\'s)',
      params,
      objects: {
        deployments: [deployment(2, { ...rolledOut, readyReplicas: 0 })],
        pods: [pod('kubernetes-app-old', 'kubernetes-app', 'ErrImagePull', UNAUTHORIZED, '2026-12-04T20:00:00Z'), pod('kubernetes-app-new', 'kubernetes-app', 'InvalidImageName', 'Failed to apply default image tag "x:": invalid reference format', '2026-12-04T20:05:00Z')],
      },
      messageId: 'stuck',
      data: { ...done, ready: 0, pod: 'kubernetes-app-new', reason: 'InvalidImageName' },
      details: { diagnosis: 'image-name-invalid', image: 'tp-registry:5000/dalk/app:v0.2', said: 'Failed to apply default image tag "x:": invalid reference format' },
    },
    {
      name: 'a container that exits over and over: its exit code',
      params,
      objects: {
        deployments: [deployment(2, { ...rolledOut, readyReplicas: 1 })],
        pods: [
          object('Pod', 'kubernetes-app-3', { status: { conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ name: 'app', restartCount: 5, state: { terminated: { exitCode: 1, reason: 'Error' } } }] } }, { labels: { app: 'kubernetes-app' } }),
        ],
      },
      messageId: 'stuck',
      data: { ...done, ready: 1, pod: 'kubernetes-app-3', reason: 'CrashLoopBackOff' },
      details: { diagnosis: 'crash', container: 'app', pod: 'kubernetes-app-3', restarts: 5, exitCode: 1 },
      says: {
        fr: 'kubernetes-app : le pod kubernetes-app-3 est bloqué (CrashLoopBackOff) : son conteneur app s\'arrête avec le code de sortie 1 et redémarre en boucle (5 redémarrage(s)) : kubectl logs --previous kubernetes-app-3 montre pourquoi',
        en: 'kubernetes-app: pod kubernetes-app-3 is stuck (CrashLoopBackOff): its container app exits with code 1 and restarts over and over (5 restart(s)): kubectl logs --previous kubernetes-app-3 shows why',
      },
    },
    { name: 'the controller has not seen the last change', params, objects: { deployments: [deployment(2, { ...rolledOut, observedGeneration: 2 })] }, messageId: 'not-observed', data: done },
    {
      name: 'old pods are still running',
      params,
      objects: { deployments: [deployment(2, { ...rolledOut, replicas: 3, updatedReplicas: 1 })] },
      messageId: 'in-progress',
      data: { ...done, updated: 1, total: 3 },
    },
    {
      name: 'the old version is fully rolled out, not the one asked for: said in the words of the lab',
      params: { deployment: 'kubernetes-app', expect: { spec: { template: { spec: { containers: [{ name: 'app', image: { $regex: ':v0\\.2$', $as: { fr: 'une image taguée v0.2', en: 'an image tagged v0.2' } } }] } } } } },
      objects: {
        deployments: [
          object('Deployment', 'kubernetes-app', { spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', image: 'r.example/app:v0.1' }] } } }, status: rolledOut }, { generation: 3 }),
        ],
      },
      messageId: 'other-version',
      data: done,
      details: { path: 'spec.template.spec.containers[name=app].image', expected: 'matching /:v0\\.2$/', actual: '"r.example/app:v0.1"' },
      says: {
        fr: 'kubernetes-app : ce n\'est pas encore la version demandée qui est déployée (l\'image du conteneur app devrait être une image taguée v0.2, trouvé "r.example/app:v0.1")',
        en: 'kubernetes-app: what is rolled out is not yet the version asked for (the image of the container app should be an image tagged v0.2, found "r.example/app:v0.1")',
      },
    },
    {
      name: 'one replica is not ready yet, nothing to blame',
      params,
      objects: { deployments: [deployment(2, { ...rolledOut, readyReplicas: 1 })] },
      messageId: 'not-ready',
      data: { ...done, ready: 1 },
      says: { fr: 'kubernetes-app : 1/2 réplicas prêts', en: 'kubernetes-app: 1/2 replicas ready' },
    },
    {
      name: 'a replica waits on a volume: the event that says why',
      params,
      objects: {
        deployments: [deployment(2, { ...rolledOut, readyReplicas: 1 })],
        pods: [pod('kubernetes-app-1', 'kubernetes-app'), pod('kubernetes-app-2', 'kubernetes-app', 'ContainerCreating')],
        events: [
          object('Event', 'e1', { type: 'Warning', reason: 'FailedMount', message: 'MountVolume.SetUp failed for volume "config" : configmap "myapp-config" not found', involvedObject: { kind: 'Pod', name: 'kubernetes-app-2', uid: 'uid-kubernetes-app-2' }, lastTimestamp: '2026-12-04T20:01:00Z' }),
          object('Event', 'e2', { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned', involvedObject: { kind: 'Pod', name: 'kubernetes-app-2' } }),
        ],
      },
      messageId: 'not-ready',
      data: { ...done, ready: 1 },
      details: { diagnosis: 'events' },
      says: {
        fr: 'kubernetes-app : 1/2 réplicas prêts ; le pod kubernetes-app-2 (ContainerCreating) : événements : FailedMount « MountVolume.SetUp failed for volume "config" : configmap "myapp-config" not found »',
        en: 'kubernetes-app: 1/2 replicas ready; pod kubernetes-app-2 (ContainerCreating): events: FailedMount "MountVolume.SetUp failed for volume "config" : configmap "myapp-config" not found"',
      },
    },
  ],
  refused: [
    { name: 'a negative number of replicas', params: { deployment: 'kubernetes-app', replicas: -1 } },
    { name: 'no Deployment named', params: { replicas: 2 } },
  ],
});
