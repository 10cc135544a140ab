// The snapshot of one target: one LIST per kind the lab needs, all at once.
import type { ApiClient } from './api-client.js';
import { namespacePath } from './api-paths.js';
import { listKind } from './list-kind.js';
import type { KindRead, NameResolution, ReadFailure, Snapshot } from './types.js';
import type { ResolvedKind, Resolution } from '../discovery/types.js';
import type { KubeconfigFacts } from '../core/kubeconfig-facts.js';
import type { SecretComparisons } from './secret-values.js';

/** How the lab's names resolved, as the snapshot keeps it. */
export const namesOf = (resolved: ReadonlyMap<string, Resolution>): Snapshot['names'] =>
  Object.fromEntries([...resolved].map(([name, resolution]): [string, NameResolution] => [
    name,
    resolution.ok ? { ok: true, key: resolution.kind.key, kind: resolution.kind.kind, namespaced: resolution.kind.namespaced } : resolution,
  ]));

/** The kinds to list: one per key, however many names mean it. */
export const kindsToList = (resolved: ReadonlyMap<string, Resolution>): ResolvedKind[] => {
  const byKey = new Map<string, ResolvedKind>();
  for (const resolution of resolved.values()) if (resolution.ok && !byKey.has(resolution.kind.key)) byKey.set(resolution.kind.key, resolution.kind);
  return [...byKey.values()];
};

export const takeSnapshot = async (
  client: ApiClient,
  namespace: string,
  resolved: ReadonlyMap<string, Resolution>,
  facts: KubeconfigFacts,
  comparisons?: SecretComparisons,
): Promise<Snapshot> => {
  const wanted = kindsToList(resolved);
  const reads = await Promise.all(wanted.map((kind) => listKind(client, kind, namespace, { comparisons })));
  const snapshotKinds: Snapshot['kinds'] = {};
  wanted.forEach((kind, index) => {
    snapshotKinds[kind.key] = reads[index] as KindRead;
  });
  return { namespace, facts, kinds: snapshotKinds, names: namesOf(resolved) };
};

/**
 * Why nothing could be read, when every read failed: then there is nothing
 * to grade, and the cause (down, forbidden, sick) is the whole message.
 * The failure that explains most is chosen: the cluster being unreachable,
 * then a refusal, then anything else. Discovery that could not be read counts
 * as a read that failed.
 */
export const everyReadFailed = (snapshot: Snapshot): ReadFailure | undefined => {
  const reads = Object.values(snapshot.kinds).filter((read): read is KindRead => read !== undefined);
  const discovery = Object.values(snapshot.names).flatMap((name) => (name && !name.ok && name.why === 'discovery-failed' ? [name.reason] : []));
  if (reads.length + discovery.length === 0) return undefined;
  const failures = [
    ...reads.flatMap((read) => (read.ok ? [] : [read.failure])),
    ...discovery.map((reason): ReadFailure => ({ reason: 'other', message: reason })),
  ];
  if (failures.length !== reads.length + discovery.length) return undefined;
  const rank = (failure: ReadFailure) => ['unreachable', 'timeout', 'forbidden', 'other'].indexOf(failure.reason);
  return [...failures].sort((a, b) => rank(a) - rank(b))[0];
};

/** True when every namespaced kind was read and none holds an object. */
export const emptyNamespace = (snapshot: Snapshot): boolean => {
  const keys = new Set(Object.values(snapshot.names).flatMap((name) => (name?.ok && name.namespaced ? [name.key] : [])));
  const namespaced = [...keys].map((key) => snapshot.kinds[key]);
  return namespaced.length > 0 && namespaced.every((read) => read?.ok && read.items.length === 0);
};

/**
 * Whether a namespace exists, asked only when every namespaced LIST came back
 * empty: a typo in `-n` should not look like a student who did nothing.
 */
export const missingNamespace = async (client: ApiClient, snapshot: Snapshot): Promise<boolean> => {
  if (!emptyNamespace(snapshot)) return false;
  try {
    return (await client.getJson(namespacePath(snapshot.namespace))) === undefined;
  } catch {
    // Not allowed to read namespaces (a student's RBAC): say nothing rather than guess.
    return false;
  }
};
