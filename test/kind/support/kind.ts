// What the kind tier's tests share: the registry kind:up started (server,
// credentials, the TP4 app's images), kubectl run as a student runs it, and
// the nodes' addresses on the Docker network.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { execa } from 'execa';
import { inject } from 'vitest';
import { testKubeconfigPath } from '../../support/cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** .cache/kind/registry.json, as kind:up wrote it. */
    tpKindRegistry: string;
  }
}

export interface KindRegistry {
  server: string;
  username: string;
  password: string;
  /** The registry's address on this machine (127.0.0.1:<port>), to push to. */
  pushFrom: string;
  images: { 'v0.1': string; 'v0.2': string };
}

export const kindRegistry = (): KindRegistry =>
  JSON.parse(readFileSync(inject('tpKindRegistry'), 'utf8')) as KindRegistry;

// The KWOK tier's kubectl: same Kubernetes version (scripts/cluster/versions.sh).
const k8sVersion = /^K8S_VERSION=(\S+)/m.exec(readFileSync('scripts/cluster/versions.sh', 'utf8'))?.[1] ?? '';
export const KUBECTL = resolve(`.cache/bin/kubernetes-${k8sVersion}/kubectl`);

/** kubectl on the kind cluster, in `namespace`; resolves with its stdout, rejects with its stderr. */
export const kubectl = async (namespace: string, args: string[], input?: string): Promise<string> => {
  const { stdout } = await execa(KUBECTL, ['--kubeconfig', testKubeconfigPath(), '-n', namespace, ...args], {
    timeout: 180_000,
    ...(input === undefined ? {} : { input }),
  });
  return stdout;
};

/** The InternalIP of every node, as `kubectl get nodes -o wide` shows them. */
export const nodeAddresses = async (): Promise<string[]> =>
  (await kubectl('default', ['get', 'nodes', '-o', 'jsonpath={.items[*].status.addresses[?(@.type=="InternalIP")].address}'])).split(' ');

/** GET http://<address>:<port><path> from this machine, as `curl` would; the body, or the error's text. */
export const httpGet = async (address: string, port: number, path: string): Promise<{ status: number; body: string }> => {
  const response = await fetch(`http://${address}:${port}${path}`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: await response.text() };
};

const nodeNames = async (selector: string): Promise<string[]> =>
  (await kubectl('default', ['get', 'nodes', '-l', selector, '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ').filter(Boolean);

/** The nodes' names (kind names their containers after them): the control plane's and the workers'. */
export const kindNodes = async (): Promise<{ controlPlane: string; workers: string[] }> => {
  const [controlPlane] = await nodeNames('node-role.kubernetes.io/control-plane');
  if (controlPlane === undefined) throw new Error('the kind cluster has no control-plane node');
  return { controlPlane, workers: await nodeNames('!node-role.kubernetes.io/control-plane') };
};
