// Global setup of the kind tier: starts the kind cluster and its registry
// (npm run kind:up: builds on a cold machine, seconds when already up), builds
// tp's own image (scripts/image/build.sh, cached by content), and hands the
// tests the kubeconfig and the image's tag. TP_KIND_KUBECONFIG=<file> with
// TP_KIND_REGISTRY=<registry.json> points them at a cluster of your own.
// The cluster is left running for the next run, unless TP_TEST_CLUSTER_DOWN=1.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** tp's image in the kind tier's Docker engine (npm run image). */
    tpImage: string;
  }
}

/** Runs a script of the project; resolves with what it printed on stdout (its log goes to the terminal). */
const runScript = (script: string, ...args: string[]): Promise<string> =>
  new Promise((done, failed) => {
    const child = spawn('bash', [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.once('error', failed);
    child.once('exit', (code, signal) =>
      code === 0 ? done(stdout) : failed(new Error(`bash ${script} failed (${signal ?? `exit ${code}`}); see its output above`)),
    );
  });

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TP_KIND_KUBECONFIG;
  // Docker first (installed and started once), then side by side: on a cold machine the image's
  // Debian root downloads while the cluster builds. npm run test:kind built the bundle: the image packs it.
  await runScript('scripts/kind/docker.sh');
  const [, image] = await Promise.all([given ? undefined : runScript('scripts/kind/up.sh'), runScript('scripts/image/build.sh')]);
  project.provide('tpTestKubeconfig', given || resolve('.cache/kind/kubeconfig'));
  project.provide('tpTestRunPid', process.pid);
  project.provide('tpKindRegistry', process.env.TP_KIND_REGISTRY || resolve('.cache/kind/registry.json'));
  project.provide('tpImage', image.trim());
  return async () => {
    if (!given && process.env.TP_TEST_CLUSTER_DOWN === '1') await runScript('scripts/kind/down.sh');
  };
}
