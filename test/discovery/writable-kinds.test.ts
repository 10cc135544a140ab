// What `tp lab test` may write: namespaced kinds only, Kubernetes' own known
// from the table, custom resources only on the cluster's word.
import { describe, expect, it } from 'vitest';
import { manifestRefusal, unwritableManifest } from '../../src/discovery/writable-kinds.js';
import type { ServedKind } from '../../src/discovery/types.js';

const object = (apiVersion: string, kind: string, metadata: Record<string, unknown> = {}) => ({ apiVersion, kind, metadata: { name: 'x', ...metadata } });
const served = (kind: string, namespaced: boolean): ServedKind => ({ group: 'stable.example.com', version: 'v1', resource: `${kind.toLowerCase()}s`, kind, singular: kind.toLowerCase(), shortNames: [], namespaced, verbs: ['create', 'list'] });
const CLUSTER = [served('CronTab', true), served('Galaxy', false)];

describe('without a cluster (tp lab lint)', () => {
  it('writes the namespaced kinds of Kubernetes, at any version of the supported releases', () => {
    for (const [apiVersion, kind] of [['v1', 'ConfigMap'], ['apps/v1', 'StatefulSet'], ['batch/v1', 'CronJob'], ['autoscaling/v1', 'HorizontalPodAutoscaler'], ['autoscaling/v2', 'HorizontalPodAutoscaler'], ['rbac.authorization.k8s.io/v1', 'RoleBinding'], ['policy/v1', 'PodDisruptionBudget']]) {
      expect(manifestRefusal(object(apiVersion as string, kind as string)), kind).toBeUndefined();
    }
  });

  it('refuses the cluster-scoped ones, another namespace, and a kind no group of Kubernetes has', () => {
    expect(manifestRefusal(object('rbac.authorization.k8s.io/v1', 'ClusterRole'))).toMatchObject({ severity: 'error', field: 'kind', message: expect.stringContaining('ClusterRole is cluster-scoped') });
    expect(manifestRefusal(object('v1', 'ConfigMap', { namespace: 'kube-system' }))).toMatchObject({ severity: 'error', field: 'namespace' });
    expect(manifestRefusal(object('apps/v1', 'Gadget'))).toMatchObject({ severity: 'error', message: 'Gadget x: Gadget (apps/v1) is not a kind of Kubernetes 1.33–1.36; tp lab test writes only namespaced kinds, into namespaces it makes and deletes' });
    expect(manifestRefusal(object('', ''))).toMatchObject({ severity: 'error' });
  });

  it('a custom resource is a warning, and is not written on a guess', () => {
    expect(manifestRefusal(object('stable.example.com/v1', 'CronTab'))).toMatchObject({ severity: 'warning' });
    expect(unwritableManifest(object('stable.example.com/v1', 'CronTab'))).toContain('only if the cluster serves it as a namespaced kind');
  });
});

describe('with what the cluster serves (tp lab test)', () => {
  it('writes a custom resource it serves namespaced, refuses one it serves cluster-wide or does not serve', () => {
    expect(unwritableManifest(object('stable.example.com/v1', 'CronTab'), CLUSTER)).toBeUndefined();
    expect(unwritableManifest(object('stable.example.com/v1', 'Galaxy'), CLUSTER)).toContain('Galaxy is cluster-scoped');
    expect(unwritableManifest(object('stable.example.com/v2', 'CronTab'), CLUSTER)).toContain('the cluster does not serve CronTab (stable.example.com/v2)');
    expect(unwritableManifest(object('stable.example.com/v1', 'CronTab', { namespace: 'other' }), CLUSTER)).toContain('names the namespace "other"');
  });
});
