// Benchmark of the live class (`tp grade --watch --serve`): N students on the
// local cluster, a script changing one student's ConfigMap every 100 ms (its
// labels flip between right and wrong, so the student's cm1-labels cell flips
// ✘/✔), and, measured: the time from the change being in the API server (its
// PATCH answered) to the page's update (the bench reads the page's own event
// stream, /events, and waits for that cell to show the new status), the API
// requests tp makes after its first LISTs (counted by an HTTP proxy in front
// of the API server), tp's CPU time and memory while the changes run.
//
//   npm run build && node bench/live-class.mjs [--students 30,300,1000] [--duration 120] [--interval 100] [--keep]
//
// Namespaces are tp-live-bench-<i> (label tp.bench/cohort=live), each with
// cm1..cm3; the first N serve a class of N. They are deleted at the end
// unless --keep.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { parseDocument } from 'yaml';

const { values: args } = parseArgs({
  options: {
    students: { type: 'string', default: '30,300,1000' },
    duration: { type: 'string', default: '120' },
    interval: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
    kubeconfig: { type: 'string', default: process.env.TP_BENCH_KUBECONFIG || '.cache/cluster/kubeconfig' },
  },
});
const SIZES = args.students.split(',').map(Number);
const DURATION_MS = Number(args.duration) * 1000;
const INTERVAL_MS = Number(args.interval);
const KUBECONFIG = resolve(args.kubeconfig);
const LABEL = 'tp.bench/cohort';
const say = (text) => process.stderr.write(`[bench] ${text}\n`);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const namespaceOf = (i) => `tp-live-bench-${String(i).padStart(4, '0')}`;
const WRONG = { version: '1.0', country: 'uk' };
const RIGHT = { version: '1.0', country: 'fr' };

const kc = new KubeConfig();
kc.loadFromFile(KUBECONFIG);
const core = kc.makeApiClient(CoreV1Api);

const pool = async (items, size, work) => {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
};

const ensureNamespaces = async (count) => {
  const existing = new Set((await core.listNamespace({ labelSelector: `${LABEL}=live` })).items.map((ns) => ns.metadata.name));
  const missing = Array.from({ length: count }, (_, i) => namespaceOf(i)).filter((name) => !existing.has(name));
  say(`${count - missing.length} namespaces already there, creating ${missing.length}`);
  await pool(missing, 16, async (namespace) => {
    await core.createNamespace({ body: { metadata: { name: namespace, labels: { [LABEL]: 'live' } } } });
    for (const name of ['cm1', 'cm2', 'cm3']) {
      await core.createNamespacedConfigMap({ namespace, body: { metadata: { name, labels: WRONG }, data: { key: name } } });
    }
  });
  // Every class starts from the same state: cm1 wrong everywhere.
  await pool(Array.from({ length: count }, (_, i) => namespaceOf(i)), 16, (namespace) => label(namespace, WRONG));
};

const label = (namespace, labels) => core.patchNamespacedConfigMap({ name: 'cm1', namespace, body: [{ op: 'replace', path: '/metadata/labels', value: labels }] });

/** An HTTP proxy in front of the API server that counts requests by verb (as test/support/api-proxy.ts). */
const startCountingProxy = async () => {
  const doc = parseDocument(readFileSync(KUBECONFIG, 'utf8')).toJS();
  const cluster = doc.clusters[0].cluster;
  const user = doc.users[0].user;
  const upstream = new URL(cluster.server);
  const data = (field) => (field ? Buffer.from(field, 'base64') : undefined);
  const counts = { list: 0, watch: 0, other: 0 };
  const server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url, 'http://proxy');
    const watch = url.searchParams.get('watch') === '1';
    const verb = watch ? 'watch' : /\/[a-z]+$/.test(url.pathname) ? 'list' : 'other';
    counts[verb] += 1;
    if (process.env.TP_BENCH_LOG_REQUESTS) say(`${verb} ${url.pathname}`);
    const forwarded = httpsRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: upstream.host }, ca: data(cluster['certificate-authority-data']), cert: data(user['client-certificate-data']), key: data(user['client-key-data']), agent: false },
      (answer) => {
        outgoing.writeHead(answer.statusCode, answer.headers);
        outgoing.flushHeaders();
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    outgoing.on('close', () => forwarded.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  return { port: server.address().port, counts, close: () => new Promise((closed) => { server.closeAllConnections(); server.close(closed); }) };
};

const cpuSeconds = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const memoryMb = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Follows the page's event stream: the state, then rows as they change. */
const followEvents = (port, token, onRows) =>
  new Promise((ready, failed) => {
    const answer = get({ host: '127.0.0.1', port, path: `/events?token=${token}` }, (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (!name || !data) continue;
          const value = JSON.parse(data);
          if (name === 'state') ready({ state: value, close: () => answer.destroy() });
          if (name === 'rows') onRows(value);
          if (name === 'state') onRows(value.rows);
        }
      });
    });
    answer.on('error', failed);
  });

const runClass = async (size, proxy, dir) => {
  const students = Array.from({ length: size }, (_, i) => `  - { id: s${i}, email: s${i}@example.org, namespace: ${namespaceOf(i)} }`);
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster: { server: "http://127.0.0.1:${proxy.port}" }\nusers:\n- name: bench\n  user: {}\ncontexts:\n- name: bench\n  context: { cluster: bench, user: bench }\ncurrent-context: bench\n`);
  mkdirSync(join(dir, 'answers'), { recursive: true });
  writeFileSync(join(dir, 'answers', 'answers_tp4'), readFileSync('answers/answers_tp4', 'utf8'));
  const cohort = join(dir, `cohort-${size}.yaml`);
  writeFileSync(cohort, `lab: tp4\ndefaults: { kubeconfig: ${kubeconfig}, answers: answers/answers_tp4 }\nstudents:\n${students.join('\n')}\n`);
  const before = { ...proxy.counts };
  const started = Date.now();
  // TP_BENCH_NODE_ARGS: flags for tp's node, e.g. --cpu-prof --cpu-prof-dir=/tmp/prof to see where its time goes.
  const nodeArgs = (process.env.TP_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'bin/tp.js', 'grade', 'tp4', '--cohort', cohort, '--output', join(dir, `out-${size}`), '--watch', '--serve', '--http-via', 'nodeport'], {
    env: { ...process.env, LANG: 'en_US.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', () => {});
  while (!/token=(\w+)/.test(out)) await sleep(100);
  const [, port, token] = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\w+)/.exec(out);

  const column = { value: -1 };
  const pending = new Map();
  const latencies = [];
  const fromSend = [];
  const graded = new Set();
  let early = 0;
  // A change is measured once both are known: its PATCH answered, and the page showing it (either may come first).
  const settle = (id, wait) => {
    if (wait.answeredAt === undefined || wait.seenAt === undefined) return;
    if (wait.seenAt < wait.answeredAt) early += 1;
    latencies.push(Math.max(0, wait.seenAt - wait.answeredAt));
    fromSend.push(wait.seenAt - wait.sentAt);
    if (pending.get(id) === wait) pending.delete(id);
  };
  const onRows = (rows) => {
    for (const row of rows) {
      if (row.status === 'graded') graded.add(row.id);
      const wait = pending.get(row.id);
      if (wait && wait.seenAt === undefined && column.value >= 0 && row.cells[column.value] === wait.expect) {
        wait.seenAt = Date.now();
        settle(row.id, wait);
      }
    }
  };
  const events = await followEvents(Number(port), token, onRows);
  column.value = events.state.outline.exercises.flatMap((e) => e.checks).findIndex((c) => c.id === 'cm1-labels');
  while (graded.size < size) await sleep(200);
  const firstRoundMs = Date.now() - started;
  // Let the first gradebook write go by, then measure the changes alone.
  await sleep(6000);
  const afterFirst = { ...proxy.counts };
  const cpuBefore = cpuSeconds(child.pid);
  let peakRss = 0;
  const state = new Map();
  let changes = 0;
  const phaseStart = Date.now();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, memoryMb(child.pid).rss)), 500);
  // Round the class in a shuffled order: one student's change at a time, each student's far apart.
  const order = Array.from({ length: size }, (_, i) => i).sort(() => Math.random() - 0.5);
  while (Date.now() - phaseStart < DURATION_MS) {
    const tick = Date.now();
    const index = order[changes % size];
    const id = `s${index}`;
    const right = !state.get(id);
    state.set(id, right);
    const wait = { expect: right ? 'pass' : 'fail', sentAt: Date.now() };
    pending.set(id, wait);
    changes += 1;
    label(namespaceOf(index), right ? RIGHT : WRONG).then(
      () => {
        wait.answeredAt = Date.now();
        settle(id, wait);
      },
      (error) => say(`patch failed: ${error.message}`),
    );
    await sleep(Math.max(0, INTERVAL_MS - (Date.now() - tick)));
  }
  await sleep(3000);
  clearInterval(sampler);
  const cpu = cpuSeconds(child.pid) - cpuBefore;
  const phaseSeconds = (Date.now() - phaseStart) / 1000;
  const memory = memoryMb(child.pid);
  const end = { ...proxy.counts };
  events.close();
  child.kill('SIGINT');
  await new Promise((done) => child.once('exit', done));
  // Put every cm1 back as it was for the next class.
  await pool([...state].filter(([, right]) => right).map(([id]) => namespaceOf(Number(id.slice(1)))), 16, (namespace) => label(namespace, WRONG));
  return {
    size,
    firstRoundMs,
    initialLists: afterFirst.list - before.list,
    initialWatches: afterFirst.watch - before.watch,
    changes,
    seen: latencies.length,
    lost: pending.size,
    early,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    p50Send: percentile(fromSend, 50),
    p99Send: percentile(fromSend, 99),
    requestsDuring: { list: end.list - afterFirst.list, watch: end.watch - afterFirst.watch, other: end.other - afterFirst.other },
    cpuPerSecond: cpu / phaseSeconds,
    cpuPerChange: (cpu / changes) * 1000,
    rss: memory.rss,
    peakRss: Math.max(peakRss, memory.peak),
  };
};

const main = async () => {
  say(`kubeconfig ${KUBECONFIG}; classes of ${SIZES.join(', ')}; a change every ${INTERVAL_MS} ms for ${DURATION_MS / 1000} s`);
  await ensureNamespaces(Math.max(...SIZES));
  const proxy = await startCountingProxy();
  const results = [];
  try {
    for (const size of SIZES) {
      say(`class of ${size}`);
      const dir = mkdtempSync(join(tmpdir(), `tp-bench-live-${size}-`));
      results.push(await runClass(size, proxy, dir));
      say(JSON.stringify(results.at(-1)));
    }
  } finally {
    await proxy.close();
    if (!args.keep) {
      say('deleting the benchmark namespaces (--keep to reuse them)');
      const { items } = await core.listNamespace({ labelSelector: `${LABEL}=live` });
      await pool(items, 16, (ns) => core.deleteNamespace({ name: ns.metadata.name }));
    }
  }
  const lines = [
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    '',
    '| students | first LISTs / WATCHes | first round | changes (seen) | change → page p50 / p99 / max | (from the PATCH sent: p50 / p99) | requests during the changes (LIST / WATCH / other) | tp CPU | CPU per change | RSS (peak) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) =>
      `| ${r.size} | ${r.initialLists} / ${r.initialWatches} | ${(r.firstRoundMs / 1000).toFixed(1)} s | ${r.changes} (${r.seen}) | ${r.p50} / ${r.p99} / ${r.max} ms | ${r.p50Send} / ${r.p99Send} ms | ${r.requestsDuring.list} / ${r.requestsDuring.watch} / ${r.requestsDuring.other} | ${(r.cpuPerSecond * 100).toFixed(0)} % of a core | ${r.cpuPerChange.toFixed(1)} ms | ${r.rss.toFixed(0)} MB (${r.peakRss.toFixed(0)} MB) |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
};

await main();
