// One read of a cluster for all its students: requests do not grow with them.
import { describe, expect, it } from 'vitest';
import { makeLimit } from '../../src/core/limit.js';
import type { KindRead } from '../../src/cluster/types.js';
import { configMap, fakeCluster, node } from '../grade/fake-cluster.js';
import { readCluster } from '../../src/cluster/shared-snapshot.js';
import { resolveBuiltins } from '../support/kinds.js';

const names = (read: KindRead | undefined) => (read?.ok ? read.items.map((item) => item.metadata.name).sort() : read);

const objects = [
  configMap('alice', 'cm1'),
  configMap('alice', 'cm2'),
  configMap('bob', 'cm1'),
  configMap('someone-else', 'secret-plans'),
  node('cp', { 'node-role.kubernetes.io/control-plane': '' }),
  node('worker'),
];

describe('readCluster', () => {
  it('lists each kind once, cluster-wide, and gives each namespace its own objects', async () => {
    const { client, paths } = fakeCluster(objects);
    const read = await readCluster(client, resolveBuiltins(['configmaps', 'nodes']), ['alice', 'bob', 'carol'], makeLimit(4));
    expect(paths.sort()).toEqual(['/api/v1/configmaps', '/api/v1/nodes']);
    expect(names(read.kindsFor('alice').configmaps)).toEqual(['cm1', 'cm2']);
    expect(names(read.kindsFor('bob').configmaps)).toEqual(['cm1']);
    expect(names(read.kindsFor('carol').configmaps)).toEqual([]);
    // Nodes are cluster-scoped: every student sees them all.
    expect(names(read.kindsFor('carol').nodes)).toEqual(['cp', 'worker']);
  });

  it('makes as many requests for 200 students as for 2', async () => {
    const counts = [];
    for (const students of [2, 200]) {
      const { client } = fakeCluster(objects);
      const namespaces = Array.from({ length: students }, (_, i) => `student-${i}`);
      await readCluster(client, resolveBuiltins(['configmaps', 'secrets', 'deployments', 'nodes']), namespaces, makeLimit(4));
      counts.push(client.requestCount);
    }
    expect(counts).toEqual([4, 4]);
  });

  it('lists one namespace alone when a cluster has one student', async () => {
    const { client, paths } = fakeCluster(objects);
    const read = await readCluster(client, resolveBuiltins(['configmaps']), ['alice'], makeLimit(4));
    expect(paths).toEqual(['/api/v1/namespaces/alice/configmaps']);
    expect(names(read.kindsFor('alice').configmaps)).toEqual(['cm1', 'cm2']);
  });

  it('falls back to one LIST per namespace when RBAC forbids listing cluster-wide', async () => {
    const { client, paths } = fakeCluster(objects, { forbidClusterWide: true });
    const read = await readCluster(client, resolveBuiltins(['configmaps']), ['alice', 'bob'], makeLimit(4));
    expect(paths.sort()).toEqual(['/api/v1/configmaps', '/api/v1/namespaces/alice/configmaps', '/api/v1/namespaces/bob/configmaps']);
    expect(names(read.kindsFor('alice').configmaps)).toEqual(['cm1', 'cm2']);
    expect(names(read.kindsFor('bob').configmaps)).toEqual(['cm1']);
  });

  it('falls back to one LIST per namespace when the cluster-wide one is over the cap: only who is over it fails', async () => {
    const { client, paths } = fakeCluster(objects, { overCapNamespaces: ['alice'] });
    const read = await readCluster(client, resolveBuiltins(['configmaps']), ['alice', 'bob'], makeLimit(4));
    expect(paths.sort()).toEqual(['/api/v1/configmaps', '/api/v1/namespaces/alice/configmaps', '/api/v1/namespaces/bob/configmaps']);
    expect(read.kindsFor('alice').configmaps).toEqual({ ok: false, failure: { reason: 'other', overCap: true, message: 'list configmaps in alice: the answer is over 64 MiB, more than tp reads; nothing of it was graded' } });
    expect(names(read.kindsFor('bob').configmaps)).toEqual(['cm1']);
  });

  it('gives every student the failure of an unreachable cluster', async () => {
    const { client } = fakeCluster(objects, { unreachable: true });
    const read = await readCluster(client, resolveBuiltins(['configmaps']), ['alice', 'bob'], makeLimit(4));
    expect(read.kindsFor('bob').configmaps).toEqual({ ok: false, failure: { reason: 'unreachable', message: expect.stringContaining('ECONNREFUSED') } });
  });
});
