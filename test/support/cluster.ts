// Helpers for the integration tests under test/live/: the cluster to test
// against, a namespace of one's own, objects created in it, polling, and a
// stand-in HTTP server for the app (KWOK pods are Running and Ready but serve
// nothing, and their IPs are fake: tests never connect to a pod).
import { asFirstWritten, asMadeWith, FIELD_MANAGERS, splitRecipe } from '../../src/cluster/made-with.js';
import { kubectlCommands } from '../../src/cluster/kubectl-commands.js';
import { inClientNodeShape } from '../../src/cluster/client-node-shape.js';
import type { Manifest } from '../../src/cluster/types.js';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { ApiException, CoreV1Api, KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { inject } from 'vitest';
import { HOST_LABEL, OWNER_LABEL, OWNER_VALUE, RUN_PID_LABEL, hostLabelValue } from './test-namespaces.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The kubeconfig the global setup found or started. */
    tpTestKubeconfig: string;
    /** The vitest process that owns this run's namespaces. */
    tpTestRunPid: number;
  }
}

/** TP_TEST_KUBECONFIG when given (another cluster), else the local one that `npm run cluster:up` writes. */
export const testKubeconfigPath = (): string =>
  process.env.TP_TEST_KUBECONFIG || inject('tpTestKubeconfig') || resolve('.cache/cluster/kubeconfig');

export const makeKubeConfig = (file: string = testKubeconfigPath()): KubeConfig => {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
};

const isNotFound = (error: unknown): boolean => error instanceof ApiException && error.code === 404;

/** Polls `probe` until it returns something other than undefined/false; the last error is kept for the timeout message. */
export const waitFor = async <T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  what = 'condition',
  intervalMs = 250,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
};

/**
 * Creates a namespace with a unique name starting with `prefix`, labelled as
 * this run's, and waits for its default ServiceAccount (pods are refused
 * until the controller manager has made it).
 */
export const createTestNamespace = async (prefix: string, kc: KubeConfig = makeKubeConfig()): Promise<string> => {
  const core = kc.makeApiClient(CoreV1Api);
  const stem = prefix.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 50).replace(/^-+|-+$/g, '') || 'test';
  const name = `${stem}-${randomBytes(4).toString('hex')}`;
  const runPid = inject('tpTestRunPid') ?? process.ppid;
  await core.createNamespace({
    body: {
      metadata: {
        name,
        labels: { [OWNER_LABEL]: OWNER_VALUE, [RUN_PID_LABEL]: String(runPid), [HOST_LABEL]: hostLabelValue() },
      },
    },
  });
  await waitFor(() => core.readNamespacedServiceAccount({ name: 'default', namespace: name }), 30_000, `the default ServiceAccount of ${name}`);
  return name;
};

/** Deletes a namespace (and so everything in it); an absent one is fine. Does not wait for it to be gone. */
export const deleteNamespace = async (name: string, kc: KubeConfig = makeKubeConfig()): Promise<void> => {
  try {
    await kc.makeApiClient(CoreV1Api).deleteNamespace({ name });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
};

/** Creates the objects, in order, in `namespace` (unless one names its own); returns them as the API server stored them. */
export const applyManifests = async (
  namespace: string,
  objects: readonly KubernetesObject[],
  kc: KubeConfig = makeKubeConfig(),
): Promise<KubernetesObject[]> => {
  const api = KubernetesObjectApi.makeApiClient(kc);
  const created: KubernetesObject[] = [];
  const commands = kubectlCommands(kc);
  for (const object of objects) {
    // Written as a student's kubectl records it: `kubectl apply -f` (field manager, last-applied
    // annotation) unless the manifest names the course's commands (tp.lab-test/made-with).
    const own = splitRecipe({ ...object, metadata: { namespace, ...object.metadata } } as Manifest);
    const recipe = own.recipe ?? { made: 'apply', then: [] };
    const first = asMadeWith(asFirstWritten(own.manifest, recipe), recipe.made);
    created.push(await api.create(inClientNodeShape(first), undefined, undefined, FIELD_MANAGERS[recipe.made]));
    if (recipe.then.includes('label')) await commands.label(own.manifest);
    if (recipe.then.includes('scale')) await commands.scale(own.manifest);
  }
  return created;
};

export type StandInRoute = string | { status?: number; body: string; headers?: Record<string, string> };

/**
 * Serves `routes` (by path, query ignored; others answer 404) on
 * 127.0.0.1:`port`, usually a Service's nodePort: every KWOK node's
 * InternalIP is 127.0.0.1, so this is where a grader looking for the app finds
 * it. Resolves once listening, with a function that stops the server.
 */
export const startStandInServer = async (
  port: number,
  routes: Readonly<Record<string, StandInRoute>>,
): Promise<() => Promise<void>> => {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const route = routes[path];
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const { status = 200, body, headers = {} } = typeof route === 'string' ? { body: route } : route;
    response.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => listening());
  });
  return () =>
    new Promise<void>((closed, failed) => {
      server.close((error) => (error ? failed(error) : closed()));
      server.closeAllConnections();
    });
};
