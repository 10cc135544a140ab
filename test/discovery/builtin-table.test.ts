// The table of Kubernetes' own kinds is generated, never typed by hand: the
// committed file is what scripts/generate-builtin-kinds.mjs makes from the
// discovery documents of the k8s.io/kubernetes modules of the releases tp
// supports (downloaded by the script when missing). test/live/discovery.test.ts
// compares it with the live API server.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RELEASES } from '../../src/discovery/builtin-kinds.generated.js';
import { builtinKindOf, resolveBuiltins } from '../../src/discovery/builtin.js';

const run = promisify(execFile);

describe('the table of Kubernetes\' own kinds', () => {
  it('is what the script generates from the Kubernetes modules', { timeout: 600_000 }, async () => {
    const { stderr } = await run(process.execPath, ['scripts/generate-builtin-kinds.mjs', '--check']);
    expect(stderr).toBe('builtin kinds: up to date\n');
  });

  it('covers the releases tp supports, and the kinds of the course resolve with no cluster', () => {
    expect(BUILTIN_RELEASES).toEqual(['1.33', '1.34', '1.35', '1.36']);
    const names = ['statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'persistentvolumeclaims', 'networkpolicies', 'ingresses', 'serviceaccounts', 'roles', 'rolebindings', 'horizontalpodautoscalers', 'poddisruptionbudgets', 'clusterroles', 'namespaces', 'events'];
    const keys = [...resolveBuiltins(names).values()].map((r) => (r.ok ? r.kind.key : r.why));
    expect(keys).toEqual([
      'statefulsets.apps', 'daemonsets.apps', 'jobs.batch', 'cronjobs.batch', 'persistentvolumeclaims', 'networkpolicies.networking.k8s.io',
      'ingresses.networking.k8s.io', 'serviceaccounts', 'roles.rbac.authorization.k8s.io', 'rolebindings.rbac.authorization.k8s.io',
      'horizontalpodautoscalers.autoscaling', 'poddisruptionbudgets.policy', 'clusterroles.rbac.authorization.k8s.io', 'namespaces', 'events',
    ]);
  });

  it('tells what a name of Kubernetes itself means, with no cluster (the group and scope an access question needs)', () => {
    expect(builtinKindOf('netpol')).toMatchObject({ group: 'networking.k8s.io', resource: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true });
    expect(builtinKindOf('clusterrolebindings')).toMatchObject({ group: 'rbac.authorization.k8s.io', namespaced: false });
    expect(builtinKindOf('ns')).toMatchObject({ group: '', resource: 'namespaces', namespaced: false });
    expect(builtinKindOf('ct')).toBeUndefined();
  });
});
