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

const pod = (name: string, app: string, waiting?: string) =>
  object('Pod', name, { status: { containerStatuses: [{ name: 'app', state: waiting ? { waiting: { reason: waiting } } : { running: {} } }] } }, { labels: { app } });

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
      name: 'a pod cannot pull its image',
      params,
      objects: { deployments: [deployment(2, { ...rolledOut, readyReplicas: 1 })], pods: [pod('kubernetes-app-1', 'kubernetes-app'), pod('kubernetes-app-2', 'kubernetes-app', 'ImagePullBackOff')] },
      messageId: 'stuck',
      data: { ...done, ready: 1, pod: 'kubernetes-app-2', reason: 'ImagePullBackOff' },
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
    { name: 'one replica is not ready yet', params, objects: { deployments: [deployment(2, { ...rolledOut, readyReplicas: 1 })] }, messageId: 'not-ready', data: { ...done, ready: 1 } },
  ],
  refused: [
    { name: 'a negative number of replicas', params: { deployment: 'kubernetes-app', replicas: -1 } },
    { name: 'no Deployment named', params: { replicas: 2 } },
  ],
});
