// A scratch namespace of the local cluster with the TP4 reference solution rolled
// out, and its answers file with the kubeconfig's facts filled in: what the
// benchmarks check. Deleted when `work` is done, whatever happens.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const versions = readFileSync('scripts/cluster/versions.sh', 'utf8');
export const kubeconfig = resolve(process.env.TP_TEST_KUBECONFIG ?? '.cache/cluster/kubeconfig');
export const kubectlPath = resolve(`.cache/bin/kubernetes-${/K8S_VERSION=(\S+)/.exec(versions)[1]}/kubectl`);
const kubectl = (args, input) => execFileSync(kubectlPath, ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', input });

/** Runs `work({ namespace, answers })` on a solved TP4 namespace, then deletes it. */
export const withSolvedTp4 = async (prefix, work) => {
  const namespace = `${prefix}-${process.pid}`;
  kubectl(['create', 'namespace', namespace]);
  try {
    while (spawnSync(kubectlPath, ['--kubeconfig', kubeconfig, '-n', namespace, 'get', 'sa', 'default']).status !== 0) {}
    const manifests = readFileSync('labs/tp4/solution/manifests.yaml', 'utf8').replaceAll('${registry}', 'registry.example.org');
    kubectl(['-n', namespace, 'apply', '-f', '-'], manifests);
    kubectl(['-n', namespace, 'rollout', 'status', 'deployment/kubernetes-app', '--timeout=60s']);
    const facts = JSON.parse(execFileSync('node', ['bin/tp.js', 'snapshot', '4', '--kubeconfig', kubeconfig, '-n', namespace], { encoding: 'utf8' })).facts;
    const answers = join(mkdtempSync(join(tmpdir(), `${prefix}-`)), 'answers_tp4');
    // The reference solution's answers, with the kubeconfig facts filled in.
    const solutionAnswers = readFileSync('labs/tp4/solution/answers_tp4', 'utf8');
    writeFileSync(answers, solutionAnswers.replace(/\$\{fact:(\w+)\}/g, (_, fact) => String(facts[fact])));
    return await work({ namespace, answers });
  } finally {
    kubectl(['delete', 'namespace', namespace, '--wait=false']);
  }
};

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
