// The objects of a submission's snapshot as the integrity checks read them:
// each with its Kind (`Deployment`), as the snapshot's names resolved it.
import type { KubeObject, Snapshot } from '../cluster/types.js';

/**
 * What a submission holds beyond what the lab reads, for its integrity checks:
 * with Deployments (kind key `deployments.apps`), their ReplicaSets and pods
 * (integrity-workloads.ts compares them). Names, resolved as the lab's are.
 */
export const evidenceKinds = (keys: ReadonlySet<string>): string[] =>
  keys.has('deployments.apps') ? ['replicasets.apps', 'pods'] : [];

export interface Evidence {
  /** `Deployment`, `ConfigMap`… (the key of the snapshot when tp does not know it). */
  kind: string;
  object: KubeObject;
}

export const evidenceOf = (snapshot: Snapshot): Evidence[] => {
  // `deployments.apps` → `Deployment`: the Kind its names resolved to (the key itself when none says).
  const kindOf = new Map(Object.values(snapshot.names).flatMap((resolution) => (resolution?.ok ? [[resolution.key, resolution.kind] as const] : [])));
  return Object.entries(snapshot.kinds).flatMap(([key, read]) => (read?.ok ? read.items.map((object) => ({ kind: kindOf.get(key) ?? key, object })) : []));
};

export const ofKind = (evidence: readonly Evidence[], kind: string): KubeObject[] =>
  evidence.filter((item) => item.kind === kind).map((item) => item.object);

export const nameOf = (item: Evidence): string => `${item.kind} ${item.object.metadata.name}`;

/** A nested field: `at(o, 'spec', 'replicas')`. */
export const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((current, key) => (current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined), value);

export const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
