// Benchmark of `tp check 4` on the local cluster: CLI start-up, whole check
// wall time, and API requests. Prints figures; asserts nothing.
// Usage: npm run cluster:up && npm run bench
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const kubeconfig = process.env.TP_TEST_KUBECONFIG ?? '.cache/cluster/kubeconfig';
const versions = readFileSync('scripts/cluster/versions.sh', 'utf8');
const k8s = /K8S_VERSION=(\S+)/.exec(versions)[1];
const kubectl = (...args) => execFileSync(`.cache/bin/kubernetes-${k8s}/kubectl`, ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8' });
const namespace = `tp-bench-${process.pid}`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (fn) => { const start = performance.now(); const result = fn(); return { ms: performance.now() - start, result }; };

kubectl('create', 'namespace', namespace);
try {
  while (spawnSync(`.cache/bin/kubernetes-${k8s}/kubectl`, ['--kubeconfig', kubeconfig, '-n', namespace, 'get', 'sa', 'default']).status !== 0) {}
  const manifests = readFileSync('labs/tp4/solution/manifests.yaml', 'utf8').replaceAll('${registry}', 'registry.example.org');
  execFileSync(`.cache/bin/kubernetes-${k8s}/kubectl`, ['--kubeconfig', kubeconfig, '-n', namespace, 'apply', '-f', '-'], { input: manifests });
  kubectl('-n', namespace, 'rollout', 'status', 'deployment/kubernetes-app', '--timeout=60s');
  const facts = JSON.parse(execFileSync('node', ['bin/tp.js', 'snapshot', '4', '--kubeconfig', kubeconfig, '-n', namespace], { encoding: 'utf8' })).facts;
  const answers = join(mkdtempSync(join(tmpdir(), 'tp-bench-')), 'answers_tp4');
  // The reference solution's answers, with the kubeconfig facts filled in.
  const solutionAnswers = readFileSync('labs/tp4/solution/answers_tp4', 'utf8');
  writeFileSync(answers, solutionAnswers.replace(/\$\{fact:(\w+)\}/g, (_, fact) => String(facts[fact])));

  const startup = [];
  for (let i = 0; i < RUNS; i += 1) startup.push(time(() => spawnSync('node', ['bin/tp.js', '--version'])).ms);

  const wall = [];
  let stats = '';
  for (let i = 0; i < RUNS; i += 1) {
    // Nothing listens on the node port here: HTTP checks fail at once (connection refused), so no HTTP wait is counted.
    const run = time(() => spawnSync('node', ['bin/tp.js', 'check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--format', 'json', '--http-via', 'nodeport'], { env: { ...process.env, TP_STATS: '1' }, encoding: 'utf8' }));
    wall.push(run.ms);
    stats = run.result.stderr.trim();
  }
  const inProcess = Number(/(\d+) ms/.exec(stats)?.[1]);
  console.log(`tp check 4 on a solved namespace (${RUNS} runs, medians)`);
  console.log(`  CLI start-up (tp --version):      ${median(startup).toFixed(0)} ms`);
  console.log(`  whole command, process included:  ${median(wall).toFixed(0)} ms`);
  console.log(`  check itself (last run):          ${inProcess} ms`);
  console.log(`  API requests per check:           ${/(\d+) API requests/.exec(stats)?.[1]}`);
} finally {
  kubectl('delete', 'namespace', namespace, '--wait=false');
}
