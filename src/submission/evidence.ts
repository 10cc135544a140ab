// The objects of a submission's snapshot as the integrity checks read them:
// each with the name of its kind, whatever the snapshot's keys are (`deployments`
// or, with kinds resolved by discovery, `deployments.apps`).
import type { KubeObject, Snapshot } from '../cluster/types.js';
import { RESOURCE_KINDS, isResourceKind, type ResourceKind } from '../core/resource-kinds.js';

/**
 * What a submission holds beyond what the lab reads, for its integrity checks:
 * with Deployments, their ReplicaSets and pods (integrity-workloads.ts compares them).
 */
export const evidenceKinds = (needed: ReadonlySet<ResourceKind>): ResourceKind[] =>
  needed.has('deployments') ? ['replicasets', 'pods'] : [];

export interface Evidence {
  /** `Deployment`, `ConfigMap`… (the key of the snapshot when tp does not know it). */
  kind: string;
  object: KubeObject;
}

/** `deployments` or `deployments.apps` → `Deployment`. */
const kindName = (key: string): string => {
  const plural = key.split('.')[0] ?? key;
  return isResourceKind(plural) ? RESOURCE_KINDS[plural].kind : key;
};

export const evidenceOf = (snapshot: Snapshot): Evidence[] =>
  Object.entries(snapshot.kinds).flatMap(([key, read]) => (read?.ok ? read.items.map((object) => ({ kind: kindName(key), object })) : []));

export const ofKind = (evidence: readonly Evidence[], kind: string): KubeObject[] =>
  evidence.filter((item) => item.kind === kind).map((item) => item.object);

export const nameOf = (item: Evidence): string => `${item.kind} ${item.object.metadata.name}`;

/** A nested field: `at(o, 'spec', 'replicas')`. */
export const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((current, key) => (current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined), value);

export const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
