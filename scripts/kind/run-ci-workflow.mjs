#!/usr/bin/env node
// Runs every step of examples/ci/github-actions.yml against the kind tier's
// cluster (npm run kind:up first), so the example users copy is known to work.
// `run:` steps run as written, with bash, in a fresh checkout (a copy of the
// tracked files) under a temporary directory; the actions are played by what
// they stand for here:
//   actions/checkout            that copy
//   actions/setup-node          the Node running this script (its major version is checked)
//   helm/kind-action            the cluster of kind:up (KIND_CLUSTER_NAME, KUBECONFIG, kind and kubectl on PATH)
//   mikepenz/action-junit-report  the report is read and its counts printed; a missing or empty report fails
// The TP4 app's Dockerfile names a public Python image, which cannot be pulled
// here: the locally built Debian Python image is tagged with that name for the
// run, and the tag removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const workflowFile = process.argv[2] ?? join(root, 'examples/ci/github-actions.yml');
const STEP_TIMEOUT_MS = 420_000;
const say = (text) => process.stderr.write(`[ci-workflow] ${text}\n`);
const fail = (text) => {
  say(`FAILED: ${text}`);
  process.exit(1);
};

const shellVar = (file, name) => new RegExp(`^${name}=(\\S+)`, 'm').exec(readFileSync(join(root, file), 'utf8'))?.[1];
const k8sVersion = shellVar('scripts/cluster/versions.sh', 'K8S_VERSION');
const kindVersion = shellVar('scripts/kind/versions.sh', 'KIND_VERSION');
const kubeconfig = process.env.TP_KIND_KUBECONFIG || join(root, '.cache/kind/kubeconfig');
if (!existsSync(kubeconfig)) fail('no kind cluster: run npm run kind:up first');

const workflow = parse(readFileSync(workflowFile, 'utf8'));
const checkout = mkdtempSync(join(tmpdir(), 'tp-ci-workflow-'));
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
for (const file of tracked) if (existsSync(join(root, file))) cpSync(join(root, file), join(checkout, file));

const pythonBase = /^ARG PYTHON_IMAGE=(\S+)/m.exec(readFileSync(join(root, 'labs/tp4/app/Dockerfile'), 'utf8'))?.[1];
const docker = (...args) => spawnSync('docker', args, { encoding: 'utf8' });
let taggedBase = false;
const env = {
  ...process.env,
  CI: 'true',
  KUBECONFIG: kubeconfig,
  KIND_CLUSTER_NAME: 'tp',
  PATH: [join(root, `.cache/bin/kubernetes-${k8sVersion}`), join(root, `.cache/kind/bin/kind-${kindVersion}`), process.env.PATH].join(':'),
};

const playAction = (step) => {
  const [action] = step.uses.split('@');
  switch (action) {
    case 'actions/checkout':
      say(`checkout: ${tracked.length} tracked files copied to ${checkout}`);
      return;
    case 'actions/setup-node': {
      const wanted = Number(step.with?.['node-version']);
      const have = Number(process.versions.node.split('.')[0]);
      if (have < wanted) throw new Error(`setup-node asks for Node ${wanted}, this is Node ${process.versions.node}`);
      say(`setup-node ${wanted}: Node ${process.versions.node}`);
      return;
    }
    case 'helm/kind-action': {
      const nodes = execFileSync('kubectl', ['get', 'nodes', '--no-headers'], { env, encoding: 'utf8' }).trim().split('\n');
      say(`kind-action: the kind:up cluster "tp" (${nodes.length} nodes), asked for "${step.with?.cluster_name ?? 'kind'}"`);
      if (pythonBase && docker('image', 'inspect', pythonBase).status !== 0) {
        const local = docker('images', '--format', '{{.Repository}}:{{.Tag}}', 'tp-kind/python').stdout.trim().split('\n')[0];
        if (!local) throw new Error('no local Python base image (tp-kind/python): run npm run kind:up');
        docker('tag', local, pythonBase);
        taggedBase = true;
        say(`the app's base image ${pythonBase} is played by ${local} for this run`);
      }
      return;
    }
    case 'mikepenz/action-junit-report': {
      const report = join(checkout, step.with?.report_paths ?? '');
      if (!existsSync(report)) throw new Error(`no JUnit report at ${step.with?.report_paths}`);
      const xml = readFileSync(report, 'utf8');
      const count = (name) => Number(new RegExp(`<testsuites[^>]*\\b${name}="(\\d+)"`).exec(xml)?.[1] ?? NaN);
      const tests = count('tests');
      if (!(tests > 0)) throw new Error(`the JUnit report ${step.with.report_paths} holds no test`);
      say(`junit report: ${tests} tests, ${count('failures')} failures, ${count('errors')} errors`);
      return;
    }
    default:
      throw new Error(`no stand-in for the action ${step.uses}`);
  }
};

// The workflow creates the namespace `student`: a fresh GitHub runner has none.
execFileSync('kubectl', ['delete', 'namespace', 'student', '--ignore-not-found', '--wait=true', '--timeout=120s'], { env, stdio: 'ignore' });
// The workflow's tp lab test makes namespaces labelled with its lab; those of other runs on this
// cluster (an engineer's proof, another test) are not the workflow's to delete.
const labTestNamespaces = () =>
  execFileSync('kubectl', ['get', 'namespaces', '-l', 'tp.lab-test/lab=tp4', '-o', 'jsonpath={.items[*].metadata.name}'], { env, encoding: 'utf8' })
    .split(/\s+/)
    .filter(Boolean);
const before = new Set(labTestNamespaces());

let failed = '';
try {
  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    for (const [index, step] of (job.steps ?? []).entries()) {
      const name = step.name ?? step.uses ?? step.run.split('\n')[0];
      // As in GitHub Actions: after a failure, only `if: always()` steps run.
      if (failed && step.if !== 'always()') continue;
      say(`${jobName} step ${index + 1}: ${name}`);
      const started = Date.now();
      const took = () => say(`${jobName} step ${index + 1} took ${Math.round((Date.now() - started) / 1000)} s`);
      if (step.uses) {
        try {
          playAction(step);
        } catch (error) {
          failed ||= `${step.uses}: ${error.message}`;
        }
        took();
        continue;
      }
      // A step that hangs fails alone, by name, as a job's timeout-minutes would.
      const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
        cwd: checkout,
        env,
        stdio: ['ignore', 'inherit', 'inherit'],
        timeout: STEP_TIMEOUT_MS,
        killSignal: 'SIGKILL',
      });
      took();
      if (run.error?.code === 'ETIMEDOUT') failed ||= `step "${name}" did not end within ${STEP_TIMEOUT_MS / 1000} s`;
      else if (run.status !== 0) failed ||= `step "${name}" exited with ${run.status}`;
    }
  }
} finally {
  if (taggedBase) docker('rmi', pythonBase);
  execFileSync('kubectl', ['delete', 'namespace', 'student', '--ignore-not-found', '--wait=false'], { env, stdio: 'ignore' });
  // A step killed at its timeout cannot clean up: its tp lab test namespaces go too.
  const left = labTestNamespaces().filter((name) => !before.has(name));
  if (left.length > 0) execFileSync('kubectl', ['delete', 'namespace', ...left, '--ignore-not-found', '--wait=false'], { env, stdio: 'ignore' });
  rmSync(checkout, { recursive: true, force: true });
}
if (failed) fail(failed);
say('every step passed');
