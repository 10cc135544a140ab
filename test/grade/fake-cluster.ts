// An API server in memory, for grading tests without a cluster: answers LISTs
// (cluster-wide or per namespace) from a list of objects, counts requests,
// and can forbid cluster-wide LISTs or be unreachable.
import { MAX_API_BODY_BYTES, type ApiClient } from '../../src/cluster/api-client.js';
import { connectionOf } from '../../src/cluster/connection.js';
import type { LoadedKubeconfig } from '../../src/cluster/kubeconfig.js';
import type { KubeObject } from '../../src/cluster/types.js';
import type { CohortRunOptions } from '../../src/grade/run-cohort.js';
import type { CohortStudent } from '../../src/grade/types.js';
import type { Lab } from '../../src/lab/types.js';
import { AnswerTooLarge, ApiFailure } from '../../src/cluster/api-failure.js';

export interface FakeCluster {
  client: ApiClient;
  /** Paths asked, in order, without the query. */
  paths: string[];
}

export interface FakeClusterOptions {
  /** RBAC allows only per-namespace LISTs. */
  forbidClusterWide?: boolean;
  unreachable?: boolean;
  /** Namespaces holding more than tp reads in one LIST: any LIST that takes them in is over the cap. */
  overCapNamespaces?: readonly string[];
}

const LIST_PATH = /^\/apis?(?:\/[^/]+)?\/v1(?:\/namespaces\/([^/]+))?\/([a-z]+)$/;

export const fakeCluster = (objects: readonly (KubeObject & { kindName: string })[], options: FakeClusterOptions = {}): FakeCluster => {
  const paths: string[] = [];
  const client: ApiClient = {
    server: 'https://fake.example.org:6443',
    maxBodyBytes: MAX_API_BODY_BYTES,
    connectionCount: 0,
    get requestCount() {
      return paths.length;
    },
    async getJson<T>(path: string): Promise<T | undefined> {
      const bare = path.split('?')[0] ?? path;
      paths.push(bare);
      if (options.unreachable) throw new ApiFailure({ reason: 'unreachable', message: 'cannot reach https://fake.example.org:6443 (ECONNREFUSED)' });
      const match = LIST_PATH.exec(bare);
      if (!match) return undefined;
      const [, namespace, kind] = match;
      if (namespace === undefined && kind !== 'nodes' && options.forbidClusterWide) {
        throw new ApiFailure({ reason: 'forbidden', message: `${kind} is forbidden` }, 403);
      }
      const items = objects
        .filter((object) => object.kindName === kind && (namespace === undefined || object.metadata.namespace === namespace))
        .map(({ kindName: _kind, ...object }) => object);
      if (items.some((object) => options.overCapNamespaces?.includes(object.metadata.namespace ?? ''))) throw new AnswerTooLarge(bare, MAX_API_BODY_BYTES);
      return { items } as T;
    },
    async getRaw() {
      return { status: 503, body: 'no proxy in a fake cluster' };
    },
  };
  return { client, paths };
};

export const configMap = (namespace: string, name: string, labels: Record<string, string> = {}) => ({
  kindName: 'configmaps',
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, labels },
});

export const node = (name: string, labels: Record<string, string> = {}) => ({
  kindName: 'nodes',
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels },
});

/** What loadKubeconfig would give for a one-context kubeconfig (the client is faked apart). */
export const fakeKubeconfig = (context = 'fake', namespace = 'default'): LoadedKubeconfig => ({
  connection: connectionOf({ model: { clusters: [], contexts: [], users: [] }, contextName: context, server: 'https://fake.example.org:6443', cluster: {}, userName: '', user: {} }),
  source: '/fake/kubeconfig',
  namespace,
  facts: { contexts: 1, context, server: 'https://fake.example.org:6443', serverHost: 'fake.example.org', namespace },
});

/** Options of a cohort run on clusters in memory, with the defaults the grading tests share. */
export const inMemoryRunOptions = (
  lab: Lab,
  students: CohortStudent[],
  makeClient: CohortRunOptions['makeClient'],
  extra: Partial<CohortRunOptions> = {},
): CohortRunOptions => ({
  lab,
  students,
  variables: { registry: 'registry.example.org' },
  httpVia: 'nodeport',
  timeoutMs: 1000,
  studentTimeoutMs: 10_000,
  concurrency: 4,
  lang: 'fr',
  now: () => new Date('2026-11-23T10:00:00Z'),
  loadKubeconfig: ({ kubeconfig }) => fakeKubeconfig(kubeconfig ?? 'shared'),
  makeClient,
  ...extra,
});
