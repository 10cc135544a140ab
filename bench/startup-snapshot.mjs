// A V8 start-up snapshot of tp's bundle, against the code cache the bins use: `node
// --build-snapshot` evaluates dist/tp.cjs at build time and keeps the heap, so a start
// deserialises it instead of reading and running the bundle. Node keeps no compiled
// function in a snapshot it builds, so what a command runs is compiled from source at each
// start; the code cache keeps exactly those. The npm bin cannot pass --snapshot-blob (its
// shebang names node alone); a SEA's `useSnapshot` is the same mechanism. Interleaved runs,
// after one warm-up each, medians and CPU (user + system of the children).
// Usage: npm run cluster:up && npm run build && node bench/startup-snapshot.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { kubeconfig, median, withSolvedTp4 } from './solved-tp4.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const bundle = resolve('dist/tp.cjs');
const work = mkdtempSync(join(tmpdir(), 'tp-snapshot-'));
const entry = join(work, 'entry.cjs');
const blob = join(work, 'tp.blob');
// The bundle evaluated at build time; its libraries apart (re2js…) are required at run time from dist/.
writeFileSync(
  entry,
  `const v8 = require('node:v8');
let runtimeRequire;
const requireAny = (id) => (id.startsWith('./') ? runtimeRequire(id) : require(id));
const loaded = { exports: {} };
(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'latin1')}
})(loaded.exports, requireAny, loaded, ${JSON.stringify(bundle)}, ${JSON.stringify(resolve('dist'))});
v8.startupSnapshot.setDeserializeMainFunction(() => {
  runtimeRequire = require('node:module').createRequire(${JSON.stringify(bundle)});
  loaded.exports.main(process.argv.slice(1)).then((code) => { process.exitCode = code; });
});
`,
);
const built = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], { encoding: 'utf8' });
if (built.status !== 0) throw new Error(`--build-snapshot failed: ${built.stderr}`);

const childrenCpuMs = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
};

await withSolvedTp4('tp-snapshot', async ({ namespace, answers }) => {
  const check = ['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--format', 'json', '--http-via', 'nodeport'];
  const commands = {
    'code cache: tp --version': ['bin/tp.js', '--version'],
    'snapshot: tp --version': ['--snapshot-blob', blob, '--', '--version'],
    'code cache: tp check 4': ['bin/tp.js', ...check],
    'snapshot: tp check 4': ['--snapshot-blob', blob, ...check],
  };
  const wall = {};
  const cpu = {};
  const run = (args) => {
    const start = performance.now();
    const before = childrenCpuMs();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
    return [performance.now() - start, childrenCpuMs() - before];
  };
  for (const args of Object.values(commands)) run(args);
  for (let i = 0; i < RUNS; i += 1) {
    for (const [name, args] of Object.entries(commands)) {
      const [ms, cpuMs] = run(args);
      (wall[name] ??= []).push(ms);
      (cpu[name] ??= []).push(cpuMs);
    }
  }
  console.log(`snapshot against code cache (${RUNS} interleaved runs; snapshot ${(readFileSync(blob).length / 1e6).toFixed(1)} MB; load average at the end ${loadavg()[0].toFixed(1)})`);
  for (const name of Object.keys(commands)) {
    console.log(`  ${name.padEnd(26)} median ${median(wall[name]).toFixed(0).padStart(4)} ms   min ${Math.min(...wall[name]).toFixed(0).padStart(4)} ms   CPU median ${median(cpu[name]).toFixed(0).padStart(4)} ms`);
  }
});
