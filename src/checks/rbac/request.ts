// An `access` check's question in the API server's terms: the user and groups of
// its subject (as the authenticators make them), and the request attributes of
// "VERB RESOURCE [NAME]" as kubectl auth can-i and a SubjectAccessReview say them.
import { builtinKindOf } from '../../discovery/builtin.js';
import type { RequestUser } from './authorize.js';
import type { RequestAttributes } from './rules.js';

export interface AccessSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  /** A ServiceAccount's namespace (default: the checked one). */
  namespace?: string;
  /** A User's groups, besides `system:authenticated`. */
  groups?: string[];
}

export interface AccessQuestion {
  subject: AccessSubject;
  verb: string;
  /** `pods`, `pods/log`, `deployments.apps`, `deployments.apps/scale`, `*`. */
  resource?: string;
  /** The API group, when `resource` does not say it (`''` is the core group). */
  group?: string;
  resourceName?: string;
  nonResourceURL?: string;
  /** Asked cluster-wide, as `kubectl auth can-i --all-namespaces`: only ClusterRoleBindings count. */
  allNamespaces?: boolean;
}

const AUTHENTICATED = 'system:authenticated';
const UNAUTHENTICATED = 'system:unauthenticated';

/**
 * The user a subject stands for. Every authenticated request carries `system:authenticated`;
 * a Group stands for one of its members, who has no user binding of their own.
 */
export const requestUser = (subject: AccessSubject, namespace: string): RequestUser => {
  if (subject.kind === 'ServiceAccount') {
    const home = subject.namespace ?? namespace;
    return { name: `system:serviceaccount:${home}:${subject.name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${home}`, AUTHENTICATED] };
  }
  if (subject.kind === 'Group') {
    return subject.name === UNAUTHENTICATED ? { name: 'system:anonymous', groups: [UNAUTHENTICATED] } : { name: '', groups: [subject.name, AUTHENTICATED] };
  }
  return { name: subject.name, groups: [...new Set([...(subject.groups ?? []), AUTHENTICATED])] };
};

export interface ParsedResource {
  resource: string;
  subresource: string;
  /** Undefined when neither the lab nor tp's table of kinds says it. */
  apiGroup: string | undefined;
  /** A kind of the whole cluster (nodes, namespaces…): asked with no namespace. */
  clusterScoped: boolean;
}

/**
 * `deployments.apps/scale` → deployments, scale, apps. A kind of Kubernetes itself is named as
 * kubectl names it (`deploy`, `Deployment`, `netpol`) and resolved with no cluster, as
 * `kubectl auth can-i` does; another name must say its group (`widgets.example.com`).
 */
export const parseResource = (text: string, group: string | undefined): ParsedResource => {
  const slash = text.indexOf('/');
  const typePart = slash === -1 ? text : text.slice(0, slash);
  const subresource = slash === -1 ? '' : text.slice(slash + 1);
  // `*` alone asks about every resource of every group.
  if (typePart === '*') return { resource: '*', subresource, apiGroup: group ?? '*', clusterScoped: false };
  const known = builtinKindOf(typePart);
  if (known) return { resource: known.resource, subresource, apiGroup: group ?? known.group, clusterScoped: !known.namespaced };
  const dot = typePart.indexOf('.');
  const resource = dot === -1 ? typePart : typePart.slice(0, dot);
  return { resource, subresource, apiGroup: group ?? (dot === -1 ? undefined : typePart.slice(dot + 1)), clusterScoped: false };
};

/** The namespace asked about: none for a cluster-wide question or a kind of the whole cluster. */
export const requestNamespace = (question: AccessQuestion, namespace: string): string => {
  if (question.nonResourceURL !== undefined || question.allNamespaces) return '';
  const parsed = parseResource(question.resource ?? '', question.group);
  // The API server asks about a namespace object in that namespace (why a RoleBinding can let one read its namespace).
  if (parsed.resource === 'namespaces' && parsed.subresource === '' && question.resourceName !== undefined) return question.resourceName;
  return parsed.clusterScoped ? '' : namespace;
};

/** The request attributes, or undefined when the API group of the resource is not known. */
export const requestAttributes = (question: AccessQuestion, namespace: string): RequestAttributes | undefined => {
  if (question.nonResourceURL !== undefined) return { verb: question.verb, nonResourceURL: question.nonResourceURL };
  const parsed = parseResource(question.resource ?? '', question.group);
  if (parsed.apiGroup === undefined) return undefined;
  return {
    verb: question.verb,
    apiGroup: parsed.apiGroup,
    resource: parsed.resource,
    subresource: parsed.subresource,
    name: question.resourceName ?? '',
    namespace: requestNamespace(question, namespace),
  };
};
