// The live class's copy of a cluster, on the real local API server through an
// HTTP proxy that counts requests and plays faults: one LIST per kind, then
// watches only; a change touches its namespace alone; a network blip is
// followed from the last resourceVersion without a new LIST; an API server
// restart (410 Gone) is listed again with nothing left stale; a cluster gone
// reads as unreachable, and reads again when it is back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { startApiProxy, type ApiProxy } from '../support/api-proxy.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import type { ClusterCache } from '../../src/cluster/cluster-cache.js';
import { builtinKind } from '../support/kinds.js';
import { makeLimit } from '../../src/core/limit.js';
import type { Touched } from '../../src/cluster/kind-store.js';

const kc = makeKubeConfig();
let alpha = '';
let beta = '';
let proxy: ApiProxy;
let cache: ClusterCache;
const touches: Touched[] = [];

const configMapNames = (namespace: string): string[] => {
  const read = cache.kindsFor(namespace).configmaps;
  return read?.ok ? read.items.map((item) => item.metadata.name).filter((name) => name.startsWith('cm')).sort() : [];
};
const labelOf = (namespace: string, name: string): string | undefined => {
  const read = cache.kindsFor(namespace).configmaps;
  return read?.ok ? read.items.find((item) => item.metadata.name === name)?.metadata.labels?.['step'] : undefined;
};
const touched = (namespace: string) => touches.some((t) => t === 'all' || t.has(namespace));
const label = (namespace: string, name: string, step: string) =>
  kc.makeApiClient(CoreV1Api).patchNamespacedConfigMap({ name, namespace, body: [{ op: 'add', path: '/metadata/labels', value: { step } }] });

beforeAll(async () => {
  [alpha, beta] = await Promise.all([createTestNamespace('live-cache-a', kc), createTestNamespace('live-cache-b', kc)]);
  await applyManifests(alpha, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1' } }], kc);
  await applyManifests(beta, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1' } }], kc);
  proxy = await startApiProxy(testKubeconfigPath());
  const file = join(mkdtempSync(join(tmpdir(), 'tp-live-cache-')), 'kubeconfig');
  proxy.writeKubeconfig(file);
  const loaded = loadKubeconfig({ kubeconfig: file, env: {}, homeDir: '/nonexistent' });
  cache = await loaded.connection.follow(
    {
      kinds: [builtinKind('configmaps'), builtinKind('nodes')],
      namespaces: new Set([alpha, beta]),
      onTouched: (t) => touches.push(t),
      limit: makeLimit(4),
      timing: { backoffMs: 100, maxBackoffMs: 500 },
    },
    { timeoutMs: 20_000 },
  );
  await cache.ready;
});

afterAll(async () => {
  await cache?.stop();
  await proxy?.stop();
  await Promise.all([deleteNamespace(alpha, kc), deleteNamespace(beta, kc)]);
});

/** Until no LIST has come for two seconds: the first ones (and a retry on a loaded cluster) are over. */
const listsSettled = async () => {
  for (let count = -1; count !== proxy.requests.filter((r) => r.verb === 'list').length; await new Promise((wait) => setTimeout(wait, 2000))) {
    count = proxy.requests.filter((r) => r.verb === 'list').length;
  }
};

it('lists each kind once for both namespaces, then only watches; a change touches its namespace alone', async () => {
  await waitFor(() => configMapNames(alpha).length > 0 && configMapNames(beta).length > 0, 60_000, 'both namespaces read');
  await listsSettled();
  expect(configMapNames(alpha)).toEqual(['cm1']);
  expect(configMapNames(beta)).toEqual(['cm1']);
  const nodes = cache.kindsFor(alpha).nodes;
  expect(nodes?.ok && nodes.items.length).toBeGreaterThanOrEqual(3);
  // One LIST per kind for both namespaces; per namespace only where the cluster-wide one is too large
  // (another test's huge ConfigMaps on the shared cluster), as the last test shows.
  // A paginated LIST is a request per page, on one path.
  const pages = proxy.requests.filter((r) => r.verb === 'list').length;
  const lists = [...new Set(proxy.requests.filter((r) => r.verb === 'list').map((r) => r.path))].sort();
  const perNamespace = ['/api/v1/configmaps', `/api/v1/namespaces/${alpha}/configmaps`, `/api/v1/namespaces/${beta}/configmaps`, '/api/v1/nodes'].sort();
  expect([['/api/v1/configmaps', '/api/v1/nodes'], perNamespace]).toContainEqual(lists);

  touches.length = 0;
  await applyManifests(alpha, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm2' } }], kc);
  await waitFor(() => configMapNames(alpha).includes('cm2'), 10_000, 'cm2 in the cache');
  expect(touched(alpha)).toBe(true);
  expect(touched(beta)).toBe(false);
  expect(configMapNames(beta)).toEqual(['cm1']);
  expect(proxy.requests.filter((r) => r.verb === 'list')).toHaveLength(pages);
});

it('follows a watch cut by the network from where it was, with no new LIST', async () => {
  const lists = proxy.requests.filter((r) => r.verb === 'list').length;
  const watches = proxy.requests.filter((r) => r.verb === 'watch').length;
  proxy.cutConnections();
  await waitFor(() => proxy.requests.filter((r) => r.verb === 'watch').length >= watches + 2, 10_000, 'the watches opened again');
  await label(alpha, 'cm1', 'after-cut');
  await waitFor(() => labelOf(alpha, 'cm1') === 'after-cut', 10_000, 'the label seen after the cut');
  expect(proxy.requests.filter((r) => r.verb === 'list')).toHaveLength(lists);
});

it('lists again after an API server restart (410 Gone): what changed meanwhile is there, nothing stale', async () => {
  const lists = proxy.requests.filter((r) => r.verb === 'list').length;
  touches.length = 0;
  const restarting = proxy.restart(1500);
  // Changed while the API server is away: no watch can see it, only the new LIST.
  await label(beta, 'cm1', 'during-restart');
  await kc.makeApiClient(CoreV1Api).deleteNamespacedConfigMap({ name: 'cm2', namespace: alpha });
  await restarting;
  await waitFor(() => labelOf(beta, 'cm1') === 'during-restart' && !configMapNames(alpha).includes('cm2'), 20_000, 'the state after the restart');
  expect(touched(beta)).toBe(true);
  expect(proxy.requests.filter((r) => r.verb === 'list').length).toBeGreaterThan(lists);
  await label(beta, 'cm1', 'after-restart');
  await waitFor(() => labelOf(beta, 'cm1') === 'after-restart', 10_000, 'a change after the restart');
});

it('reads as unreachable while the cluster is gone, and again once it is back', async () => {
  await proxy.down();
  await waitFor(() => cache.kindsFor(alpha).configmaps?.ok === false, 15_000, 'the failure');
  const read = cache.kindsFor(alpha).configmaps;
  expect(read?.ok === false && read.failure.reason).toBe('unreachable');
  await proxy.up();
  await waitFor(() => cache.kindsFor(alpha).configmaps?.ok === true, 15_000, 'the cluster back');
  await label(alpha, 'cm1', 'back');
  await waitFor(() => labelOf(alpha, 'cm1') === 'back', 10_000, 'a change once back');
});

it("follows each namespace apart when the cluster-wide LIST is too large (one student's huge objects), and only that student goes without", async () => {
  const [small, huge] = await Promise.all([createTestNamespace('live-cache-small', kc), createTestNamespace('live-cache-huge', kc)]);
  try {
    await applyManifests(small, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1' } }], kc);
    const big = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { blob: 'x'.repeat(200 * 1024) } };
    await applyManifests(huge, [big as KubernetesObject], kc);
    const loaded = loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent' });
    // tp reads answers of at most 128 KiB here: the cluster's ConfigMaps together are more, each namespace but one less.
    const split = await loaded.connection.follow(
      { kinds: [builtinKind('configmaps')], namespaces: new Set([small, huge]), onTouched: () => {}, limit: makeLimit(4), timing: { backoffMs: 100, maxBackoffMs: 500 } },
      { timeoutMs: 20_000, maxBodyBytes: 128 * 1024 },
    );
    try {
      await split.ready;
      const fine = split.kindsFor(small).configmaps;
      expect(fine?.ok && fine.items.map((item) => item.metadata.name).filter((name) => name === 'cm1')).toEqual(['cm1']);
      const failed = split.kindsFor(huge).configmaps;
      expect(failed?.ok === false && failed.failure.message).toMatch(new RegExp(`list configmaps in ${huge}: the answer is over 128 KiB`));
      // One cluster-wide LIST tried, then one per namespace; each namespace watched apart.
      expect(split.stats().lists).toBeGreaterThanOrEqual(3);
    } finally {
      await split.stop();
    }
  } finally {
    await Promise.all([deleteNamespace(small, kc), deleteNamespace(huge, kc)]);
  }
});
