// deploy/: the manifests that grade a cohort inside a cluster are accepted by a
// real API server (server-side dry run: validated, defaulted, admitted, not kept).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, deleteNamespace, testKubeconfigPath } from '../support/cluster.js';

// execa: a failed kubectl shows its stderr in the test's failure message.
const run = (command: string, args: string[]) => execa(command, args);
const LOCAL_KUBECTL = resolve('.cache/bin/kubernetes-v1.36.3/kubectl');
const kubectl = process.env.KUBECTL || (existsSync(LOCAL_KUBECTL) ? LOCAL_KUBECTL : 'kubectl');
let namespace = '';

beforeAll(async () => {
  namespace = await createTestNamespace('grade-deploy');
});

afterAll(async () => {
  if (namespace) await deleteNamespace(namespace);
});

const dryRun = (dir: string) => run(kubectl, ['--kubeconfig', testKubeconfigPath(), 'apply', '--dry-run=server', '-n', namespace, '-f', dir]);

describe('deploy/', () => {
  it('applies on the cluster (server-side dry run): ServiceAccount, read-only ClusterRole, volume, Indexed Job', async () => {
    const { stdout } = await dryRun('deploy/');
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual([
      'clusterrole.rbac.authorization.k8s.io/tp-readonly created (server dry run)',
      'clusterrole.rbac.authorization.k8s.io/tp-readonly-nodes created (server dry run)',
      'clusterrolebinding.rbac.authorization.k8s.io/tp-grader-readonly created (server dry run)',
      'clusterrolebinding.rbac.authorization.k8s.io/tp-grader-readonly-nodes created (server dry run)',
      'job.batch/tp-grade created (server dry run)',
      'persistentvolumeclaim/tp-grades created (server dry run)',
      'serviceaccount/tp-grader created (server dry run)',
    ]);
  });

  it('applies the merge Job too', async () => {
    const { stdout } = await dryRun('deploy/merge/');
    expect(stdout.trim()).toBe('job.batch/tp-grade-merge created (server dry run)');
  });

  it('gives the grader read verbs only', async () => {
    const { stdout } = await run(kubectl, ['--kubeconfig', testKubeconfigPath(), 'apply', '--dry-run=server', '-n', namespace, '-f', 'deploy/rbac-readonly.yaml', '-o', 'json']);
    const list = JSON.parse(stdout) as { items: Array<{ kind: string; rules?: Array<{ verbs: string[] }> }> };
    const verbs = new Set(list.items.filter((item) => item.kind === 'ClusterRole').flatMap((role) => role.rules?.flatMap((rule) => rule.verbs) ?? []));
    expect([...verbs].sort()).toEqual(['get', 'list', 'watch']);
  });
});
