// Training clusters with tight RBAC. A ServiceAccount bound only to the roles
// of deploy/rbac-readonly.yaml runs the whole TP4 check with no `error`; one
// that may not list Secrets gets `error` "forbidden: list secrets in <ns>" on
// exactly the checks that read Secrets, everything else evaluated; one with no
// rights at all gets exit 2 and what to ask for, no report.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizationV1Api, RbacAuthorizationV1Api, type V1ClusterRole, type V1PolicyRule } from '@kubernetes/client-node';
import { createTestNamespace, deleteNamespace, makeKubeConfig } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import { serviceAccountUser, writeServiceAccountKubeconfig } from '../support/service-account.js';
import { loadLab } from '../../src/cli/load-lab.js';
import { findCheckKind } from '../../src/checks/index.js';
import { resolveVariables, fillVariables } from '../../src/engine/variables.js';
import type { Report } from '../../src/engine/types.js';
import { resolveBuiltins } from '../support/kinds.js';

const kc = makeKubeConfig();
const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
const work = mkdtempSync(join(tmpdir(), 'tp-rbac-'));
// Cluster-scoped objects are shared by every run on the cluster: named uniquely, deleted after.
const suffix = randomBytes(4).toString('hex');
const roleName = (name: string) => `${name}-test-${suffix}`;
const kubeconfigOf = (account: string) => join(work, `${account}.kubeconfig`);

let solved: SolvedTp4 | undefined;
let emptyNamespace = '';
const created: { clusterRoles: string[]; clusterRoleBindings: string[] } = { clusterRoles: [], clusterRoleBindings: [] };

const readonlyRoles = (): V1ClusterRole[] =>
  parseAllDocuments(readFileSync('deploy/rbac-readonly.yaml', 'utf8')).map((document) => document.toJS() as V1ClusterRole);

const without = (rules: V1PolicyRule[], denied: string): V1PolicyRule[] =>
  rules.map((rule) => ({ ...rule, resources: (rule.resources ?? []).filter((resource) => resource !== denied) })).filter((rule) => rule.resources.length > 0);

const bindInNamespace = async (namespace: string, account: string, accountNamespace: string, role: { kind: 'Role' | 'ClusterRole'; name: string }) =>
  rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name: `${account}-${role.name}`.slice(0, 63) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...role },
      subjects: [{ kind: 'ServiceAccount', name: account, namespace: accountNamespace }],
    },
  });

const check = (account: string, ...extra: string[]) => {
  const answers = join(work, `answers-${account}`);
  writeFileSync(answers, answersFileText(tp4Answers(kubeconfigOf(account))));
  return runTp(['check', '4', '--kubeconfig', kubeconfigOf(account), '--answers', answers, '--http-via', 'nodeport', '--timeout', '2', ...extra]);
};

const allChecks = (report: Report) => report.exercises.flatMap((e) => e.checks);

beforeAll(async () => {
  solved = await solvedTp4Namespace('rbac', kc);
  const namespace = solved.namespace;
  emptyNamespace = await createTestNamespace('rbac-empty', kc);

  // deploy/rbac-readonly.yaml as written, under names of this run: applying it is its validation.
  const [readonly, nodes] = readonlyRoles();
  for (const role of [readonly, nodes]) {
    const name = roleName(role?.metadata?.name ?? '');
    await rbac.createClusterRole({ body: { ...role, metadata: { ...role?.metadata, name } } });
    created.clusterRoles.push(name);
  }
  await rbac.createNamespacedRole({ namespace, body: { metadata: { name: 'tp-no-secrets' }, rules: without(readonly?.rules ?? [], 'secrets') } });
  await rbac.createNamespacedRole({ namespace, body: { metadata: { name: 'tp-no-events' }, rules: without(readonly?.rules ?? [], 'events') } });

  for (const account of ['tp-reader', 'tp-no-secrets', 'tp-no-events', 'tp-nobody']) await writeServiceAccountKubeconfig(kc, namespace, account, kubeconfigOf(account));
  const readonlyRole = { kind: 'ClusterRole' as const, name: roleName('tp-readonly') };
  await bindInNamespace(namespace, 'tp-reader', namespace, readonlyRole);
  await bindInNamespace(emptyNamespace, 'tp-reader', namespace, readonlyRole);
  await bindInNamespace(namespace, 'tp-no-secrets', namespace, { kind: 'Role', name: 'tp-no-secrets' });
  await bindInNamespace(namespace, 'tp-no-events', namespace, { kind: 'Role', name: 'tp-no-events' });
  const nodesBinding = roleName('tp-readonly-nodes');
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name: nodesBinding },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName('tp-readonly-nodes') },
      subjects: ['tp-reader', 'tp-no-secrets', 'tp-no-events'].map((name) => ({ kind: 'ServiceAccount', name, namespace })),
    },
  });
  created.clusterRoleBindings.push(nodesBinding);
});

afterAll(async () => {
  await Promise.all(created.clusterRoleBindings.map((name) => rbac.deleteClusterRoleBinding({ name })));
  await Promise.all(created.clusterRoles.map((name) => rbac.deleteClusterRole({ name })));
  await Promise.all([solved?.remove(), emptyNamespace && deleteNamespace(emptyNamespace, kc)]);
});

describe('a ServiceAccount bound only to deploy/rbac-readonly.yaml', () => {
  it('runs the whole TP4 check: no error, every check passes, exit 0', async () => {
    const { exitCode, stdout, stderr } = await check('tp-reader', '--format', 'json');
    expect(exitCode, stderr).toBe(0);
    expect(allChecks(JSON.parse(stdout) as Report).filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('grades a cohort of two namespaces, falling back to one list per namespace where cluster-wide lists are refused', async () => {
    const cohort = join(work, 'cohort.yaml');
    const answers = join(work, 'answers-tp-reader');
    writeFileSync(
      cohort,
      `lab: tp4\ndefaults: { kubeconfig: ${kubeconfigOf('tp-reader')}, answers: ${answers} }\nstudents:\n  - { id: solved, namespace: ${solved?.namespace}, facts: { namespace: ${solved?.namespace} } }\n  - { id: empty, namespace: ${emptyNamespace} }\n`,
    );
    const { exitCode, stderr } = await runTp(['grade', 'tp4', '--cohort', cohort, '--output', join(work, 'grades'), '--http-via', 'nodeport', '--timeout', '2']);
    expect(exitCode, stderr).toBe(0);
    const students = (JSON.parse(readFileSync(join(work, 'grades', 'grades.json'), 'utf8')) as { students: Array<{ status: string; report?: Report }> }).students;
    expect(students.map((s) => s.status)).toEqual(['graded', 'graded']);
    expect(students.flatMap((s) => allChecks(s.report as Report)).filter((c) => c.status === 'error')).toEqual([]);
    expect(students[0]?.report?.score).toBe(students[0]?.report?.maxScore);
  });

  it('may read what tp reads, and nothing more: no write, no other namespace', async () => {
    const namespace = solved?.namespace ?? '';
    const authorization = kc.makeApiClient(AuthorizationV1Api);
    const user = serviceAccountUser(namespace, 'tp-reader');
    const allowed = async (verb: string, resource: string, group = '', inNamespace: string | undefined = namespace, extra: { subresource?: string; name?: string } = {}) =>
      (
        await authorization.createSubjectAccessReview({
          body: { spec: { user, groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'], resourceAttributes: { verb, resource, group, ...(inNamespace ? { namespace: inNamespace } : {}), ...extra } } },
        })
      ).status?.allowed === true;
    // The kinds the course's labs read (events only to explain a failure), and those the events, access and reach checks read, as tp resolves them.
    const read = resolveBuiltins(['configmaps', 'secrets', 'pods', 'services', 'endpointslices', 'deployments', 'replicasets', 'nodes',
      'events', 'networkpolicies', 'roles', 'rolebindings', 'namespaces', 'clusterroles', 'clusterrolebindings']);
    for (const resolution of read.values()) {
      if (!resolution.ok) throw new Error('a kind of the labs does not resolve');
      const { resource: kind, group, namespaced } = resolution.kind;
      const where = namespaced ? namespace : undefined;
      for (const verb of ['get', 'list', 'watch']) expect(await allowed(verb, kind, group, where), `${verb} ${kind}`).toBe(true);
      for (const verb of ['create', 'update', 'patch', 'delete']) expect(await allowed(verb, kind, group, where), `${verb} ${kind}`).toBe(false);
    }
    expect(await allowed('get', 'services', '', namespace, { subresource: 'proxy' })).toBe(true);
    expect(await allowed('get', 'pods', '', namespace, { subresource: 'log' })).toBe(true);
    expect(await allowed('get', 'namespaces', '', namespace, { name: namespace })).toBe(true);
    expect(await allowed('create', 'pods', '', namespace, { subresource: 'exec' })).toBe(false);
    expect(await allowed('list', 'secrets', '', 'kube-system')).toBe(false);
  });
});

describe('a ServiceAccount that may not list Secrets', () => {
  it('gets `error` "forbidden: list secrets in <ns>" on exactly the checks that read Secrets; the others pass; exit 2', async () => {
    const lab = await loadLab('4', process.cwd());
    const variables = resolveVariables(lab, {});
    const readingSecrets = lab.exercises
      .flatMap((e) => e.checks)
      .filter((c) => findCheckKind(c.kind)?.needs(fillVariables(c.params, variables)).includes('secrets'))
      .map((c) => c.id);
    expect(readingSecrets.length).toBeGreaterThan(0);

    const { exitCode, stdout } = await check('tp-no-secrets', '--format', 'json');
    expect(exitCode).toBe(2);
    const checks = allChecks(JSON.parse(stdout) as Report);
    expect(checks.filter((c) => c.status === 'error').map((c) => c.id).sort()).toEqual([...readingSecrets].sort());
    for (const id of readingSecrets) expect(checks.find((c) => c.id === id)?.message).toContain(`forbidden: list secrets in ${solved?.namespace}`);
    expect(checks.filter((c) => !readingSecrets.includes(c.id) && c.status !== 'pass')).toEqual([]);
  });

  it('sees the reason in the pretty report too, in French', async () => {
    const { exitCode, stdout } = await check('tp-no-secrets', '--lang', 'fr');
    expect(exitCode).toBe(2);
    expect(stdout).toContain(`forbidden: list secrets in ${solved?.namespace}`);
  });
});

describe('a ServiceAccount that may not list Events (an older deploy/rbac-readonly.yaml)', () => {
  it('is graded on every check all the same: Events only explain a failure, exit 0', async () => {
    const { exitCode, stdout, stderr } = await check('tp-no-events', '--format', 'json');
    expect(exitCode, stderr).toBe(0);
    expect(allChecks(JSON.parse(stdout) as Report).filter((c) => c.status !== 'pass')).toEqual([]);
  });
});

describe('a ServiceAccount with no rights at all', () => {
  it('exits 2 with the refusal and what to ask for, and prints no report', async () => {
    const { exitCode, stdout, stderr } = await check('tp-nobody');
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/forbidden: list \w+ in /);
    expect(stderr).toContain('deploy/rbac-readonly.yaml');
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
