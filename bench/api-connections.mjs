// How `tp check 4`'s 8 LISTs travel, measured on a Node client that does nothing else
// (node-floor.cjs): over one kept-alive connection one after the other (what tp does), a
// connection per LIST (what it did), or one HTTP/2 connection with the LISTs at once (what
// kubectl does). For each: the process's wall time and CPU (user + system), and the time from
// the first LIST sent to the last answer read. Interleaved runs after a warm-up, medians.
// Usage: npm run cluster:up && node bench/api-connections.mjs   (BENCH_RUNS=15 by default)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { kubeconfig, median, withSolvedTp4 } from './solved-tp4.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const MODES = { one: 'one kept-alive connection', each: 'a connection per LIST', h2: 'one HTTP/2 connection' };

const childrenCpuMs = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
};

await withSolvedTp4('tp-connections', async ({ namespace }) => {
  const run = (mode) => {
    const start = performance.now();
    const before = childrenCpuMs();
    const result = spawnSync(process.execPath, ['bench/node-floor.cjs', kubeconfig, namespace, mode], { encoding: 'utf8', env: { ...process.env, FLOOR_PHASE: '1' } });
    if (result.status !== 0) throw new Error(`node-floor ${mode}: ${result.stderr}`);
    return { wall: performance.now() - start, cpu: childrenCpuMs() - before, lists: Number(result.stdout.trim()) };
  };
  const runs = Object.fromEntries(Object.keys(MODES).map((mode) => [mode, []]));
  for (const mode of Object.keys(MODES)) run(mode);
  for (let i = 0; i < RUNS; i += 1) for (const mode of Object.keys(MODES)) runs[mode].push(run(mode));
  console.log(`8 LISTs of TP4 on ${namespace} (${RUNS} interleaved runs; load average at the end ${loadavg()[0].toFixed(1)})`);
  for (const [mode, label] of Object.entries(MODES)) {
    const of = (key) => median(runs[mode].map((r) => r[key]));
    console.log(`  ${label.padEnd(28)} process ${of('wall').toFixed(0).padStart(4)} ms   CPU ${of('cpu').toFixed(0).padStart(4)} ms   the LISTs ${of('lists').toFixed(1).padStart(5)} ms`);
  }
});
