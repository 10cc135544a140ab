// Where the CPU of one `tp check 4` goes: the npm bin run under V8's sampling
// profiler (node --cpu-prof, a sample every 100 µs) on a solved TP4 namespace,
// the code cache warm, BENCH_RUNS times; each sample's function is mapped back
// to its source file through the bundle's source maps (dist/*.cjs.map) and
// counted by what it is: Node starting and compiling, Node's own modules, each
// room of src/, each library, garbage collection, the main thread waiting on the
// network or on the thread pool (the scrypt of a hashed answer runs there, its
// CPU is in the process's total, not in the main thread's samples).
// Prints the medians over the runs, beside the process's CPU time and one
// `kubectl get pods`'s. The profiler inflates every figure somewhat.
//   npm run cluster:up && npm run build && node bench/cpu-profile.mjs   # BENCH_RUNS=5 by default
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { kubeconfig, kubectlPath, median, withSolvedTp4 } from './solved-tp4.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dist = resolve('dist');
const maps = new Map();
const sourceMapOf = (file) => {
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
    } catch {
      maps.set(file, undefined);
    }
  }
  return maps.get(file);
};

/** What a profiled function is, from its file (and, in the bundle, its original source). */
const categoryOf = ({ functionName, url, lineNumber, columnNumber }) => {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'waiting (network, thread pool)';
  if (functionName === '(program)' || functionName === '(root)') return 'Node and V8 themselves (start-up, compiling, parsing)';
  if (url.startsWith('node:')) {
    if (url === 'node:vm') return "loading tp's bundle (vm.Script: the code cache read, the rest compiled)";
    if (/^node:(https|tls|http|net|_http|_tls|internal\/(tls|http|net|stream_base|dns|js_stream))/.test(url)) return "Node's modules: HTTPS, TLS, sockets";
    if (/^node:internal\/(bootstrap|process\/pre_execution|modules|main|url)/.test(url)) return 'Node starting: bootstrap, module loader';
    return "Node's modules: other";
  }
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  if (!file) return 'V8 built-ins (JSON.parse, RegExp, …)';
  // A code cache made by another checkout of the same bundle (the same SHA-256) names the script
  // by that checkout's path: V8 keeps the name the cache was made with.
  const own = file.startsWith(dist) ? file : /\/dist\/[\w-]+\.cjs$/.test(file) ? join(dist, basename(file)) : undefined;
  if (own === undefined) return file.includes('/bin/') ? 'tp: bin/' : `other: ${basename(file)}`;
  const entry = sourceMapOf(own)?.findEntry(lineNumber, columnNumber);
  const source = entry?.originalSource ?? '';
  const room = /src\/([a-z-]+)\//.exec(source)?.[1];
  if (room) return `tp: src/${room}/`;
  const library = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
  return library ? `library: ${library}` : `tp: ${basename(file)} (unmapped)`;
};

/** Milliseconds of main-thread samples per category in one profile. */
const breakdown = (profile) => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = {};
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const category = categoryOf(byId.get(id).callFrame);
    totals[category] = (totals[category] ?? 0) + ms;
  });
  return totals;
};

const childrenCpuMs = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
};
const cpuOf = (command, args) => {
  const before = childrenCpuMs();
  const run = spawnSync(command, args, { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
  return childrenCpuMs() - before;
};

await withSolvedTp4('tp-cpu-profile', async ({ namespace, answers }) => {
  const check = ['bin/tp.js', 'check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--format', 'json', '--http-via', 'nodeport'];
  cpuOf('node', check); // writes the code cache of `check`
  const runs = [];
  const processCpu = [];
  const kubectlCpu = [];
  for (let i = 0; i < RUNS; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'tp-cpu-prof-'));
    processCpu.push(cpuOf('node', ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, ...check]));
    kubectlCpu.push(cpuOf(kubectlPath, ['--kubeconfig', kubeconfig, '-n', namespace, 'get', 'pods']));
    const [file] = readdirSync(dir);
    runs.push(breakdown(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
    rmSync(dir, { recursive: true, force: true });
  }
  const categories = [...new Set(runs.flatMap((run) => Object.keys(run)))];
  const rows = categories.map((category) => [category, median(runs.map((run) => run[category] ?? 0))]).sort((a, b) => b[1] - a[1]);
  const profiled = median(runs.map((run) => Object.entries(run).filter(([c]) => !c.startsWith('waiting')).reduce((sum, [, ms]) => sum + ms, 0)));
  console.log(`tp check 4 under --cpu-prof, ${RUNS} runs (medians); node ${process.version}; load average ${loadavg()[0].toFixed(1)}`);
  console.log(`  process CPU (user + system, profiler on): ${median(processCpu)} ms; kubectl get pods: ${median(kubectlCpu)} ms`);
  console.log(`  main thread, busy: ${profiled.toFixed(0)} ms`);
  for (const [category, ms] of rows) console.log(`  ${category.padEnd(56)} ${ms.toFixed(1).padStart(7)} ms`);
});
