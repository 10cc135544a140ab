// The words of discovery: what an API server serves (a resource of a group at
// a version), and what a name written in a lab resolves to.

/** One resource as an API server serves it at one group and version. */
export interface ServedKind {
  /** `''` for the core group (`/api/v1`). */
  group: string;
  version: string;
  /** The plural, as in the URL: `deployments`. */
  resource: string;
  /** The `kind` of its objects: `Deployment`. */
  kind: string;
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
  verbs: readonly string[];
}

/**
 * What a cluster serves, in kubectl's priority order: the core group first,
 * then the groups as discovery orders them, each group's preferred version
 * first. The first entry a name matches is the one it means.
 */
export type KindCatalogue = readonly ServedKind[];

/** A name a lab wrote, resolved: the resource it means and the key its objects are kept under in a snapshot. */
export interface ResolvedKind extends ServedKind {
  /**
   * `configmaps` for the core group, `deployments.apps`, `crontabs.stable.example.com`
   * otherwise; `horizontalpodautoscalers.v1.autoscaling` when the name asks for a
   * version other than the one tp reads by default. Names that mean the same
   * resource share a key, so it is listed once.
   */
  key: string;
}

/** Why a name resolves to nothing that tp can read. */
export type Unresolved =
  /** Neither Kubernetes nor the cluster serves a kind by that name (a CRD not installed, a typo). */
  | { ok: false; why: 'not-served' }
  /** It exists but cannot be listed (a review, a binding): tp reads by LIST. */
  | { ok: false; why: 'not-listable'; kind: string }
  /** The cluster's discovery could not be read: the kind may exist. */
  | { ok: false; why: 'discovery-failed'; reason: string };

export type Resolution = { ok: true; kind: ResolvedKind } | Unresolved;

/** One resource of Kubernetes itself, with each version serving it and the releases that do (generated). */
export interface BuiltinKind extends Omit<ServedKind, 'version'> {
  /** `[version, releases]`, most preferred version first: `['v2', ['1.33', '1.34', '1.35', '1.36']]`. */
  versions: ReadonlyArray<readonly [string, readonly string[]]>;
}
