// placement: a pod runs on a node whose labels match a selector ("on the control plane",
// "on a node labelled accelerator=nvidia-tesla-p100"). The pod's spec.nodeName, set by the
// scheduler or by the student's `nodeName`, is joined to the cluster's nodes as the snapshot
// read them: node names differ from one cluster to the next, their labels
// (node-role.kubernetes.io/control-plane, kubernetes.io/hostname…) are what a lab can name.
// Reads pods and nodes (`list nodes`, as TP4's node exercise does).
import { defineCheck } from './define.js';
import { field, findObject, labelsOf, objectsOf, selectByNameOrLabels } from './snapshot-read.js';
import { selectorProblem } from './lint/params.js';
import { parseSelector } from '../selector/parse.js';
import { matchesSelector } from '../selector/match.js';

export interface PlacementParams {
  pod?: string;
  selector?: string;
  /** A label selector of nodes: the pods must run on one of these. */
  nodeLabels: string;
}

type MessageId = 'ok' | 'missing' | 'none-selected' | 'not-scheduled' | 'unknown-node' | 'other-node' | 'bad-selector';

export const placementCheck = defineCheck<PlacementParams, MessageId>({
  kind: 'placement',
  schema: {
    type: 'object',
    required: ['nodeLabels'],
    additionalProperties: false,
    properties: {
      pod: { type: 'string', minLength: 1 },
      selector: { type: 'string', minLength: 1 },
      nodeLabels: { type: 'string', minLength: 1 },
    },
    oneOf: [{ required: ['pod'] }, { required: ['selector'] }],
  },
  messages: {
    ok: { fr: 'le pod {pod} tourne sur le nœud {node}, qui porte {nodeLabels}', en: 'pod {pod} runs on node {node}, which has {nodeLabels}' },
    missing: { fr: 'pod {pod} introuvable', en: 'pod {pod} not found' },
    'none-selected': { fr: 'aucun pod ne porte {selector}', en: 'no pod has {selector}' },
    'not-scheduled': { fr: 'le pod {pod} n\'est placé sur aucun nœud (en attente : aucun nœud ne l\'accepte ?)', en: 'pod {pod} is on no node (Pending: does no node accept it?)' },
    'unknown-node': { fr: 'le pod {pod} est lié au nœud {node}, que le cluster n\'a pas', en: 'pod {pod} is bound to node {node}, which the cluster does not have' },
    'other-node': { fr: 'le pod {pod} tourne sur le nœud {node}, qui ne porte pas {nodeLabels}', en: 'pod {pod} runs on node {node}, which does not have {nodeLabels}' },
    'bad-selector': { fr: 'sélecteur invalide : {reason}', en: 'invalid selector: {reason}' },
  },
  needs: () => ['pods', 'nodes'],
  lint: (params) => [...selectorProblem(['selector'], params.selector), ...selectorProblem(['nodeLabels'], params.nodeLabels)],
  evaluate(params, { snapshot }) {
    const nodeSelector = parseSelector(params.nodeLabels);
    if (!nodeSelector.ok) return { status: 'error', messageId: 'bad-selector', data: { reason: nodeSelector.reason } };
    const pods = selectByNameOrLabels(objectsOf(snapshot, 'pods'), params.pod, params.selector);
    if (typeof pods === 'string') return { status: 'error', messageId: 'bad-selector', data: { reason: pods } };
    if (pods.length === 0) {
      return params.pod !== undefined
        ? { status: 'fail', messageId: 'missing', data: { pod: params.pod } }
        : { status: 'fail', messageId: 'none-selected', data: { selector: params.selector ?? '' } };
    }
    let last = { pod: '', node: '' };
    for (const pod of pods) {
      const nodeName = field(pod, 'spec', 'nodeName');
      const data = { pod: pod.metadata.name, node: typeof nodeName === 'string' ? nodeName : '', nodeLabels: params.nodeLabels };
      if (typeof nodeName !== 'string' || nodeName === '') return { status: 'fail', messageId: 'not-scheduled', data };
      const node = findObject(snapshot, 'nodes', nodeName);
      if (!node) return { status: 'fail', messageId: 'unknown-node', data };
      if (!matchesSelector(nodeSelector.requirements, labelsOf(node))) return { status: 'fail', messageId: 'other-node', data };
      last = data;
    }
    return { status: 'pass', messageId: 'ok', data: { ...last, nodeLabels: params.nodeLabels } };
  },
});
