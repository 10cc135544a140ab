// A ServiceAccount as a user of tp: created in a test namespace, given a
// short-lived token by the TokenRequest API, and written as a kubeconfig of
// its own (same server and CA as the admin one, the token instead of the
// admin's certificate), so that tp runs with exactly the rights bound to it.
import { writeFileSync } from 'node:fs';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';

export const serviceAccountUser = (namespace: string, name: string): string => `system:serviceaccount:${namespace}:${name}`;

/** Creates the ServiceAccount `name` in `namespace` and writes a kubeconfig that acts as it, its context in that namespace. */
export const writeServiceAccountKubeconfig = async (kc: KubeConfig, namespace: string, name: string, file: string): Promise<void> => {
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
  // Empty audiences: the API server's own.
  const request = await core.createNamespacedServiceAccountToken({ name, namespace, body: { spec: { audiences: [], expirationSeconds: 3600 } } });
  const token = request.status?.token;
  if (!token) throw new Error(`no token for ServiceAccount ${namespace}/${name}`);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the test kubeconfig has no current cluster');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': name,
    clusters: [{ name: 'test', cluster: { server: cluster.server, ...(cluster.caData ? { 'certificate-authority-data': cluster.caData } : {}), ...(cluster.caFile ? { 'certificate-authority': cluster.caFile } : {}) } }],
    users: [{ name, user: { token } }],
    contexts: [{ name, context: { cluster: 'test', user: name, namespace } }],
  };
  writeFileSync(file, stringify(config));
};
