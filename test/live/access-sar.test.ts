// `access` against the API server's own answer. This test (never tp) writes Roles,
// ClusterRoles (one aggregated, filled by the controller) and bindings, then asks
// each question of a table twice: of tp's access check, on a snapshot tp reads as a
// student's check would, and of the API server, by a SubjectAccessReview. The table
// mixes the test's roles with the default ClusterRoles (view, edit, admin,
// cluster-admin, system:basic-user, system:discovery, system:public-info-viewer);
// no subject is a node or in system:masters, so RBAC alone decides.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizationV1Api, RbacAuthorizationV1Api, type V1PolicyRule, type RbacV1Subject as V1Subject } from '@kubernetes/client-node';
import { createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { takeSnapshot } from '../../src/cluster/snapshot.js';
import { accessCheck, type AccessParams } from '../../src/checks/access.js';
import { objectsOf } from '../../src/checks/snapshot-read.js';
import type { Snapshot } from '../../src/cluster/types.js';
import { resolveBuiltins } from '../support/kinds.js';

const kc = makeKubeConfig();
const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
const authorization = kc.makeApiClient(AuthorizationV1Api);
// Cluster-scoped objects are shared by every run on the cluster: named for this run, deleted after.
const suffix = randomBytes(3).toString('hex');
const own = (name: string) => `tp-access-${name}-${suffix}`;
const created = { clusterRoles: [] as string[], clusterRoleBindings: [] as string[] };
let namespace = '';
let other = '';
let snapshot: Snapshot;

const roleRef = (kind: 'Role' | 'ClusterRole', name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });
const user = (name: string): V1Subject => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name });
const group = (name: string): V1Subject => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name });
const account = (name: string, inNamespace?: string): V1Subject => ({ kind: 'ServiceAccount', name, ...(inNamespace === undefined ? {} : { namespace: inNamespace }) });

const role = (name: string, rules: V1PolicyRule[]) => rbac.createNamespacedRole({ namespace, body: { metadata: { name }, rules } });
const roleBinding = (inNamespace: string, name: string, ref: ReturnType<typeof roleRef>, subjects: V1Subject[]) =>
  rbac.createNamespacedRoleBinding({ namespace: inNamespace, body: { metadata: { name }, roleRef: ref, subjects } });
const clusterRole = async (name: string, body: { rules?: V1PolicyRule[]; labels?: Record<string, string>; aggregateLabels?: Record<string, string> }) => {
  await rbac.createClusterRole({
    body: {
      metadata: { name, ...(body.labels ? { labels: body.labels } : {}) },
      ...(body.rules ? { rules: body.rules } : {}),
      ...(body.aggregateLabels ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: body.aggregateLabels }] } } : {}),
    },
  });
  created.clusterRoles.push(name);
};
const clusterRoleBinding = async (name: string, ref: ReturnType<typeof roleRef>, subjects: V1Subject[]) => {
  await rbac.createClusterRoleBinding({ body: { metadata: { name }, roleRef: ref, subjects } });
  created.clusterRoleBindings.push(name);
};

beforeAll(async () => {
  namespace = await createTestNamespace('access-sar');
  other = await createTestNamespace('access-sar-other');
  await role('pod-reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
  await role('log-reader', [{ apiGroups: [''], resources: ['*/log'], verbs: ['get'] }]);
  await role('one-config', [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get', 'update'] }]);
  await role('wrong-group', [{ apiGroups: [''], resources: ['deployments'], verbs: ['*'] }]);
  await clusterRole(own('deployer'), { rules: [{ apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'], verbs: ['*'] }] });
  await clusterRole(own('health'), { rules: [{ nonResourceURLs: ['/healthz', '/logs/*'], verbs: ['get'] }] });
  // Aggregated: the controller copies the rules of the ClusterRoles labelled so into it.
  const aggregate = { [`tp.test/aggregate-${suffix}`]: 'true' };
  await clusterRole(own('aggregated'), { aggregateLabels: aggregate });
  await clusterRole(own('aggregated-part'), { labels: aggregate, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] });

  await roleBinding(namespace, 'read-pods', roleRef('Role', 'pod-reader'), [account('viewer', namespace), user(own('jane'))]);
  // A ServiceAccount without namespace: the RoleBinding's own.
  await roleBinding(namespace, 'read-logs', roleRef('Role', 'log-reader'), [account('viewer')]);
  await roleBinding(namespace, 'app-config', roleRef('Role', 'one-config'), [group(own('config-editors'))]);
  await roleBinding(namespace, 'wrong-group', roleRef('Role', 'wrong-group'), [user(own('wally'))]);
  await roleBinding(namespace, 'deploy-here', roleRef('ClusterRole', own('deployer')), [account('ci', other)]);
  await roleBinding(namespace, 'all-accounts', roleRef('ClusterRole', own('aggregated')), [group(`system:serviceaccounts:${namespace}`)]);
  await roleBinding(namespace, 'viewers', roleRef('ClusterRole', 'view'), [group(own('viewers'))]);
  await roleBinding(namespace, 'editor', roleRef('ClusterRole', 'edit'), [user(own('editor'))]);
  await roleBinding(namespace, 'admin', roleRef('ClusterRole', 'admin'), [user(own('admin'))]);
  await roleBinding(other, 'pods-elsewhere', roleRef('ClusterRole', 'view'), [account('intruder', namespace)]);
  await clusterRoleBinding(own('cluster-viewer'), roleRef('ClusterRole', 'view'), [user(own('cluster-viewer'))]);
  await clusterRoleBinding(own('root'), roleRef('ClusterRole', 'cluster-admin'), [user(own('root'))]);
  await clusterRoleBinding(own('health'), roleRef('ClusterRole', own('health')), [user(own('health'))]);

  await waitFor(async () => ((await rbac.readClusterRole({ name: own('aggregated') })).rules ?? []).length > 0, 30_000, 'the aggregation controller to fill the aggregated ClusterRole');
  const loaded = loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent' });
  // What a student's check reads: the namespace's Roles and RoleBindings, the cluster's ClusterRoles and ClusterRoleBindings.
  snapshot = await takeSnapshot(loaded.connection.reader({ timeoutMs: 10_000 }), namespace, resolveBuiltins(accessCheck.needs(CASES[0] as AccessParams)), loaded.facts);
}, 120_000);

afterAll(async () => {
  await Promise.all(created.clusterRoleBindings.map((name) => rbac.deleteClusterRoleBinding({ name }).catch(() => undefined)));
  await Promise.all(created.clusterRoles.map((name) => rbac.deleteClusterRole({ name }).catch(() => undefined)));
  await Promise.all([namespace && deleteNamespace(namespace), other && deleteNamespace(other)]);
});

type Case = Omit<AccessParams, 'subject' | 'expect'> & { subject: AccessParams['subject'] | (() => AccessParams['subject']) };

const sa = (name: string, inNamespace?: () => string): Case['subject'] => () => ({ kind: 'ServiceAccount', name, ...(inNamespace ? { namespace: inNamespace() } : {}) });
const u = (name: string, groups?: string[]): Case['subject'] => ({ kind: 'User', name: own(name), ...(groups ? { groups } : {}) });

const CASES: Case[] = [
  { subject: sa('viewer'), verb: 'list', resource: 'pods' },
  { subject: sa('viewer'), verb: 'delete', resource: 'pods' },
  { subject: sa('viewer'), verb: 'get', resource: 'pods/log' },
  { subject: sa('viewer'), verb: 'create', resource: 'pods/exec' },
  { subject: sa('viewer'), verb: 'get', resource: 'secrets' },
  { subject: sa('viewer'), verb: 'list', resource: 'secrets' },
  { subject: sa('builder'), verb: 'get', resource: 'secrets', resourceName: 'db-password' },
  { subject: sa('viewer'), verb: 'list', resource: 'pods', allNamespaces: true },
  { subject: u('jane'), verb: 'watch', resource: 'pods' },
  { subject: u('jane'), verb: 'get', resource: 'pods/log' },
  { subject: u('amy', [own('config-editors')]), verb: 'update', resource: 'configmaps', resourceName: 'app-config' },
  { subject: { kind: 'Group', name: own('config-editors') }, verb: 'get', resource: 'configmaps', resourceName: 'app-config' },
  { subject: { kind: 'Group', name: own('config-editors') }, verb: 'get', resource: 'configmaps', resourceName: 'other' },
  { subject: { kind: 'Group', name: own('config-editors') }, verb: 'list', resource: 'configmaps' },
  { subject: u('wally'), verb: 'create', resource: 'deployments.apps' },
  { subject: u('wally'), verb: 'create', resource: 'deployments', group: '' },
  { subject: sa('ci', () => other), verb: 'patch', resource: 'deployments.apps/scale' },
  { subject: sa('ci', () => other), verb: 'get', resource: 'deployments' },
  { subject: sa('ci', () => other), verb: 'list', resource: 'deployments', allNamespaces: true },
  { subject: sa('intruder'), verb: 'get', resource: 'pods' },
  { subject: { kind: 'Group', name: own('viewers') }, verb: 'list', resource: 'deployments.apps' },
  { subject: { kind: 'Group', name: own('viewers') }, verb: 'get', resource: 'secrets' },
  { subject: { kind: 'Group', name: own('viewers') }, verb: 'get', resource: 'pods/log' },
  { subject: { kind: 'Group', name: own('viewers') }, verb: 'list', resource: 'networkpolicies.networking.k8s.io' },
  { subject: { kind: 'Group', name: own('viewers') }, verb: 'create', resource: 'pods' },
  { subject: u('editor'), verb: 'create', resource: 'deployments' },
  { subject: u('editor'), verb: 'get', resource: 'secrets' },
  { subject: u('editor'), verb: 'create', resource: 'pods/exec' },
  { subject: u('editor'), verb: 'create', resource: 'roles.rbac.authorization.k8s.io' },
  { subject: u('admin'), verb: 'create', resource: 'rolebindings' },
  { subject: u('admin'), verb: 'delete', resource: 'resourcequotas', group: '' },
  { subject: u('cluster-viewer'), verb: 'list', resource: 'pods', allNamespaces: true },
  { subject: u('cluster-viewer'), verb: 'list', resource: 'nodes' },
  { subject: u('root'), verb: 'delete', resource: 'nodes' },
  { subject: u('root'), verb: '*', resource: '*' },
  { subject: u('root'), verb: 'get', nonResourceURL: '/metrics' },
  { subject: u('health'), verb: 'get', nonResourceURL: '/logs/kube-apiserver.log' },
  { subject: u('nobody'), verb: 'get', nonResourceURL: '/metrics' },
  { subject: u('nobody'), verb: 'create', resource: 'selfsubjectaccessreviews.authorization.k8s.io', allNamespaces: true },
  { subject: u('nobody'), verb: 'get', nonResourceURL: '/version' },
  { subject: u('nobody'), verb: 'get', nonResourceURL: '/apis' },
  { subject: u('nobody'), verb: 'list', resource: 'pods' },
  { subject: { kind: 'Group', name: 'system:unauthenticated' }, verb: 'get', nonResourceURL: '/version' },
  { subject: { kind: 'Group', name: 'system:unauthenticated' }, verb: 'get', nonResourceURL: '/apis' },
];

const subjectOf = (test: Case) => (typeof test.subject === 'function' ? test.subject() : test.subject);

const label = (test: Case): string => {
  const subject = subjectOf(test);
  const where = test.allNamespaces ? ' cluster-wide' : '';
  return `${subject.kind} ${subject.name.replace(`-${suffix}`, '')} ${test.verb} ${test.nonResourceURL ?? `${test.resource}${test.group === undefined ? '' : ` (group "${test.group}")`}${test.resourceName ? ` ${test.resourceName}` : ''}`}${where}`;
};

// The request as the API server would see it, written out here on its own (not with tp's code).
const GROUP_OF: Record<string, string> = { pods: '', secrets: '', configmaps: '', nodes: '', resourcequotas: '', deployments: 'apps', rolebindings: 'rbac.authorization.k8s.io', '*': '*' };
const CLUSTER_SCOPED = new Set(['nodes']);

const reviewOf = (test: Case) => {
  const subject = subjectOf(test);
  const who = subject.kind === 'ServiceAccount'
    ? { user: `system:serviceaccount:${subject.namespace ?? namespace}:${subject.name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${subject.namespace ?? namespace}`, 'system:authenticated'] }
    : subject.kind === 'Group'
      ? subject.name === 'system:unauthenticated' ? { user: 'system:anonymous', groups: ['system:unauthenticated'] } : { groups: [subject.name, 'system:authenticated'] }
      : { user: subject.name, groups: [...(subject.groups ?? []), 'system:authenticated'] };
  if (test.nonResourceURL !== undefined) return { ...who, nonResourceAttributes: { verb: test.verb, path: test.nonResourceURL } };
  const [typePart = '', subresource = ''] = (test.resource ?? '').split('/');
  const [resource = '', ...groupParts] = typePart.split('.');
  const apiGroup = test.group ?? (groupParts.length > 0 ? groupParts.join('.') : (GROUP_OF[resource] ?? ''));
  const inNamespace = test.allNamespaces || CLUSTER_SCOPED.has(resource) ? '' : namespace;
  return { ...who, resourceAttributes: { verb: test.verb, group: apiGroup, resource, subresource, name: test.resourceName ?? '', namespace: inNamespace } };
};

const apiServerSays = async (test: Case): Promise<boolean> =>
  (await authorization.createSubjectAccessReview({ body: { spec: reviewOf(test) } })).status?.allowed === true;

const tpSays = async (test: Case): Promise<boolean> => {
  const params: AccessParams = { ...test, subject: subjectOf(test) };
  const outcome = await accessCheck.evaluate(params, {
    snapshot,
    facts: snapshot.facts,
    answers: new Map(),
    variables: {},
    http: { via: 'auto', get: () => Promise.reject(new Error('no HTTP')) },
    logs: { read: () => Promise.reject(new Error('no logs')) },
  });
  expect(outcome.status, label(test)).not.toBe('error');
  return outcome.status === 'pass';
};

describe('access against SubjectAccessReview on the real API server', () => {
  it('gives the API server\'s answer to every question of the table', async () => {
    const asked = await Promise.all(CASES.map(async (test) => [label(test), await apiServerSays(test)] as const));
    const decided = await Promise.all(CASES.map(async (test) => [label(test), await tpSays(test)] as const));
    expect(Object.fromEntries(decided)).toEqual(Object.fromEntries(asked));
    // A table that only says "no" (or only "yes") would prove little.
    const allowed = asked.filter(([, yes]) => yes).length;
    expect(allowed).toBeGreaterThanOrEqual(15);
    expect(CASES.length - allowed).toBeGreaterThanOrEqual(15);
  });

  it('reads the aggregated ClusterRole as the API server stores it', () => {
    const aggregated = objectsOf(snapshot, 'clusterroles').find((item) => item.metadata.name === own('aggregated'));
    expect(aggregated?.rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]);
  });
});
