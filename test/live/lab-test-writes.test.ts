// tp lab test writes a third party's manifests: only namespaced kinds of
// Kubernetes, only into namespaces it made, and never over an object it did not
// create. On the real cluster, each refusal comes before anything is written.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, expect, it } from 'vitest';
import { LAB_TEST_LABEL, scratchNamespaces } from '../../src/cluster/scratch-namespaces.js';
import { makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';

const kc = makeKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const scratch = scratchNamespaces(kc, 'writes', { stepTimeoutMs: 10_000 });
afterAll(async () => {
  await scratch.deleteAll();
});

const exists = (read: Promise<unknown>): Promise<boolean> => read.then(() => true, () => false);

it('refuses cluster-scoped kinds and other namespaces, and patches nothing it did not create', async () => {
  const namespace = await scratch.create('refusals');
  const intruder = `${namespace}-escaped`;
  const configMap = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data: { planted: 'yes' } });

  // A Namespace beside a harmless ConfigMap: neither is written.
  await expect(scratch.apply(namespace, [configMap('first'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: intruder } }]))
    .rejects.toThrow(/Namespace .*writes only namespaced kinds/);
  expect(await exists(core.readNamespace({ name: intruder }))).toBe(false);
  expect(await exists(core.readNamespacedConfigMap({ name: 'first', namespace }))).toBe(false);

  await expect(scratch.apply(namespace, [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: intruder } }]))
    .rejects.toThrow(/ClusterRoleBinding .*writes only namespaced kinds/);
  await expect(scratch.apply(namespace, [configMap('elsewhere', { namespace: 'kube-system' })])).rejects.toThrow(/names the namespace "kube-system"/);
  await expect(scratch.apply('kube-system', [configMap('planted')])).rejects.toThrow(/not a namespace this lab test made/);
  expect(await exists(core.readNamespacedConfigMap({ name: 'planted', namespace: 'kube-system' }))).toBe(false);

  // Every namespace holds kube-root-ca.crt, made by the cluster: a 409 on it is an error, not a patch.
  await expect(scratch.apply(namespace, [configMap('kube-root-ca.crt')])).rejects.toThrow(/did not create it/);
  expect((await core.readNamespacedConfigMap({ name: 'kube-root-ca.crt', namespace })).data?.planted).toBeUndefined();

  // What this run created it may still update (a later solution step).
  await scratch.apply(namespace, [configMap('mine')]);
  await scratch.apply(namespace, [{ ...configMap('mine'), data: { planted: 'again' } }]);
  expect((await core.readNamespacedConfigMap({ name: 'mine', namespace })).data?.planted).toBe('again');
});

it('tp lab test refuses a third party\'s lab whose later step is cluster-scoped at file:line:col, before making any namespace', async () => {
  const id = `hostile-${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'tp-hostile-lab-'));
  cpSync('labs/tp4', dir, { recursive: true });
  writeFileSync(join(dir, 'lab.yaml'), readFileSync(join(dir, 'lab.yaml'), 'utf8').replace(/^id: tp4$/m, `id: ${id}`));
  // The solution's first step is harmless; its second would make every user of the cluster an admin.
  const second = join(dir, 'solution', 'zz-later.yaml');
  writeFileSync(second, `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ${id}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]\n`);
  const run = await runTp(['lab', 'test', join(dir, 'lab.yaml'), '--kubeconfig', testKubeconfigPath()]);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain(`${second}:2:7 ClusterRoleBinding ${id}: ClusterRoleBinding is cluster-scoped`);
  expect(run.stderr).not.toContain('internal error');
  // Nothing was made: no scratch namespace of this lab (not even one being deleted), no binding.
  expect((await core.listNamespace({ labelSelector: `${LAB_TEST_LABEL}=${id}` })).items).toEqual([]);
  const binding = kc.makeApiClient(RbacAuthorizationV1Api).readClusterRoleBinding({ name: id });
  expect(await exists(binding)).toBe(false);
});
