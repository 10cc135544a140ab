// Where the time of `tp check 4` goes against a cluster far away, chunk by chunk: the proxy of
// far-proxy.mjs (a round trip of 2 × BENCH_DELAY_MS) notes when each chunk reaches it, from tp
// (->) or from the API server (<-), in ms since the command started; then the same for
// `kubectl get pods`. Each command runs once to warm up, then once traced (TP_STATS=1 for tp).
// Usage: npm run cluster:up && npm run build && node bench/far-trace.mjs
import { spawn } from 'node:child_process';
import { farKubeconfig } from './far-proxy.mjs';
import { kubeconfig, kubectlPath, withSolvedTp4 } from './solved-tp4.mjs';

const DELAY = Number(process.env.BENCH_DELAY_MS ?? 25);
let started = 0;
const lines = [];
// Connections the traced command opened (it speaks first): the warm-up's closing ones are left out.
const opened = new Set();
const { kubeconfig: far, close } = await farKubeconfig(kubeconfig, DELAY, (connection, direction, bytes) => {
  if (direction === '->') opened.add(connection);
  if (opened.has(connection)) lines.push(`${(performance.now() - started).toFixed(0).padStart(6)} ms  connection ${connection} ${direction} ${bytes} bytes`);
});

// Not spawnSync: the proxy runs in this process.
const run = (command, args, env = {}) =>
  new Promise((resolve) => {
    lines.length = 0;
    opened.clear();
    started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', () => resolve({ ms: performance.now() - started, stderr: stderr.trim() }));
  });

await withSolvedTp4('tp-far-trace', async ({ namespace, answers }) => {
  const commands = {
    'tp check 4': ['node', ['bin/tp.js', 'check', '4', '--kubeconfig', far, '-n', namespace, '--answers', answers, '--format', 'json', '--http-via', 'nodeport'], { TP_STATS: '1' }],
    'kubectl get pods': [kubectlPath, ['--kubeconfig', far, '-n', namespace, 'get', 'pods'], {}],
  };
  console.log(`a cluster ${2 * DELAY} ms away (round trip)`);
  for (const [name, [command, args, env]] of Object.entries(commands)) {
    await run(command, args, env);
    const { ms, stderr } = await run(command, args, env);
    console.log(`\n${name}: ${ms.toFixed(0)} ms${stderr && name.startsWith('tp') ? ` (${stderr.split('\n').at(-1)})` : ''}`);
    console.log(lines.join('\n'));
  }
});
close();
