// The resource kinds labs can read, where each lives in the API, and the names
// lab authors and students may use for it.

/** Keys are the plural resource names kubectl uses. */
export type ResourceKind =
  | 'configmaps'
  | 'secrets'
  | 'pods'
  | 'services'
  | 'endpointslices'
  | 'deployments'
  | 'replicasets'
  | 'nodes';

export interface ResourceKindInfo {
  /** API path prefix: `/api/v1` or `/apis/<group>/<version>`. */
  prefix: string;
  namespaced: boolean;
  /** The `kind` field of its objects. */
  kind: string;
  /** Other spellings accepted in labs and answers (kubectl short names). */
  aliases: string[];
}

export const RESOURCE_KINDS: Record<ResourceKind, ResourceKindInfo> = {
  configmaps: { prefix: '/api/v1', namespaced: true, kind: 'ConfigMap', aliases: ['configmap', 'cm'] },
  secrets: { prefix: '/api/v1', namespaced: true, kind: 'Secret', aliases: ['secret'] },
  pods: { prefix: '/api/v1', namespaced: true, kind: 'Pod', aliases: ['pod', 'po'] },
  services: { prefix: '/api/v1', namespaced: true, kind: 'Service', aliases: ['service', 'svc'] },
  endpointslices: { prefix: '/apis/discovery.k8s.io/v1', namespaced: true, kind: 'EndpointSlice', aliases: ['endpointslice'] },
  deployments: { prefix: '/apis/apps/v1', namespaced: true, kind: 'Deployment', aliases: ['deployment', 'deploy'] },
  replicasets: { prefix: '/apis/apps/v1', namespaced: true, kind: 'ReplicaSet', aliases: ['replicaset', 'rs'] },
  nodes: { prefix: '/api/v1', namespaced: false, kind: 'Node', aliases: ['node', 'no'] },
};

export const RESOURCE_KIND_NAMES = Object.keys(RESOURCE_KINDS) as ResourceKind[];

export const isResourceKind = (name: string): name is ResourceKind => name in RESOURCE_KINDS;

/** `ConfigMap`, `cm` or `configmaps` → `configmaps`. */
export const resourceKindOf = (name: string): ResourceKind | undefined => {
  const lower = name.toLowerCase();
  return RESOURCE_KIND_NAMES.find(
    (kind) => kind === lower || RESOURCE_KINDS[kind].kind.toLowerCase() === lower || RESOURCE_KINDS[kind].aliases.includes(lower),
  );
};
