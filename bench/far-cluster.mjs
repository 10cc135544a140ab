// `tp check 4` against a cluster far away: a proxy on 127.0.0.1 in front of the local API server
// holds every chunk of bytes, both ways, for DELAY ms (a round trip of 2 × DELAY), TLS passing
// through untouched. Compares this checkout's npm bin with BENCH_BASELINE's (another built
// checkout), and `kubectl get pods` through the same proxy. Interleaved runs, medians.
// Usage: npm run cluster:up && npm run build && BENCH_BASELINE=<built checkout> node bench/far-cluster.mjs
//        (BENCH_DELAY_MS=25, BENCH_RUNS=7 by default)
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { farKubeconfig } from './far-proxy.mjs';
import { kubeconfig, kubectlPath, median, withSolvedTp4 } from './solved-tp4.mjs';

const DELAY = Number(process.env.BENCH_DELAY_MS ?? 25);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const baseline = process.env.BENCH_BASELINE;

const { kubeconfig: far, close } = await farKubeconfig(kubeconfig, DELAY);

await withSolvedTp4('tp-far', async ({ namespace, answers }) => {
  const check = ['check', '4', '--kubeconfig', far, '-n', namespace, '--answers', answers, '--format', 'json', '--http-via', 'nodeport'];
  const commands = {
    'this checkout: tp check 4': ['node', ['bin/tp.js', ...check]],
    ...(baseline ? { 'baseline: tp check 4': ['node', [`${baseline}/bin/tp.js`, ...check]] } : {}),
    'kubectl get pods': [kubectlPath, ['--kubeconfig', far, '-n', namespace, 'get', 'pods']],
  };
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  // Not spawnSync: the proxy runs in this process, and must go on while the command waits for it.
  const run = ([command, args]) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (status) => (status === 0 || status === 1 ? resolve(performance.now() - started) : reject(new Error(`${command} ${args.join(' ')}: exit ${status}\n${stderr}`))));
    });
  for (const command of Object.values(commands)) await run(command);
  for (let i = 0; i < RUNS; i += 1) for (const [name, command] of Object.entries(commands)) times[name].push(await run(command));
  console.log(`a cluster ${2 * DELAY} ms away (round trip), ${RUNS} interleaved runs; load average at the end ${loadavg()[0].toFixed(1)}`);
  for (const [name, values] of Object.entries(times)) console.log(`  ${name.padEnd(28)} median ${median(values).toFixed(0).padStart(5)} ms   min ${Math.min(...values).toFixed(0).padStart(5)} ms`);
});
close();
