// Global setup of the kind tier: starts the kind cluster and its registry
// (npm run kind:up: builds on a cold machine, seconds when already up), and
// hands the tests its kubeconfig. TP_KIND_KUBECONFIG=<file> with
// TP_KIND_REGISTRY=<registry.json> points them at a cluster of your own.
// The cluster is left running for the next run, unless TP_TEST_CLUSTER_DOWN=1.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const runScript = (script: string, ...args: string[]): Promise<void> =>
  new Promise((done, failed) => {
    const child = spawn('bash', [script, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', failed);
    child.once('exit', (code, signal) =>
      code === 0 ? done() : failed(new Error(`bash ${script} failed (${signal ?? `exit ${code}`}); see its output above`)),
    );
  });

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TP_KIND_KUBECONFIG;
  if (!given) await runScript('scripts/kind/up.sh');
  project.provide('tpTestKubeconfig', given || resolve('.cache/kind/kubeconfig'));
  project.provide('tpTestRunPid', process.pid);
  project.provide('tpKindRegistry', process.env.TP_KIND_REGISTRY || resolve('.cache/kind/registry.json'));
  return async () => {
    if (!given && process.env.TP_TEST_CLUSTER_DOWN === '1') await runScript('scripts/kind/down.sh');
  };
}
