// tp lab test writes a third party's manifests: only namespaced kinds of
// Kubernetes, only into namespaces it made, and never over an object it did not
// create. On the real cluster, each refusal comes before anything is written.
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, expect, it } from 'vitest';
import { scratchNamespaces } from '../../src/cluster/scratch-namespaces.js';
import { makeKubeConfig } from '../support/cluster.js';

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
