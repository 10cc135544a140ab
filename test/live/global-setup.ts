// Global setup of the `cluster` test project: makes sure there is a cluster to
// test against, and removes the namespaces a crashed run left on it.
// TP_TEST_KUBECONFIG=<file> points the tests at a cluster of your own (kind in
// CI); without it the local cluster is started (built first on a cold cache)
// and left running for the next run, unless TP_TEST_CLUSTER_DOWN=1.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { TestProject } from 'vitest/node';
import { OWNER_LABEL, OWNER_VALUE, isLeftover } from '../support/test-namespaces.js';

const LOCAL_KUBECONFIG = resolve('.cache/cluster/kubeconfig');

const runScript = (script: string): Promise<void> =>
  new Promise((done, failed) => {
    // No stdin: the scripts never ask anything. Their progress goes to our stderr.
    const child = spawn('bash', [script], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', failed);
    child.once('exit', (code, signal) =>
      code === 0 ? done() : failed(new Error(`bash ${script} failed (${signal ?? `exit ${code}`}); see its output above`)),
    );
  });

const deleteLeftoverNamespaces = async (kubeconfig: string): Promise<void> => {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const { items } = await core.listNamespace({ labelSelector: `${OWNER_LABEL}=${OWNER_VALUE}` });
  const now = new Date();
  const leftovers = items.filter(
    (ns) => ns.status?.phase !== 'Terminating' && isLeftover({ labels: ns.metadata?.labels ?? {}, createdAt: ns.metadata?.creationTimestamp }, now),
  );
  await Promise.all(leftovers.map((ns) => core.deleteNamespace({ name: ns.metadata?.name ?? '' })));
  if (leftovers.length > 0) console.error(`[test] deleted ${leftovers.length} namespace(s) left by an earlier run`);
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TP_TEST_KUBECONFIG;
  if (!given) await runScript('scripts/cluster/up.sh');
  const kubeconfig = given || LOCAL_KUBECONFIG;
  project.provide('tpTestKubeconfig', kubeconfig);
  project.provide('tpTestRunPid', process.pid);
  await deleteLeftoverNamespaces(kubeconfig);

  return async () => {
    if (!given && process.env.TP_TEST_CLUSTER_DOWN === '1') await runScript('scripts/cluster/down.sh');
  };
}
