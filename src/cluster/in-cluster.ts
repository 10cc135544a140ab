// The configuration of a pod's service account, as kubectl and client-go make it
// when no kubeconfig exists (KUBERNETES_SERVICE_HOST set, a token mounted).
import { existsSync, readFileSync } from 'node:fs';
import type { KubeconfigModel } from './kubeconfig-model.js';

const ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
export const IN_CLUSTER_TOKEN = `${ACCOUNT}/token`;

export const inClusterModel = (env: Readonly<Record<string, string | undefined>>): KubeconfigModel => {
  const host = env.KUBERNETES_SERVICE_HOST ?? '';
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${env.KUBERNETES_SERVICE_PORT ?? '443'}`;
  const namespaceFile = `${ACCOUNT}/namespace`;
  const namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : '';
  return {
    clusters: [{ name: 'inCluster', fields: { server, 'certificate-authority': `${ACCOUNT}/ca.crt` } }],
    users: [{ name: 'inClusterUser', fields: { 'token-file': IN_CLUSTER_TOKEN } }],
    contexts: [{ name: 'inClusterContext', fields: { cluster: 'inCluster', user: 'inClusterUser', ...(namespace ? { namespace } : {}) } }],
    currentContext: 'inClusterContext',
  };
};
