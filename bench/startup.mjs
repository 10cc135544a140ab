// Start-up of the ways students run tp, against one `kubectl get` on the same
// machine in the same run: the npm bin (node bin/tp.js, what `npm install -g` links),
// the single executable (dist/exe, npm run build:exe) and kubectl. Each command runs
// BENCH_RUNS times (default 15), interleaved so that a burst of load on the shared
// machine hits them all alike, after one warm-up run each; prints medians and minima.
// The npm bin and the executable keep V8's code cache and the verdicts of hashed answers under
// ~/.cache/tp (the warm-up run writes them): lines with TP_CACHE=off give what a first run
// costs. `node-floor.cjs` is what a Node client costs that sends the same 8 LISTs and does
// nothing else. BENCH_BASELINE=<folder
// of another built checkout> adds its `tp check 4`, by its npm bin and (when built there) its
// executable, in the same rounds (before/after).
// Usage: npm run cluster:up && npm run build && npm run build:exe && node bench/startup.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { kubeconfig, kubectlPath, median, withSolvedTp4 } from './solved-tp4.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const executable = `dist/exe/tp-${{ linux: 'linux', darwin: 'macos', win32: 'windows' }[process.platform]}-${process.arch}`;
if (!existsSync(executable)) throw new Error(`${executable} is missing: run npm run build:exe first`);
const baseline = process.env.BENCH_BASELINE;

// CPU time (user + system) of the children waited for so far, from /proc (Linux): unlike wall
// time it hardly moves with the load of the machine, so it shows the work a command does.
const childrenCpuMs = () => {
  if (!existsSync('/proc/self/stat')) return Number.NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // cutime and cstime are fields 16 and 17 of stat(5), in clock ticks (100 per second on Linux).
  return (Number(fields[13]) + Number(fields[14])) * 10;
};
const cpu = {};

const timed = (command, args, name, env = {}) => {
  const start = performance.now();
  const cpuBefore = childrenCpuMs();
  const run = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - start;
  if (name) (cpu[name] ??= []).push(childrenCpuMs() - cpuBefore);
  // A check fails (exit 1) on this namespace's HTTP checks; anything else is a broken measurement.
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
  return ms;
};

await withSolvedTp4('tp-startup', async ({ namespace, answers }) => {
  // Nothing listens on the node port: HTTP checks fail at once (connection refused), no HTTP wait is counted.
  const check = ['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--format', 'json', '--http-via', 'nodeport'];
  const commands = {
    'node -e 0 (Node itself)': ['node', ['-e', '0']],
    'Node + the 8 LISTs, no tp': ['node', ['bench/node-floor.cjs', kubeconfig, namespace]],
    'npm bin: tp --version': ['node', ['bin/tp.js', '--version']],
    'executable: tp --version': [executable, ['--version']],
    'npm bin: tp check 4': ['node', ['bin/tp.js', ...check]],
    'npm bin, first run': ['node', ['bin/tp.js', ...check], { TP_CACHE: 'off' }],
    ...(baseline ? { 'baseline: tp check 4': ['node', [`${baseline}/bin/tp.js`, ...check]] } : {}),
    'executable: tp check 4': [executable, check],
    'executable, first run': [executable, check, { TP_CACHE: 'off' }],
    ...(baseline && existsSync(`${baseline}/${executable}`)
      ? { 'baseline exe: --version': [`${baseline}/${executable}`, ['--version']], 'baseline exe: tp check 4': [`${baseline}/${executable}`, check] }
      : {}),
    'kubectl get pods': [kubectlPath, ['--kubeconfig', kubeconfig, '-n', namespace, 'get', 'pods']],
  };
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (const [command, args, env] of Object.values(commands)) timed(command, args, undefined, env);
  for (let i = 0; i < RUNS; i += 1) {
    for (const [name, [command, args, env]] of Object.entries(commands)) times[name].push(timed(command, args, name, env));
  }
  const kubectlMedian = median(times['kubectl get pods']);
  const kubectlCpu = median(cpu['kubectl get pods']);
  console.log(`start-up on ${namespace} (${RUNS} interleaved runs each; node ${process.version}; load average at the end ${loadavg()[0].toFixed(1)})`);
  for (const [name, values] of Object.entries(times)) {
    const ratio = /check|first run|LISTs/.test(name) ? `  ${(median(values) / kubectlMedian).toFixed(2)}× kubectl get (CPU: ${(median(cpu[name]) / kubectlCpu).toFixed(2)}×)` : '';
    console.log(
      `  ${name.padEnd(28)} median ${median(values).toFixed(0).padStart(5)} ms   min ${Math.min(...values).toFixed(0).padStart(5)} ms   CPU median ${median(cpu[name]).toFixed(0).padStart(4)} ms${ratio}`,
    );
  }
});
