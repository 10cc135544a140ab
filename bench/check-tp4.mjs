// Benchmark of `tp check 4` on the local cluster: CLI start-up, whole check
// wall time, and API requests. Prints figures; asserts nothing.
// Usage: npm run cluster:up && npm run bench
import { spawnSync } from 'node:child_process';
import { kubeconfig, median, withSolvedTp4 } from './solved-tp4.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const time = (fn) => { const start = performance.now(); const result = fn(); return { ms: performance.now() - start, result }; };

await withSolvedTp4('tp-bench', async ({ namespace, answers }) => {
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
});
