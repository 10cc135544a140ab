// access: "can SUBJECT VERB RESOURCE", decided from the snapshot's Roles, ClusterRoles and
// bindings as the API server's RBAC authorizer decides it. test/live/access-sar.test.ts
// compares the same decisions with the API server's own SubjectAccessReview answers.
import { NAMESPACE, object, testCheck } from './test-check.js';

const rbac = { apiVersion: 'rbac.authorization.k8s.io/v1' };
const role = (name: string, rules: unknown[], namespace = NAMESPACE) => ({ ...object('Role', name, { rules }, { namespace }), ...rbac });
const clusterRole = (name: string, rules: unknown[]) => ({ ...object('ClusterRole', name, { rules }, { namespace: undefined }), ...rbac });
const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleRef: { kind: string; name: string }, subjects: unknown[], namespace?: string) => ({
  ...object(kind, name, { roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects }, { namespace }),
  ...rbac,
});
const sa = (name: string, namespace?: string) => ({ kind: 'ServiceAccount', name, ...(namespace === undefined ? {} : { namespace }) });

const roles = [
  role('pod-reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]),
  role('log-reader', [{ apiGroups: [''], resources: ['*/log'], verbs: ['get'] }]),
  role('one-config', [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get', 'update'] }]),
  role('wrong-group', [{ apiGroups: [''], resources: ['deployments'], verbs: ['*'] }]),
  // A Role of the same name in another namespace grants nothing here.
  role('pod-reader', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], 'elsewhere'),
];
const clusterRoles = [
  clusterRole('deployer', [{ apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'], verbs: ['*'] }]),
  clusterRole('node-reader', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }]),
  clusterRole('health', [{ nonResourceURLs: ['/healthz', '/logs/*'], verbs: ['get'] }]),
];
const roleBindings = [
  binding('RoleBinding', 'read-pods', { kind: 'Role', name: 'pod-reader' }, [sa('viewer', NAMESPACE), { kind: 'User', name: 'jane' }], NAMESPACE),
  // No namespace on the ServiceAccount: the binding's own.
  binding('RoleBinding', 'read-logs', { kind: 'Role', name: 'log-reader' }, [sa('viewer')], NAMESPACE),
  binding('RoleBinding', 'app-config', { kind: 'Role', name: 'one-config' }, [{ kind: 'Group', name: 'config-editors' }], NAMESPACE),
  binding('RoleBinding', 'deploy-here', { kind: 'ClusterRole', name: 'deployer' }, [sa('ci', 'tools')], NAMESPACE),
  binding('RoleBinding', 'wrong-group', { kind: 'Role', name: 'wrong-group' }, [{ kind: 'User', name: 'wally' }], NAMESPACE),
  // A RoleBinding of another namespace counts there only.
  binding('RoleBinding', 'pods-elsewhere', { kind: 'Role', name: 'pod-reader' }, [sa('intruder', NAMESPACE)], 'elsewhere'),
  binding('RoleBinding', 'all-accounts', { kind: 'ClusterRole', name: 'deployer' }, [{ kind: 'Group', name: `system:serviceaccounts:${NAMESPACE}` }], NAMESPACE),
];
const clusterRoleBindings = [
  binding('ClusterRoleBinding', 'nodes-for-ops', { kind: 'ClusterRole', name: 'node-reader' }, [{ kind: 'Group', name: 'ops' }]),
  binding('ClusterRoleBinding', 'health-for-all', { kind: 'ClusterRole', name: 'health' }, [{ kind: 'Group', name: 'system:authenticated' }]),
  binding('ClusterRoleBinding', 'missing-role', { kind: 'ClusterRole', name: 'not-there' }, [{ kind: 'User', name: 'jane' }]),
];
const objects = { roles, rolebindings: roleBindings, clusterroles: clusterRoles, clusterrolebindings: clusterRoleBindings };

testCheck('access', {
  valid: [
    {
      name: 'a ServiceAccount bound to a Role may list pods',
      params: { subject: sa('viewer'), verb: 'list', resource: 'pods' },
      objects,
      messageId: 'allowed',
      data: { subject: 'ServiceAccount viewer', verb: 'list', target: 'pods', grant: 'RoleBinding read-pods → Role pod-reader' },
      says: {
        fr: 'ServiceAccount viewer peut list pods dans le namespace student (accordé par RoleBinding read-pods → Role pod-reader)',
        en: 'ServiceAccount viewer can list pods in namespace student (granted by RoleBinding read-pods → Role pod-reader)',
      },
    },
    {
      name: 'it may not delete them, as expected',
      params: { subject: sa('viewer'), verb: 'delete', resource: 'pods', expect: 'denied' },
      objects,
      messageId: 'denied',
      data: { subject: 'ServiceAccount viewer', verb: 'delete', target: 'pods' },
      says: { fr: 'ServiceAccount viewer ne peut pas delete pods dans le namespace student, comme attendu', en: 'ServiceAccount viewer cannot delete pods in namespace student, as expected' },
    },
    {
      name: 'a subresource through `*/log`, the binding naming the ServiceAccount without its namespace',
      params: { subject: sa('viewer'), verb: 'get', resource: 'pods/log' },
      objects,
      messageId: 'allowed',
      data: { subject: 'ServiceAccount viewer', verb: 'get', target: 'pods/log', grant: 'RoleBinding read-logs → Role log-reader' },
    },
    {
      name: 'resourceNames: the one ConfigMap named',
      params: { subject: { kind: 'User', name: 'amy', groups: ['config-editors'] }, verb: 'update', resource: 'configmaps', resourceName: 'app-config' },
      objects,
      messageId: 'allowed',
      data: { subject: 'User amy', verb: 'update', target: 'configmaps app-config', grant: 'RoleBinding app-config → Role one-config' },
    },
    {
      name: 'resourceNames: not another one, and no list',
      params: { subject: { kind: 'Group', name: 'config-editors' }, verb: 'list', resource: 'configmaps', expect: 'denied' },
      objects,
      messageId: 'denied',
      data: { subject: 'Group config-editors', verb: 'list', target: 'configmaps' },
    },
    {
      name: 'a RoleBinding to a ClusterRole grants in its namespace, for a ServiceAccount of another namespace',
      params: { subject: sa('ci', 'tools'), verb: 'patch', resource: 'deployments.apps/scale' },
      objects,
      messageId: 'allowed',
      data: { subject: 'ServiceAccount tools/ci', verb: 'patch', target: 'deployments.apps/scale', grant: 'RoleBinding deploy-here → ClusterRole deployer' },
    },
    {
      name: 'a short name, as kubectl auth can-i takes it',
      params: { subject: sa('ci', 'tools'), verb: 'update', resource: 'deploy/scale' },
      objects,
      messageId: 'allowed',
      data: { subject: 'ServiceAccount tools/ci', verb: 'update', target: 'deploy/scale', grant: 'RoleBinding deploy-here → ClusterRole deployer' },
    },
    {
      name: '…and not cluster-wide',
      params: { subject: sa('ci', 'tools'), verb: 'list', resource: 'deployments', allNamespaces: true, expect: 'denied' },
      objects,
      messageId: 'denied',
      data: { subject: 'ServiceAccount tools/ci', verb: 'list', target: 'deployments' },
      says: { fr: 'ServiceAccount tools/ci ne peut pas list deployments dans tout le cluster, comme attendu', en: 'ServiceAccount tools/ci cannot list deployments cluster-wide, as expected' },
    },
    {
      name: 'every ServiceAccount of the namespace, through its group; the group of deployments known from tp\'s table',
      params: { subject: sa('builder'), verb: 'create', resource: 'deployments' },
      objects,
      messageId: 'allowed',
      data: { subject: 'ServiceAccount builder', verb: 'create', target: 'deployments', grant: 'RoleBinding all-accounts → ClusterRole deployer' },
    },
    {
      name: 'a kind of the whole cluster is asked cluster-wide, through a ClusterRoleBinding to a group',
      params: { subject: { kind: 'User', name: 'bob', groups: ['ops'] }, verb: 'list', resource: 'nodes' },
      objects,
      messageId: 'allowed',
      data: { subject: 'User bob', verb: 'list', target: 'nodes', grant: 'ClusterRoleBinding nodes-for-ops → ClusterRole node-reader' },
    },
    {
      name: 'a URL that is no resource, by prefix, for every authenticated user',
      params: { subject: { kind: 'User', name: 'anyone' }, verb: 'get', nonResourceURL: '/logs/kube-apiserver.log' },
      objects,
      messageId: 'allowed',
      data: { subject: 'User anyone', verb: 'get', target: '/logs/kube-apiserver.log', grant: 'ClusterRoleBinding health-for-all → ClusterRole health' },
    },
    {
      name: 'the API group asked explicitly',
      params: { subject: { kind: 'User', name: 'wally' }, verb: 'create', resource: 'deployments', group: '', expect: 'allowed' },
      objects,
      messageId: 'allowed',
      data: { subject: 'User wally', verb: 'create', target: 'deployments', grant: 'RoleBinding wrong-group → Role wrong-group' },
    },
  ],
  invalid: [
    {
      name: 'the role names the wrong API group: deployments.apps are not granted',
      params: { subject: { kind: 'User', name: 'wally' }, verb: 'create', resource: 'deployments.apps' },
      objects,
      messageId: 'denied-unwanted',
      data: { subject: 'User wally', verb: 'create', target: 'deployments.apps' },
      says: {
        fr: 'User wally ne peut pas create deployments.apps dans le namespace student : aucun Role ni ClusterRole lié à ce sujet ne le permet',
        en: 'User wally cannot create deployments.apps in namespace student: no Role or ClusterRole bound to it allows that',
      },
    },
    {
      name: 'a rule on pods does not grant pods/log',
      params: { subject: { kind: 'User', name: 'jane' }, verb: 'get', resource: 'pods/log' },
      objects,
      messageId: 'denied-unwanted',
      data: { subject: 'User jane', verb: 'get', target: 'pods/log' },
    },
    {
      name: 'a RoleBinding of another namespace, and a Role of that name there, count not here',
      params: { subject: sa('intruder'), verb: 'get', resource: 'pods' },
      objects,
      messageId: 'denied-unwanted',
      data: { subject: 'ServiceAccount intruder', verb: 'get', target: 'pods' },
    },
    {
      name: 'a student who granted too much',
      params: { subject: sa('viewer'), verb: 'watch', resource: 'pods', expect: 'denied' },
      objects,
      messageId: 'allowed-unwanted',
      data: { subject: 'ServiceAccount viewer', verb: 'watch', target: 'pods', grant: 'RoleBinding read-pods → Role pod-reader' },
      says: {
        fr: 'ServiceAccount viewer peut watch pods dans le namespace student (accordé par RoleBinding read-pods → Role pod-reader), ce qui ne devrait pas être',
        en: 'ServiceAccount viewer can watch pods in namespace student (granted by RoleBinding read-pods → Role pod-reader), which it should not',
      },
    },
    {
      name: 'a binding to a ClusterRole that does not exist grants nothing',
      params: { subject: { kind: 'User', name: 'jane' }, verb: 'get', resource: 'secrets' },
      objects,
      messageId: 'denied-unwanted',
      data: { subject: 'User jane', verb: 'get', target: 'secrets' },
    },
    {
      name: 'nothing in the namespace',
      params: { subject: sa('viewer'), verb: 'get', resource: 'pods' },
      messageId: 'denied-unwanted',
      data: { subject: 'ServiceAccount viewer', verb: 'get', target: 'pods' },
    },
    {
      name: 'a resource tp does not know, without its group',
      params: { subject: sa('viewer'), verb: 'get', resource: 'widgets' },
      objects,
      status: 'error',
      messageId: 'unknown-group',
      data: { resource: 'widgets' },
    },
  ],
  refused: [
    { name: 'no resource nor URL', params: { subject: sa('viewer'), verb: 'get' } },
    { name: 'both a resource and a URL', params: { subject: sa('viewer'), verb: 'get', resource: 'pods', nonResourceURL: '/healthz' } },
    { name: 'a subject of no known kind', params: { subject: { kind: 'Robot', name: 'r2' }, verb: 'get', resource: 'pods' } },
    { name: 'a verb in capitals', params: { subject: sa('viewer'), verb: 'GET', resource: 'pods' } },
    { name: 'an expectation of neither kind', params: { subject: sa('viewer'), verb: 'get', resource: 'pods', expect: 'maybe' } },
  ],
});
