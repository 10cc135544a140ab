// Discovery on the real API server: what the generated table says Kubernetes
// serves is what this one serves, its aggregated document and its legacy
// documents say the same, and every spelling of a kind reads what the real
// kubectl reads.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { listPath } from '../../src/cluster/api-paths.js';
import { knownBuiltins, servedEverywhere } from '../../src/discovery/builtin.js';
import { readResourceList } from '../../src/discovery/documents.js';
import { discoverKinds, type DiscoveryReader } from '../../src/discovery/fetch.js';
import { resolveIn } from '../../src/discovery/resolve.js';
import type { ServedKind } from '../../src/discovery/types.js';
import { testKubeconfigPath } from '../support/cluster.js';
import { kubectlPath } from '../support/installed-tp.js';

const run = promisify(execFile);
const kubectlCache = mkdtempSync(join(tmpdir(), 'tp-kubectl-cache-'));
afterAll(() => rmSync(kubectlCache, { recursive: true, force: true }));
const kubeconfig = testKubeconfigPath();
const client = () => loadKubeconfig({ kubeconfig, env: {}, homeDir: '/nonexistent-home' }).connection.reader({ timeoutMs: 10_000 });

const idOf = (k: ServedKind) => `${k.group}/${k.version}/${k.resource}`;
const factsOf = (k: ServedKind) => ({ kind: k.kind, singular: k.singular, shortNames: [...k.shortNames].sort(), namespaced: k.namespaced, verbs: [...k.verbs].sort() });

/** Everything the live server serves: the core group's APIResourceList, then `/apis` (aggregated). */
const liveKinds = async (): Promise<ServedKind[]> => {
  const reader = client();
  const core = JSON.parse((await reader.getRaw('/api/v1')).body) as unknown;
  return [...readResourceList('', 'v1', core).kinds, ...(await discoverKinds(reader)).kinds];
};

describe('the generated table and the live API server', () => {
  it('every kind the table resolves with no request is served, as the table says', async () => {
    const live = new Map((await liveKinds()).map((k) => [idOf(k), k]));
    for (const kind of servedEverywhere()) {
      const served = live.get(idOf(kind));
      expect(served, idOf(kind)).toBeDefined();
      expect(factsOf(served as ServedKind), idOf(kind)).toEqual(factsOf(kind));
    }
  });

  it('every GA kind of Kubernetes\' own groups the server serves is in the table', async () => {
    const known = new Set(knownBuiltins().map(idOf));
    const builtinGroups = new Set(knownBuiltins().map((k) => k.group));
    const missing = (await liveKinds()).filter((k) => builtinGroups.has(k.group) && /^v\d+$/.test(k.version) && !known.has(idOf(k)));
    expect(missing.map(idOf)).toEqual([]);
  });

  it('the aggregated document is one request; an older server\'s documents say the same', async () => {
    const reader = client();
    const aggregated = await discoverKinds(reader);
    expect(aggregated.requests).toBe(1);
    expect(aggregated.dropped).toBe(0);
    // Asked without the aggregated type, the real server answers as servers before 1.26 did.
    const legacyReader: DiscoveryReader = { getRaw: (path, timeoutMs, signal, maxBodyBytes) => reader.getRaw(path, timeoutMs, signal, maxBodyBytes, 'application/json') };
    const legacy = await discoverKinds(legacyReader);
    expect(legacy.requests).toBeGreaterThan(10);
    expect(legacy.kinds.map(idOf).sort()).toEqual(aggregated.kinds.map(idOf).sort());
    // The same priority order, for the names every group shares (`events`: core first, then events.k8s.io).
    expect([...new Set(legacy.kinds.map((k) => k.group))]).toEqual([...new Set(aggregated.kinds.map((k) => k.group))]);
  });
});

describe('each spelling reads what kubectl reads', () => {
  const spellings = [
    'pods', 'pod', 'po', 'Pod', 'PODS', 'pods.v1.', 'deploy', 'Deployment', 'deployments.apps', 'Deployment.v1.apps', 'deploy.apps',
    'events', 'ev', 'events.events.k8s.io', 'hpa', 'hpa.autoscal', 'HorizontalPodAutoscaler.v1.autoscaling', 'netpol', 'sts', 'cj',
    'roles', 'Role', 'clusterroles', 'ns', 'pvc', 'sa', 'pdb', 'ing', 'endpointslices', 'no',
  ];

  it.each(spellings)('%s', async (name) => {
    // A discovery cache of kubectl's own: the one in ~/.kube may be stale.
    const { stderr } = await run(kubectlPath(), ['--kubeconfig', kubeconfig, '--cache-dir', kubectlCache, 'get', name, '-n', 'default', '-v=6', '--request-timeout=10s'], { maxBuffer: 16 * 1024 * 1024 });
    const asked = [...stderr.matchAll(/url="https:\/\/[^/]+([^"?]+)/g)].map((m) => m[1]).find((path) => path !== '/api' && path !== '/apis');
    const resolution = resolveIn(name, [...servedEverywhere()]);
    expect(resolution.ok, name).toBe(true);
    if (resolution.ok) expect(listPath(resolution.kind, 'default')).toBe(asked);
  });
});
