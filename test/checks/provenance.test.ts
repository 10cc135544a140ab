// provenance: how an object was made, from its field managers and the last-applied annotation
// (the managers as the real API server records them: test/live/provenance.test.ts).
import { object, testCheck } from './test-check.js';

const at = (second: number) => `2026-12-02T10:00:${String(second).padStart(2, '0')}Z`;
const w = (manager: string, second?: number, extra: { operation?: string; subresource?: string } = {}) => ({
  manager,
  operation: extra.operation ?? 'Update',
  ...(extra.subresource && { subresource: extra.subresource }),
  ...(second !== undefined && { time: at(second) }),
});
const made = (kind: string, name: string, created: number, writers: ReturnType<typeof w>[], lastApplied = false) =>
  object(kind, name, {}, { creationTimestamp: at(created), writers, ...(lastApplied && { lastApplied }) });

const applied = made('Deployment', 'kubernetes-app', 5, [w('kubectl', undefined, { subresource: 'scale' }), w('kubectl-client-side-apply', 5), w('kube-controller-manager', 6, { subresource: 'status' })], true);
const created = made('Deployment', 'kubernetes-app', 5, [w('kubectl-create', 5), w('kube-controller-manager', 6, { subresource: 'status' })]);
const rootCa = made('ConfigMap', 'kube-root-ca.crt', 1, [w('kube-controller-manager', 1)]);
const cm1 = made('ConfigMap', 'cm1', 2, [w('kubectl-create', 2), w('kubectl-label', 3)]);
const byScript = made('ConfigMap', 'cm2', 3, [w('python-requests', 3)]);
const objects = (deployment: ReturnType<typeof made>) => ({ deployments: [deployment], configmaps: [rootCa, cm1, byScript] });
// As the real API server (1.36) leaves them: `kubectl create cm` of an empty ConfigMap records no
// managedFields, and the `kubectl label` after it none either (test/live/provenance.test.ts).
const labelledEmpty = object('ConfigMap', 'cm3', {}, { creationTimestamp: at(4), writers: [], labels: { version: '1.1', country: 'de' } });
const createdEmpty = object('ConfigMap', 'cm5', {}, { creationTimestamp: at(4), writers: [] });
const labelsApplied = made('ConfigMap', 'cm4', 4, [w('kubectl-client-side-apply', 4)], true);
const params = { resource: 'deployments', name: 'kubernetes-app', made: ['apply'] };

testCheck('provenance', {
  valid: [
    {
      name: 'kubectl apply -f then kubectl scale, after two ConfigMaps (the cluster\'s own one is not counted)',
      params,
      objects: objects(applied),
      data: { kind: 'Deployment', name: 'kubernetes-app', order: 3, count: 3 },
      details: { made: 'apply', then: 'scale', managers: 'kubectl-client-side-apply, kubectl', created: at(5) },
      says: {
        fr: 'Deployment kubernetes-app : créé avec kubectl apply -f, puis modifié avec kubectl scale (objet n° 3 sur 3 dans l\'ordre de création)',
        en: 'Deployment kubernetes-app: made with kubectl apply -f, then changed with kubectl scale (object 3 of 3 in the order of creation)',
      },
    },
    {
      name: 'kubectl create then kubectl label, asked for both',
      params: { resource: 'cm', name: 'cm1', made: ['create'], used: ['label'] },
      objects: objects(applied),
      data: { kind: 'ConfigMap', name: 'cm1', order: 1, count: 3 },
    },
    {
      name: 'an empty ConfigMap made with kubectl create cm, then kubectl label: no trace but its labels',
      params: { resource: 'configmaps', name: 'cm3', used: ['label'] },
      objects: { configmaps: [rootCa, labelledEmpty] },
      messageId: 'labels-untracked',
      data: { kind: 'ConfigMap', name: 'cm3' },
      details: { untracked: 'labels', made: '', then: '', managers: '', created: at(4) },
      says: {
        fr: 'ConfigMap cm3 : créé vide, ses labels posés ensuite par une commande que le serveur ne trace pas sur un objet vide (kubectl label, ou kubectl edit)',
        en: 'ConfigMap cm3: made empty, its labels set afterwards by a command the server does not record on an empty object (kubectl label, or kubectl edit)',
      },
    },
    {
      name: 'kubectl apply --server-side',
      params: { resource: 'ConfigMap', name: 'ssa', made: ['server-side-apply'] },
      objects: { configmaps: [made('ConfigMap', 'ssa', 2, [w('kubectl', 2, { operation: 'Apply' })])] },
      data: { kind: 'ConfigMap', name: 'ssa', order: 1, count: 1 },
    },
    {
      // kubectl rollout undo sends no field manager: the server names it after the user agent, with no subresource.
      name: 'kubectl create, kubectl set image, then kubectl rollout undo',
      params: { resource: 'deploy', name: 'nginx', made: ['create'], used: ['set', 'rollout'] },
      objects: { deployments: [made('Deployment', 'nginx', 2, [w('kubectl-create', 2), w('kubectl-set', 3), w('kubectl', 4), w('kube-controller-manager', 4, { subresource: 'status' })])] },
      data: { kind: 'Deployment', name: 'nginx', order: 1, count: 1 },
      says: {
        fr: 'Deployment nginx : créé avec kubectl create, puis modifié avec kubectl set, kubectl rollout (objet n° 1 sur 1 dans l\'ordre de création)',
        en: 'Deployment nginx: made with kubectl create, then changed with kubectl set, kubectl rollout (object 1 of 1 in the order of creation)',
      },
    },
    {
      // The server sorts the entries of one second by manager name: kubectl-label before kubectl-run.
      name: 'kubectl run then kubectl label within the same second',
      params: { resource: 'pods', name: 'nginx2', made: ['run'], used: ['label'] },
      objects: { pods: [made('Pod', 'nginx2', 2, [w('kubectl-label', 2), w('kubectl-run', 2), w('kubelet', 3, { subresource: 'status' })])] },
      data: { kind: 'Pod', name: 'nginx2', order: 1, count: 1 },
      details: { made: 'run', then: 'label', managers: 'kubectl-run, kubectl-label', created: at(2) },
    },
    {
      name: 'an HPA made with kubectl autoscale',
      params: { resource: 'hpa', name: 'nginx', made: ['autoscale'] },
      objects: { horizontalpodautoscalers: [made('HorizontalPodAutoscaler', 'nginx', 2, [w('kubectl-autoscale', 2), w('kube-controller-manager', 3, { subresource: 'status' })])] },
      data: { kind: 'HorizontalPodAutoscaler', name: 'nginx', order: 1, count: 1 },
      says: {
        fr: 'HorizontalPodAutoscaler nginx : créé avec kubectl autoscale (objet n° 1 sur 1 dans l\'ordre de création)',
        en: 'HorizontalPodAutoscaler nginx: made with kubectl autoscale (object 1 of 1 in the order of creation)',
      },
    },
  ],
  invalid: [
    {
      name: 'an HPA written in a file and applied, not made with kubectl autoscale',
      params: { resource: 'hpa', name: 'nginx', made: ['autoscale'] },
      objects: { horizontalpodautoscalers: [made('HorizontalPodAutoscaler', 'nginx', 2, [w('kubectl-client-side-apply', 2)], true)] },
      messageId: 'other-method',
      data: { kind: 'HorizontalPodAutoscaler', name: 'nginx', order: 1, count: 1 },
      says: {
        fr: 'HorizontalPodAutoscaler nginx : créé avec kubectl apply -f, kubectl autoscale attendu',
        en: 'HorizontalPodAutoscaler nginx: made with kubectl apply -f, kubectl autoscale expected',
      },
    },
    {
      name: 'made with kubectl create deployment instead of its file',
      params,
      objects: objects(created),
      messageId: 'other-method',
      data: { kind: 'Deployment', name: 'kubernetes-app', order: 3, count: 3 },
      says: {
        fr: 'Deployment kubernetes-app : créé avec kubectl create, kubectl apply -f attendu',
        en: 'Deployment kubernetes-app: made with kubectl create, kubectl apply -f expected',
      },
    },
    {
      name: 'never scaled with kubectl scale',
      params: { resource: 'deployments', name: 'kubernetes-app', used: ['scale'] },
      objects: objects(created),
      messageId: 'not-used',
      data: { kind: 'Deployment', name: 'kubernetes-app', order: 3, count: 3 },
      says: {
        fr: 'Deployment kubernetes-app : kubectl scale n\'a pas servi (créé avec kubectl create)',
        en: 'Deployment kubernetes-app: kubectl scale was not used (made with kubectl create)',
      },
    },
    {
      name: 'written by a script',
      params: { resource: 'ConfigMap', name: 'cm2', made: ['apply', 'create'] },
      objects: objects(applied),
      messageId: 'other-method',
      data: { kind: 'ConfigMap', name: 'cm2', order: 2, count: 3 },
      says: { fr: 'ConfigMap cm2 : créé avec un script ou un autre outil, kubectl apply -f ou kubectl create attendu', en: 'ConfigMap cm2: made with a script or another tool, kubectl apply -f or kubectl create expected' },
    },
    {
      name: 'labels written in the manifest and applied, not set with kubectl label',
      params: { resource: 'configmaps', name: 'cm4', used: ['label'] },
      objects: { configmaps: [labelsApplied] },
      messageId: 'not-used',
      data: { kind: 'ConfigMap', name: 'cm4', order: 1, count: 1 },
      says: { fr: 'ConfigMap cm4 : kubectl label n\'a pas servi (créé avec kubectl apply -f)', en: 'ConfigMap cm4: kubectl label was not used (made with kubectl apply -f)' },
    },
    {
      name: 'an empty ConfigMap never labelled',
      params: { resource: 'configmaps', name: 'cm5', used: ['label'] },
      objects: { configmaps: [createdEmpty] },
      messageId: 'not-used',
      data: { kind: 'ConfigMap', name: 'cm5', order: 1, count: 1 },
      says: { fr: 'ConfigMap cm5 : kubectl label n\'a pas servi (créé avec une commande inconnue)', en: 'ConfigMap cm5: kubectl label was not used (made with an unknown command)' },
    },
    { name: 'no such object', params, objects: { deployments: [] }, messageId: 'missing', data: { kind: 'Deployment', name: 'kubernetes-app' }, says: { fr: 'Deployment kubernetes-app introuvable', en: 'Deployment kubernetes-app not found' } },
  ],
  refused: [
    { name: 'neither made nor used', params: { resource: 'deployments', name: 'x' } },
    { name: 'an unknown method', params: { resource: 'deployments', name: 'x', made: ['helm'] } },
  ],
});
