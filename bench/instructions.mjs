// The work of one `tp check 4`, counted in machine instructions (valgrind's callgrind, every
// thread of the process), beside Node alone and Node sending the same 8 LISTs (node-floor.cjs).
// Unlike wall and CPU times, a count hardly moves with the load of a shared machine (two runs
// differ by ~1%), so it tells a change of a few milliseconds apart where start-up.mjs cannot.
// Each build runs with a cache folder of its own, warmed by one run (code cache, kept verdicts).
// NODE_EXTRA_CA_CERTS is left out: this machine sets it to the system's CA bundle, which every
// Node process then parses at its start (~400 M instructions, ~30 ms), a student's does not.
// BENCH_BASELINE=<folder of another built checkout> counts its npm bin too (before/after).
// Usage: npm run cluster:up && npm run build && node bench/instructions.mjs   # BENCH_RUNS=3
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { kubeconfig, median, withSolvedTp4 } from './solved-tp4.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const baseline = process.env.BENCH_BASELINE;
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;

const instructions = (args, cacheHome) => {
  const run = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', ...args], {
    encoding: 'utf8',
    env: cacheHome ? { ...env, XDG_CACHE_HOME: cacheHome } : env,
  });
  if (run.error) throw new Error(`valgrind: ${run.error.message} (apt-get install valgrind)`);
  const count = /Collected : (\d+)/.exec(run.stderr)?.[1];
  if (count === undefined || (run.status !== 0 && run.status !== 1)) throw new Error(`${args.join(' ')}: exit ${run.status}\n${run.stderr.slice(-2000)}`);
  return Number(count);
};

await withSolvedTp4('tp-instructions', async ({ namespace, answers }) => {
  const check = ['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--format', 'json', '--http-via', 'nodeport'];
  const tp = (folder) => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'tp-instructions-cache-'));
    const args = ['node', resolve(folder, 'bin/tp.js'), ...check];
    // The warm-up run: what a student's second run finds (code cache, verdict of the hashed answer).
    spawnSync(args[0], args.slice(1), { env: { ...env, XDG_CACHE_HOME: cacheHome } });
    return [args, cacheHome];
  };
  const commands = {
    'node -e 0 (Node itself)': [['node', '-e', '0']],
    'Node + the 8 LISTs, no tp': [['node', 'bench/node-floor.cjs', kubeconfig, namespace]],
    'npm bin: tp check 4': tp('.'),
    ...(baseline ? { 'baseline: tp check 4': tp(baseline) } : {}),
  };
  const counts = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let i = 0; i < RUNS; i += 1) {
    for (const [name, [args, cacheHome]] of Object.entries(commands)) counts[name].push(instructions(args, cacheHome));
  }
  console.log(`instructions (valgrind --tool=callgrind, ${RUNS} runs each, medians; node ${process.version}; NODE_EXTRA_CA_CERTS unset)`);
  const floor = median(counts['Node + the 8 LISTs, no tp']);
  for (const [name, values] of Object.entries(counts)) {
    const above = /tp check/.test(name) ? `   ${((median(values) - floor) / 1e6).toFixed(0).padStart(4)} M above the floor` : '';
    console.log(`  ${name.padEnd(28)} ${(median(values) / 1e6).toFixed(0).padStart(5)} M (min ${(Math.min(...values) / 1e6).toFixed(0)} M)${above}`);
  }
});
