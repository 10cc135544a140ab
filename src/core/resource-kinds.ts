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
  | 'nodes'
  | 'events'
  | 'namespaces'
  | 'networkpolicies'
  | 'roles'
  | 'rolebindings'
  | 'clusterroles'
  | 'clusterrolebindings';

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
  // Core v1 Events: events.k8s.io ones are served here too, `regarding` as `involvedObject`.
  events: { prefix: '/api/v1', namespaced: true, kind: 'Event', aliases: ['event', 'ev'] },
  namespaces: { prefix: '/api/v1', namespaced: false, kind: 'Namespace', aliases: ['namespace', 'ns'] },
  networkpolicies: { prefix: '/apis/networking.k8s.io/v1', namespaced: true, kind: 'NetworkPolicy', aliases: ['networkpolicy', 'netpol'] },
  roles: { prefix: '/apis/rbac.authorization.k8s.io/v1', namespaced: true, kind: 'Role', aliases: ['role'] },
  rolebindings: { prefix: '/apis/rbac.authorization.k8s.io/v1', namespaced: true, kind: 'RoleBinding', aliases: ['rolebinding'] },
  clusterroles: { prefix: '/apis/rbac.authorization.k8s.io/v1', namespaced: false, kind: 'ClusterRole', aliases: ['clusterrole'] },
  clusterrolebindings: { prefix: '/apis/rbac.authorization.k8s.io/v1', namespaced: false, kind: 'ClusterRoleBinding', aliases: ['clusterrolebinding'] },
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
