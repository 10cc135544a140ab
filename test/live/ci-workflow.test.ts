// Every tp command of examples/ci/github-actions.yml, run here on the local
// cluster (npm run test:kind runs the workflow itself on the kind tier).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AppsV1Api } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { startTp4AppPlayer } from '../support/tp4-app-player.js';
import { answersFileText, tp4Answers, tp4Manifests } from '../support/tp4-solution.js';
import type { Report } from '../../src/engine/types.js';

const kubeconfig = testKubeconfigPath();
const workflow = parse(readFileSync('examples/ci/github-actions.yml', 'utf8')) as { jobs: Record<string, { steps: Array<{ run?: string }> }> };
const tpCommands = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ?? '').split('\n')))
  .map((line) => /node bin\/tp\.js (\S+(?: \S+)?)/.exec(line)?.[1])
  .filter((command): command is string => command !== undefined)
  .map((command) => command.replace(/ (4|-n|labs\/)$/, ''));

const exercised = new Set<string>();
const tp = async (args: string[], cwd = process.cwd()) => {
  exercised.add(args[0] === 'lab' ? `lab ${args[1]}` : (args[0] as string));
  return runTp(args, { cwd });
};

let namespace = '';
beforeAll(async () => {
  const kc = makeKubeConfig();
  namespace = await createTestNamespace('tp-ci', kc);
  await applyManifests(namespace, tp4Manifests(), kc);
  const apps = kc.makeApiClient(AppsV1Api);
  await waitFor(async () => (await apps.readNamespacedDeployment({ name: 'kubernetes-app', namespace })).status?.readyReplicas === 2, 60_000, 'rollout');
});
afterAll(async () => {
  await deleteNamespace(namespace);
});

describe('the commands of the kind workflow', () => {
  it('tp lab lint labs/ is clean (but for ckad-crd\'s custom resource, written only where its CRD is installed)', async () => {
    const { exitCode, stdout } = await tp(['lab', 'lint', 'labs/']);
    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(lines.filter((line) => !/\/labs\/ckad-crd\/\S+ warning: Operator \S+: Operator \(stable\.example\.com\/v1\) is not a kind of Kubernetes itself/.test(line))).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('tp init 4 writes the answers template, and tp snapshot gives the facts to fill it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tp-ci-'));
    expect((await tp(['init', '4'], cwd)).exitCode).toBe(0);
    expect(readFileSync(join(cwd, 'answers/answers_tp4'), 'utf8')).toContain('"Answer8": "<fix me>"');
    const snapshot = await tp(['snapshot', '4', '--kubeconfig', kubeconfig, '-n', namespace]);
    expect(snapshot.exitCode).toBe(0);
    const { facts } = JSON.parse(snapshot.stdout) as { facts: { contexts: number } };
    expect(facts.contexts).toBeGreaterThan(0);
  });

  it('tp check 4 --format junit --output gives the counts of the JSON report', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tp-ci-'));
    const answers = join(cwd, 'answers_tp4');
    writeFileSync(answers, answersFileText(tp4Answers(kubeconfig)));
    const common = ['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--http-via', 'nodeport', '--timeout', '1'];
    const junit = await tp([...common, '--format', 'junit', '--output', 'tp4-junit.xml'], cwd);
    const json = JSON.parse((await tp([...common, '--format', 'json'], cwd)).stdout) as Report;
    const xml = readFileSync(join(cwd, 'tp4-junit.xml'), 'utf8');
    const checks = json.exercises.flatMap((e) => e.checks);
    const attribute = (name: string) => Number(new RegExp(`<testsuites[^>]* ${name}="(\\d+)"`).exec(xml)?.[1]);
    expect(junit.exitCode).toBe(1); // nothing serves HTTP here: the two HTTP checks fail
    expect(attribute('tests')).toBe(checks.length);
    expect(attribute('failures')).toBe(checks.filter((c) => c.status === 'fail').length);
    expect(attribute('failures')).toBe(2);
  });

  it('with the app played on the node ports, tp lab test 4 proves every check, HTTP included', async () => {
    const player = startTp4AppPlayer(makeKubeConfig(), 'tp-test-tp4-');
    try {
      const { exitCode, stdout } = await tp(['lab', 'test', '4', '--kubeconfig', kubeconfig, '--http-via', 'nodeport', '--timeout', '2']);
      expect(stdout).toContain('36/36 checks proven by a mutation');
      expect(stdout).toContain('lab tp4: OK');
      expect(exitCode).toBe(0);
    } finally {
      await player.stop();
    }
  }, 300_000);

  it('tp lab test 4 proves the lab', async () => {
    const { exitCode, stdout } = await tp(['lab', 'test', '4', '--kubeconfig', kubeconfig, '--set', 'registry=registry.example.org']);
    expect(stdout).toContain('lab tp4: OK');
    expect(exitCode).toBe(0);
  }, 300_000);

  it('covers every tp command the workflow runs', () => {
    expect(tpCommands.length).toBeGreaterThan(4);
    for (const command of tpCommands) expect(exercised, command).toContain(command);
  });
});
