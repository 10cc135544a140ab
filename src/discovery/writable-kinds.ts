// The kinds `tp lab test` may write from a lab's solution: namespaced kinds, so
// everything it writes lies in a namespace it made and deletes. A kind of
// Kubernetes itself is judged from the generated table; any other (a custom
// resource) is written only when the cluster serves it as a namespaced kind,
// which `tp lab test` asks the cluster (`served`) and `tp lab lint`, without a
// cluster, says it will (a warning). A cluster-scoped kind (Namespace,
// ClusterRole, Node, CRD, PV…) or a manifest naming another namespace is
// refused before anything is written: lab files may come from a third party.
import { isBuiltinGroup, knownBuiltins, supportedReleases } from './builtin.js';
import type { KindCatalogue, ServedKind } from './types.js';
import { podSecurityRefusals } from '../core/pod-security.js';

export interface ManifestIdentity {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
}

export interface ManifestRefusal {
  /** The field at fault: `kind` (with apiVersion) or `metadata.namespace`. */
  field: 'kind' | 'namespace';
  message: string;
  /** `warning`: not known without a cluster; `tp lab test` decides with the cluster's discovery. */
  severity: 'error' | 'warning';
}

const text = (value: unknown, absent: string): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : absent);

const WRITES_ONLY = 'tp lab test writes only namespaced kinds, into namespaces it makes and deletes';

/** `apps/v1` → apps, v1; `v1` → the core group. */
const groupVersionOf = (apiVersion: string): { group: string; version: string } => {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
};

const lookUp = (catalogue: KindCatalogue, group: string, version: string, kind: string): ServedKind | undefined =>
  catalogue.find((served) => served.group === group && served.version === version && served.kind === kind);

/**
 * Why `tp lab test` will not write this manifest, with the field at fault, or undefined when it may.
 * `served`: what the cluster serves, when a cluster is at hand (tp lab test); without it (lint), a kind
 * outside the groups of Kubernetes is a warning: the cluster will say.
 */
export const manifestRefusal = (manifest: ManifestIdentity, served?: KindCatalogue): ManifestRefusal | undefined => {
  const kind = text(manifest.kind, '');
  const apiVersion = text(manifest.apiVersion, '');
  const name = `${kind || '?'} ${text(manifest.metadata?.name, '?')}`;
  const { group, version } = groupVersionOf(apiVersion);
  const known = lookUp(knownBuiltins(), group, version, kind) ?? (served ? lookUp(served, group, version, kind) : undefined);
  const what = `${kind || 'no kind'} (${apiVersion || 'no apiVersion'})`;
  if (!known) {
    if (served) return { field: 'kind', severity: 'error', message: `${name}: the cluster does not serve ${what}; ${WRITES_ONLY} (install a custom resource's CRD before tp lab test)` };
    if (kind === '' || apiVersion === '' || isBuiltinGroup(group)) {
      return { field: 'kind', severity: 'error', message: `${name}: ${what} is not a kind of Kubernetes ${supportedReleases()}; ${WRITES_ONLY}` };
    }
    return { field: 'kind', severity: 'warning', message: `${name}: ${what} is not a kind of Kubernetes itself: tp lab test writes it only if the cluster serves it as a namespaced kind (its CRD installed)` };
  }
  if (!known.namespaced) return { field: 'kind', severity: 'error', message: `${name}: ${kind} is cluster-scoped; ${WRITES_ONLY}` };
  const namespace = manifest.metadata?.namespace;
  if (namespace !== undefined) {
    return { field: 'namespace', severity: 'error', message: `${name} names the namespace "${text(namespace, '…')}": a solution's objects go in tp lab test's own namespaces, so leave metadata.namespace out` };
  }
  return undefined;
};

/**
 * Why `tp lab test` will not write this manifest on a cluster serving `served`, or undefined when
 * it may: its kind, its namespace, or a pod it would run that the Pod Security baseline profile
 * refuses (core/pod-security.ts). Without `served`, a custom resource is refused too: nothing is
 * written on a guess.
 */
export const unwritableManifest = (manifest: ManifestIdentity, served?: KindCatalogue): string | undefined =>
  manifestRefusal(manifest, served)?.message ?? podSecurityRefusals(manifest)[0]?.message;

/** True when a manifest's kind is one only the cluster can tell about (a custom resource). */
export const needsClusterWord = (manifest: ManifestIdentity): boolean => manifestRefusal(manifest)?.severity === 'warning';
