// What the API server's RBAC authorizer answers, decided from the Roles,
// ClusterRoles and bindings of a snapshot: the rules of Kubernetes'
// rbac/validation (VisitRulesFor, appliesTo, RuleAllows), without a request
// to the cluster. ClusterRoles are read as the API stores them: an aggregated
// one holds the rules its controller filled in.
import type { KubeObject } from '../../cluster/types.js';
import { field } from '../snapshot-read.js';
import { ruleAllows, type PolicyRule, type RequestAttributes } from './rules.js';

export type { RequestAttributes } from './rules.js';

/** Who asks: a user name and its groups, as an authenticator hands them over. */
export interface RequestUser {
  name: string;
  groups: readonly string[];
}

/** The RBAC objects the decision reads. */
export interface RbacObjects {
  roles: readonly KubeObject[];
  roleBindings: readonly KubeObject[];
  clusterRoles: readonly KubeObject[];
  clusterRoleBindings: readonly KubeObject[];
}

export interface Grant {
  binding: { kind: 'RoleBinding' | 'ClusterRoleBinding'; name: string };
  role: { kind: 'Role' | 'ClusterRole'; name: string };
}

export type Decision = { allowed: true; grant: Grant } | { allowed: false };

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

interface RoleRef {
  kind?: string;
  name?: string;
}

// A binding's subjects as the keys a request's user hits: `user:<name>` or `group:<name>`.
// A ServiceAccount is the user `system:serviceaccount:<ns>:<name>`; a RoleBinding's
// ServiceAccount written without a namespace is one of the binding's own namespace.
const subjectKey = (subject: Subject, bindingNamespace: string): string | undefined => {
  if (typeof subject.name !== 'string') return undefined;
  if (subject.kind === 'User') return `user:${subject.name}`;
  if (subject.kind === 'Group') return `group:${subject.name}`;
  if (subject.kind === 'ServiceAccount') {
    const namespace = subject.namespace || bindingNamespace;
    return namespace ? `user:system:serviceaccount:${namespace}:${subject.name}` : undefined;
  }
  return undefined;
};

type BindingIndex = Map<string, KubeObject[]>;

// Indexed once per list of bindings: a lab asks many questions of one snapshot.
const indexes = new WeakMap<readonly KubeObject[], BindingIndex>();

const indexBySubject = (bindings: readonly KubeObject[]): BindingIndex => {
  const known = indexes.get(bindings);
  if (known) return known;
  const index: BindingIndex = new Map();
  for (const binding of bindings) {
    const subjects = field(binding, 'subjects');
    if (!Array.isArray(subjects)) continue;
    const keys = new Set(subjects.map((subject: Subject) => subjectKey(subject, binding.metadata.namespace ?? '')));
    for (const key of keys) {
      if (key === undefined) continue;
      const list = index.get(key);
      if (list) list.push(binding);
      else index.set(key, [binding]);
    }
  }
  indexes.set(bindings, index);
  return index;
};

const byName = new WeakMap<readonly KubeObject[], Map<string, KubeObject>>();

/** The object of that namespace ('' for cluster-scoped ones) and name. */
const namedIn = (objects: readonly KubeObject[], namespace: string, name: string): KubeObject | undefined => {
  let map = byName.get(objects);
  if (!map) {
    map = new Map(objects.map((object) => [`${object.metadata.namespace ?? ''}/${object.metadata.name}`, object]));
    byName.set(objects, map);
  }
  return map.get(`${namespace}/${name}`);
};

const rulesOf = (role: KubeObject | undefined): PolicyRule[] => {
  const rules = field(role, 'rules');
  return Array.isArray(rules) ? (rules as PolicyRule[]) : [];
};

/** The bindings of `bindings` that name the user or one of its groups, in the order they were listed. */
const bindingsFor = (bindings: readonly KubeObject[], user: RequestUser): KubeObject[] => {
  const index = indexBySubject(bindings);
  const found = new Set<KubeObject>();
  for (const key of [`user:${user.name}`, ...user.groups.map((group) => `group:${group}`)]) {
    for (const binding of index.get(key) ?? []) found.add(binding);
  }
  return [...found];
};

/**
 * Whether RBAC allows `user` to do `request`, and which binding and role allow it.
 * ClusterRoleBindings count everywhere; RoleBindings only in their namespace, and only for
 * a request in a namespace (a RoleBinding to a ClusterRole grants its rules there alone).
 */
export const authorize = (objects: RbacObjects, user: RequestUser, request: RequestAttributes): Decision => {
  const namespace = 'namespace' in request ? request.namespace : '';
  for (const binding of bindingsFor(objects.clusterRoleBindings, user)) {
    const ref = (field(binding, 'roleRef') ?? {}) as RoleRef;
    if (ref.kind !== 'ClusterRole' || typeof ref.name !== 'string') continue;
    if (rulesOf(namedIn(objects.clusterRoles, '', ref.name)).some((rule) => ruleAllows(rule, request))) {
      return { allowed: true, grant: { binding: { kind: 'ClusterRoleBinding', name: binding.metadata.name }, role: { kind: 'ClusterRole', name: ref.name } } };
    }
  }
  if (namespace === '') return { allowed: false };
  for (const binding of bindingsFor(objects.roleBindings, user)) {
    if (binding.metadata.namespace !== namespace) continue;
    const ref = (field(binding, 'roleRef') ?? {}) as RoleRef;
    if (typeof ref.name !== 'string' || (ref.kind !== 'Role' && ref.kind !== 'ClusterRole')) continue;
    const role = ref.kind === 'Role' ? namedIn(objects.roles, namespace, ref.name) : namedIn(objects.clusterRoles, '', ref.name);
    if (rulesOf(role).some((rule) => ruleAllows(rule, request))) {
      return { allowed: true, grant: { binding: { kind: 'RoleBinding', name: binding.metadata.name }, role: { kind: ref.kind, name: ref.name } } };
    }
  }
  return { allowed: false };
};
