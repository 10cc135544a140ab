// placement: a pod runs on a node whose labels match, the pod's nodeName joined to the nodes read.
import { object, testCheck } from './test-check.js';

const controlPlane = object('Node', 'tp-control-plane', {}, { labels: { 'kubernetes.io/hostname': 'tp-control-plane', 'node-role.kubernetes.io/control-plane': '' } });
const worker = object('Node', 'tp-worker', {}, { labels: { 'kubernetes.io/hostname': 'tp-worker' } });
const pod = (name: string, nodeName?: string, labels: Record<string, string> = {}) => object('Pod', name, { spec: { ...(nodeName && { nodeName }), containers: [{ name, image: 'nginx' }] } }, { labels });
const nodes = [controlPlane, worker];
const onControlPlane = { pod: 'frontend-cp', nodeLabels: 'node-role.kubernetes.io/control-plane' };

testCheck('placement', {
  valid: [
    {
      name: 'on the control plane, whatever its name',
      params: onControlPlane,
      objects: { pods: [pod('frontend-cp', 'tp-control-plane')], nodes },
      data: { pod: 'frontend-cp', node: 'tp-control-plane', nodeLabels: 'node-role.kubernetes.io/control-plane' },
      says: { fr: 'le pod frontend-cp tourne sur le nœud tp-control-plane, qui porte node-role.kubernetes.io/control-plane', en: 'pod frontend-cp runs on node tp-control-plane, which has node-role.kubernetes.io/control-plane' },
    },
    { name: 'every pod of a selector on a worker', params: { selector: 'app=web', nodeLabels: '!node-role.kubernetes.io/control-plane' }, objects: { pods: [pod('a', 'tp-worker', { app: 'web' }), pod('b', 'tp-worker', { app: 'web' }), pod('c', 'tp-control-plane')], nodes }, data: { pod: 'b', node: 'tp-worker', nodeLabels: '!node-role.kubernetes.io/control-plane' } },
  ],
  invalid: [
    {
      name: 'on a worker, the control plane asked',
      params: onControlPlane,
      objects: { pods: [pod('frontend-cp', 'tp-worker')], nodes },
      messageId: 'other-node',
      data: { pod: 'frontend-cp', node: 'tp-worker', nodeLabels: 'node-role.kubernetes.io/control-plane' },
      says: { fr: 'le pod frontend-cp tourne sur le nœud tp-worker, qui ne porte pas node-role.kubernetes.io/control-plane', en: 'pod frontend-cp runs on node tp-worker, which does not have node-role.kubernetes.io/control-plane' },
    },
    {
      name: 'Pending: no node accepts it (no toleration of the control plane\'s taint)',
      params: onControlPlane,
      objects: { pods: [pod('frontend-cp')], nodes },
      messageId: 'not-scheduled',
      data: { pod: 'frontend-cp', node: '', nodeLabels: 'node-role.kubernetes.io/control-plane' },
      says: { fr: 'le pod frontend-cp n\'est placé sur aucun nœud (en attente : aucun nœud ne l\'accepte ?)', en: 'pod frontend-cp is on no node (Pending: does no node accept it?)' },
    },
    { name: 'bound with nodeName to a node the cluster lacks', params: onControlPlane, objects: { pods: [pod('frontend-cp', 'node01')], nodes }, messageId: 'unknown-node', data: { pod: 'frontend-cp', node: 'node01', nodeLabels: 'node-role.kubernetes.io/control-plane' } },
    { name: 'one pod of the selector elsewhere', params: { selector: 'app=web', nodeLabels: 'kubernetes.io/hostname=tp-worker' }, objects: { pods: [pod('a', 'tp-worker', { app: 'web' }), pod('b', 'tp-control-plane', { app: 'web' })], nodes }, messageId: 'other-node', data: { pod: 'b', node: 'tp-control-plane', nodeLabels: 'kubernetes.io/hostname=tp-worker' } },
    { name: 'no such pod', params: onControlPlane, objects: { pods: [], nodes }, messageId: 'missing', data: { pod: 'frontend-cp' }, says: { fr: 'pod frontend-cp introuvable', en: 'pod frontend-cp not found' } },
    { name: 'no pod selected', params: { selector: 'app=web', nodeLabels: 'x' }, objects: { pods: [], nodes }, messageId: 'none-selected', data: { selector: 'app=web' } },
  ],
  refused: [
    { name: 'no node labels', params: { pod: 'frontend-cp' } },
    { name: 'both a pod and a selector', params: { pod: 'a', selector: 'app=web', nodeLabels: 'x' } },
  ],
});
