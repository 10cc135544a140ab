// Workload checks of a submission: what the Deployment controller writes must
// fit together. Each ReplicaSet it made is named `<deployment>-<pod-template-hash>`
// and carries that hash in its selector and its pod template; one of them was
// made from the Deployment's current pod template (the controller makes it as
// soon as the template changes, unless the Deployment is paused); its pods carry
// its hash; and the Deployment's replica counts are the sums of its ReplicaSets'.
// A Deployment edited in the file (another image, more replicas) no longer fits.
import type { KubeObject } from '../cluster/types.js';
import { finding, type Finding } from './integrity-messages.js';
import { canonicalJson } from '../core/canonical-json.js';
import { at, count, ofKind, type Evidence } from './evidence.js';

const HASH = 'pod-template-hash';

const ownedBy = (objects: readonly KubeObject[], kind: string, owner: KubeObject): KubeObject[] =>
  objects.filter((object) => (object.metadata.ownerReferences ?? []).some((ref) => ref.kind === kind && ref.name === owner.metadata.name && ref.controller !== false));

/** A ReplicaSet's pod template as its Deployment's was when the controller copied it (the hash label taken out). */
const templateWithoutHash = (replicaSet: KubeObject): string => {
  const template = structuredClone(at(replicaSet, 'spec', 'template') ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (template.metadata?.labels) {
    delete template.metadata.labels[HASH];
    if (Object.keys(template.metadata.labels).length === 0) delete template.metadata.labels;
  }
  return canonicalJson(template);
};

const hashFlags = (deployment: KubeObject, replicaSet: KubeObject, pods: readonly KubeObject[]): Finding[] => {
  const names = { replicaSet: replicaSet.metadata.name, deployment: deployment.metadata.name, label: HASH };
  const hash = replicaSet.metadata.labels?.[HASH];
  if (hash === undefined) return [finding('pod-template-hash', 'rs-no-hash', names)];
  const flags: Finding[] = [];
  if (replicaSet.metadata.name !== `${deployment.metadata.name}-${hash}`) flags.push(finding('pod-template-hash', 'rs-name', { ...names, hash }));
  if (at(replicaSet, 'spec', 'selector', 'matchLabels', HASH) !== hash || at(replicaSet, 'spec', 'template', 'metadata', 'labels', HASH) !== hash) {
    flags.push(finding('pod-template-hash', 'rs-selector', { ...names, hash }));
  }
  for (const pod of ownedBy(pods, 'ReplicaSet', replicaSet)) {
    if (pod.metadata.labels?.[HASH] !== hash) flags.push(finding('pod-template-hash', 'rs-pod', { ...names, hash, pod: pod.metadata.name }));
  }
  return flags;
};

const isReady = (pod: KubeObject): boolean =>
  ((at(pod, 'status', 'conditions') ?? []) as Array<{ type?: string; status?: string }>).some((condition) => condition.type === 'Ready' && condition.status === 'True');

const replicaFlags = (deployment: KubeObject, replicaSets: readonly KubeObject[], pods: readonly KubeObject[] | undefined): Finding[] => {
  // Counts add up once the controller has seen the Deployment as it is (its observedGeneration).
  if (at(deployment, 'status', 'observedGeneration') !== deployment.metadata.generation) return [];
  const flags: Finding[] = [];
  for (const field of ['replicas', 'readyReplicas'] as const) {
    const own = count(at(deployment, 'status', field));
    const sum = replicaSets.reduce((total, replicaSet) => total + count(at(replicaSet, 'status', field)), 0);
    if (own !== sum) flags.push(finding('replicas', 'deployment-count', { deployment: deployment.metadata.name, own, field, sum }));
  }
  if (pods === undefined) return flags;
  for (const replicaSet of replicaSets) {
    const ready = ownedBy(pods, 'ReplicaSet', replicaSet).filter((pod) => pod.metadata.deletionTimestamp === undefined && isReady(pod)).length;
    const said = count(at(replicaSet, 'status', 'readyReplicas'));
    if (said !== ready) flags.push(finding('replicas', 'rs-ready', { replicaSet: replicaSet.metadata.name, said, ready }));
  }
  return flags;
};

export const workloadFlags = (evidence: readonly Evidence[]): Finding[] => {
  const replicaSets = ofKind(evidence, 'ReplicaSet');
  const podsRead = evidence.some((item) => item.kind === 'Pod') ? ofKind(evidence, 'Pod') : undefined;
  return ofKind(evidence, 'Deployment').flatMap((deployment) => {
    const own = ownedBy(replicaSets, 'Deployment', deployment);
    if (own.length === 0) return [];
    const flags = own.flatMap((replicaSet) => hashFlags(deployment, replicaSet, podsRead ?? []));
    const template = canonicalJson(at(deployment, 'spec', 'template') ?? {});
    if (at(deployment, 'spec', 'paused') !== true && !own.some((replicaSet) => templateWithoutHash(replicaSet) === template)) {
      flags.push(finding('pod-template-hash', 'template', { deployment: deployment.metadata.name }));
    }
    return [...flags, ...replicaFlags(deployment, own, podsRead)];
  });
};
