// tp lab test --only: a lab author reruns the scenarios that went wrong without the
// whole proof (a CKAD lab has up to 60 of them), and a judged scenario's namespace is
// deleted at once, so a long proof does not hold every scenario's pods until its end.
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';

const kc = makeKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((name) => deleteNamespace(name)));
});

const labTest = (...args: string[]) => runTp(['lab', 'test', 'labs/pods', '--kubeconfig', testKubeconfigPath(), '--http-via', 'proxy', ...args]);

const phaseOf = async (name: string): Promise<string> => {
  try {
    const namespace = await core.readNamespace({ name });
    return namespace.metadata?.deletionTimestamp ? 'deleting' : 'kept';
  } catch {
    return 'gone';
  }
};

describe('tp lab test --only', () => {
  it('runs the named scenarios alone, and says the run is partial', async () => {
    const run = await labTest('--only', 'solution', '--only', 'undone:multi-container', '--only', 'solution');
    expect(run.stderr).toMatch(/^tp lab test pods: 2 of \d+ scenarios/);
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => /^\[\d\/2\] /.test(line)).map((line) => line.replace(/^\[\d\/2\] /, '')).sort()).toEqual(['✔ solution', '✔ undone:multi-container']);
    expect(run.stdout).toMatch(/2 of \d+ scenarios run \(--only\)/);
    expect(run.stdout).not.toMatch(/no mutation makes it fail/);
    expect(run.stdout).toMatch(/lab pods: OK/);
    expect(run.exitCode).toBe(0);
  }, 300_000);

  it('refuses a scenario the lab does not have, before writing anything, with the ones it has', async () => {
    const run = await labTest('--only', 'solution', '--only', 'undone:nothing-here');
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--only names no scenario of this lab: undone:nothing-here/);
    expect(run.stderr).toMatch(/its scenarios: solution, empty, .*undone:multi-container/);
    expect(run.stdout).not.toMatch(/\[1\//);
  }, 120_000);
});

describe('a scratch namespace released once its scenario is judged', () => {
  it('is deleted then, and release touches no namespace the run did not make', async () => {
    const foreign = await createTestNamespace('release-foreign');
    made.push(foreign);
    const scratch = loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent-home' }).connection.scratchNamespaces('release');
    const own = await scratch.create('judged');
    made.push(own);
    const other = await scratch.create('still-running');
    made.push(other);
    await scratch.release(own);
    await scratch.release(own);
    await scratch.release(foreign);
    expect(await phaseOf(own)).not.toBe('kept');
    expect(await phaseOf(other)).toBe('kept');
    expect(await phaseOf(foreign)).toBe('kept');
    await scratch.deleteAll();
    expect(await phaseOf(other)).not.toBe('kept');
  }, 120_000);
});
