// The Snapshot: everything a lab's checks may read, fetched once per target.
// Checks read only this; only src/cluster/ talks to the API server.
import type { KubeconfigFacts } from '../core/kubeconfig-facts.js';
import type { Unresolved } from '../discovery/types.js';

/** One entry of an object's managedFields: the field manager, the operation, the subresource, the time. */
export interface FieldWriter {
  manager: string;
  operation: string;
  subresource?: string;
  time?: string;
}

/** A Kubernetes object as plain JSON (Secrets arrive already redacted, see redact.ts). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    uid?: string;
    generation?: number;
    ownerReferences?: Array<{ kind: string; name: string; uid?: string; controller?: boolean }>;
    creationTimestamp?: string;
    /** Set once a delete was asked (the object waits on its grace period or finalizers). */
    deletionTimestamp?: string;
    /** The etcd revision of the object's last write: higher is later. */
    resourceVersion?: string;
    /** Who wrote the object, how and when (its managedFields without the fields), in the API server's order. */
    writers?: FieldWriter[];
    /** It carries the annotation `kubectl apply` keeps (its value is not kept). */
    lastApplied?: boolean;
  };
  [field: string]: unknown;
}

/** Why a kind could not be read: the checks that need it become `error` with this reason. */
export interface ReadFailure {
  reason: 'forbidden' | 'timeout' | 'unreachable' | 'other';
  message: string;
  /** The read stopped at tp's bounds (bytes, pages): what it asked for holds more than tp reads in one LIST. */
  overCap?: true;
}

export type KindRead = { ok: true; items: KubeObject[] } | { ok: false; failure: ReadFailure };

/** How a kind name of the lab resolved on the cluster: the key its objects are under, or why none. */
export type NameResolution = { ok: true; key: string; kind: string; namespaced: boolean } | Unresolved;

export interface Snapshot {
  namespace: string;
  facts: KubeconfigFacts;
  /** One read per kind, by kind key: `configmaps`, `deployments.apps`, `crontabs.stable.example.com`. */
  kinds: Partial<Record<string, KindRead>>;
  /** Each kind name the lab's checks use (`deploy`, `Role`, `ct`…), as it resolved. */
  names: Partial<Record<string, NameResolution>>;
}

/** An object as written in a manifest file, to create in a scratch namespace (`tp lab test`). */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [field: string]: unknown;
}
