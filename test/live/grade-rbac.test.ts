// A trainer whose rights stop at the students' namespaces (deploy/rbac-readonly.yaml
// bound per namespace, not cluster-wide): tp grade falls back from one
// cluster-wide LIST per kind to one LIST per namespace, and grades everyone.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { RbacAuthorizationV1Api, type V1ClusterRole } from '@kubernetes/client-node';
import { createTestNamespace, deleteNamespace, makeKubeConfig } from '../support/cluster.js';
import { solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import { writeServiceAccountKubeconfig } from '../support/service-account.js';
import { answersFileText, tp4AnswersFor } from '../support/tp4-solution.js';
import { runTp } from '../support/run-cli.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import type { Report } from '../../src/engine/types.js';

const kc = makeKubeConfig();
const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
const work = mkdtempSync(join(tmpdir(), 'tp-grade-rbac-'));
// Cluster-scoped objects are shared by every run on the cluster: named for this run, deleted after.
const suffix = randomBytes(3).toString('hex');
const clusterRoles: string[] = [];
let nodesBinding = '';
let trainerNamespace = '';
const students: SolvedTp4[] = [];

beforeAll(async () => {
  students.push(await solvedTp4Namespace('grade-rbac-a', kc), await solvedTp4Namespace('grade-rbac-b', kc));
  trainerNamespace = await createTestNamespace('grade-rbac-trainer', kc);
  const roles = parseAllDocuments(readFileSync('deploy/rbac-readonly.yaml', 'utf8')).map((d) => d.toJS() as V1ClusterRole);
  for (const role of roles) {
    const name = `${role.metadata?.name}-grade-${suffix}`;
    await rbac.createClusterRole({ body: { ...role, metadata: { ...role.metadata, name } } });
    clusterRoles.push(name);
  }
  await writeServiceAccountKubeconfig(kc, trainerNamespace, 'trainer', join(work, 'trainer.kubeconfig'));
  const subject = { kind: 'ServiceAccount', name: 'trainer', namespace: trainerNamespace };
  for (const student of students) {
    await rbac.createNamespacedRoleBinding({
      namespace: student.namespace,
      body: { metadata: { name: 'trainer-tp-readonly' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRoles[0] ?? '' }, subjects: [subject] },
    });
  }
  nodesBinding = `trainer-nodes-grade-${suffix}`;
  await rbac.createClusterRoleBinding({
    body: { metadata: { name: nodesBinding }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRoles[1] ?? '' }, subjects: [subject] },
  });
});

afterAll(async () => {
  if (nodesBinding) await rbac.deleteClusterRoleBinding({ name: nodesBinding }).catch(() => undefined);
  await Promise.all(clusterRoles.map((name) => rbac.deleteClusterRole({ name }).catch(() => undefined)));
  await Promise.all([...students.map((s) => s.remove()), trainerNamespace && deleteNamespace(trainerNamespace, kc)]);
});

it('grades every student with namespace-level rights only, with no `error` check', async () => {
  const trainerKubeconfig = join(work, 'trainer.kubeconfig');
  const facts = loadKubeconfig({ kubeconfig: trainerKubeconfig, env: {}, homeDir: '/nonexistent' }).facts;
  const lines = ['lab: tp4', 'defaults:', `  kubeconfig: ${trainerKubeconfig}`, 'students:'];
  students.forEach((student, index) => {
    const id = `s${index}`;
    // Each student's context namespace is their own (SPEC: the student's namespace is the context's).
    writeFileSync(join(work, id), answersFileText(tp4AnswersFor({ ...facts, namespace: student.namespace })));
    lines.push(`  - id: ${id}`, `    namespace: ${student.namespace}`, `    answers: ${join(work, id)}`);
  });
  writeFileSync(join(work, 'cohort.yaml'), `${lines.join('\n')}\n`);

  const { exitCode, stderr } = await runTp(['grade', 'tp4', '--cohort', join(work, 'cohort.yaml'), '--output', join(work, 'out'), '--http-via', 'nodeport', '--timeout', '2']);
  expect(stderr).not.toContain('internal error');
  expect(exitCode).toBe(0);
  const gradebook = JSON.parse(readFileSync(join(work, 'out', 'grades.json'), 'utf8')) as { students: Array<{ status: string; report?: Report }> };
  expect(gradebook.students.map((s) => s.status)).toEqual(['graded', 'graded']);
  for (const student of gradebook.students) {
    const notPassed = student.report?.exercises.flatMap((e) => e.checks).filter((c) => c.status !== 'pass') ?? [];
    expect(notPassed).toEqual([]);
  }
});
