// tp's container image (npm run image, scripts/image/build.sh), started with
// testcontainers on the kind tier's Docker engine, as a trainer or a Job runs it:
// its entrypoint is tp, as user 1000, with a read-only root file system and no
// shell; on the kind network it reaches the cluster's API server by its name and
// grades a solved TP4 namespace from inside the container.
// Ryuk (testcontainers' reaper, an image of its own) is off: nothing is pulled
// (TESTCONTAINERS_RYUK_DISABLED in vitest.kind.config.ts); each container is
// stopped and removed by this file.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { createTestNamespace, deleteNamespace, testKubeconfigPath } from '../support/cluster.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import type { Report } from '../../src/engine/types.js';
import { kindNodes, kindRegistry, kubectl } from './support/kind.js';

const image = inject('tpImage');
const started: StartedTestContainer[] = [];
let namespace = '';
let kubeconfigText = '';

/** The image as deploy/job.yaml runs it: a read-only root file system, all capabilities dropped. */
class JobLikeContainer extends GenericContainer {
  constructor() {
    super(image);
    this.hostConfig.ReadonlyRootfs = true;
  }
}

/** The student's folder (kubeconfig, answers; tp keeps its hint state beside them), bind-mounted. */
const inputs = mkdtempSync(join(tmpdir(), 'kind-image-'));
// The container runs as user 1000: the folder must be theirs to write in, as a student's is.
chmodSync(inputs, 0o777);

/** What a container that ran to its end printed (stdout and stderr). */
const logsOf = async (container: StartedTestContainer): Promise<string> => {
  started.push(container);
  let output = '';
  const stream = await container.logs();
  await new Promise<void>((done) => {
    stream.on('data', (chunk: Buffer | string) => {
      output += chunk.toString();
    });
    stream.on('end', () => done());
  });
  return output;
};

/** Runs the image's entrypoint (tp) with `args` to its end; its output, or a failure with it. */
const runOnce = async (args: string[]): Promise<string> => {
  const container = await new JobLikeContainer()
    .withNetworkMode('kind')
    .withDroppedCapabilities('ALL')
    .withSecurityOpt('no-new-privileges')
    .withTmpFs({ '/tmp': 'rw,size=16m' })
    .withEnvironment({ LANG: 'en_US.UTF-8' })
    .withBindMounts([{ source: inputs, target: '/inputs', mode: 'rw' }])
    .withCommand(args)
    .withWaitStrategy(Wait.forOneShotStartup())
    .withStartupTimeout(120_000)
    .start();
  return logsOf(container);
};

beforeAll(async () => {
  const registry = kindRegistry();
  namespace = await createTestNamespace('kind-image');
  const manifests = parseAllDocuments(readFileSync('labs/tp4/solution/manifests.yaml', 'utf8').replaceAll('${registry}', registry.server))
    .map((document) => document.toJS() as object | null)
    .filter((object) => object !== null);
  await kubectl(namespace, ['apply', '-f', '-'], manifests.map((object) => stringify(object)).join('---\n'));
  await kubectl(namespace, ['rollout', 'status', 'deployment/kubernetes-app', '--timeout=240s']);
  // The kubeconfig of kind:up, pointed at the API server as the kind network reaches it: its node's name.
  const { controlPlane } = await kindNodes();
  kubeconfigText = readFileSync(testKubeconfigPath(), 'utf8').replace(/server: https:\/\/[^\s]+/, `server: https://${controlPlane}:6443`);
}, 600_000);

afterAll(async () => {
  await Promise.all(started.map((container) => container.stop({ remove: true, removeVolumes: true })));
  if (namespace) await deleteNamespace(namespace);
  rmSync(inputs, { recursive: true, force: true });
});

describe('the tp image, started with testcontainers', () => {
  it('runs tp as its entrypoint: tp --version', async () => {
    const version = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect((await runOnce(['--version'])).trim()).toBe(version.version);
  });

  it('tp list shows the labs it carries', async () => {
    const output = await runOnce(['list']);
    expect(output).toMatch(/^tp4\s+7\s+34\s+TP4/m);
    for (const lab of ['bootcamp', 'deployments', 'pods', 'services']) expect(output).toMatch(new RegExp(`^${lab}\\s`, 'm'));
  });

  it('tp check 4 from inside the container grades the solved namespace on the kind cluster: 34/34, HTTP included', async () => {
    writeFileSync(join(inputs, 'kubeconfig'), kubeconfigText, { mode: 0o644 });
    // The answers a student would write for this kubeconfig (its server is the control plane's name).
    writeFileSync(join(inputs, 'answers_tp4'), answersFileText(tp4Answers(join(inputs, 'kubeconfig'))), { mode: 0o644 });
    const output = await runOnce(['check', '4', '--kubeconfig', '/inputs/kubeconfig', '-n', namespace, '--answers', '/inputs/answers_tp4',
      '--set', `registry=${kindRegistry().server}`, '--http-via', 'nodeport', '--timeout', '5', '--format', 'json']);
    // The logs hold stderr too: nothing is written there when all goes well.
    const report = JSON.parse(output) as Report;
    expect(report.target.context).toBe(/^current-context: (\S+)/m.exec(kubeconfigText)?.[1]);
    const failing = report.exercises.flatMap((exercise) => exercise.checks).filter((check) => check.status !== 'pass' && check.points > 0);
    expect(failing.map((check) => `${check.id}: ${check.message}`)).toEqual([]);
    expect(`${report.score}/${report.maxScore}`).toBe('34/34');
  });

  it('has no shell nor package manager: node and tp only', async () => {
    const look = "const { existsSync } = require('node:fs'); console.log(JSON.stringify(['/bin/sh', '/bin/bash', '/usr/bin/dash', '/bin/busybox', '/usr/bin/apt', '/usr/bin/dpkg', '/usr/bin/env'].filter((f) => existsSync(f))))";
    const container = await new GenericContainer(image).withEntrypoint(['/usr/bin/node', '-e', look]).withWaitStrategy(Wait.forOneShotStartup()).start();
    expect(JSON.parse(await logsOf(container))).toEqual([]);
  });
});
