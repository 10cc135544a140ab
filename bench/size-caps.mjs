// Benchmark of a student at the size caps (issue 23, point 5): `tp grade` of one
// student whose API server (a stand-in on 127.0.0.1, plain HTTP) holds a
// Deployment of N volumes all from the lab's ConfigMap and N mounts that use
// none (the shape a check comparing each mount with each volume takes N² for),
// plus 10,000 ConfigMaps. Prints the answer's size and the wall time of the
// whole `tp grade` process (median, min, max of the runs), for each N.
//
//   npm run build && node bench/size-caps.mjs [--sizes 50000,100000,200000] [--runs 3] [--tp <a tp.js of another build>]
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '50000,100000,200000' }, runs: { type: 'string', default: '3' }, tp: { type: 'string', default: 'bin/tp.js' } } });
const SIZES = args.sizes.split(',').map(Number);
const RUNS = Number(args.runs);
const TP = resolve(args.tp);

const list = (items) => JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata: {}, items });

const deployment = (n) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'kubernetes-app', namespace: 'alice', generation: 1 },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'kubernetes-app' } },
    template: {
      metadata: { labels: { app: 'kubernetes-app' } },
      spec: {
        volumes: Array.from({ length: n }, (_, i) => ({ name: `v${i}`, configMap: { name: 'myapp-config' } })),
        containers: [{ name: 'kubernetes-app', image: 'registry.example.org/dalk/app:v0.2', volumeMounts: Array.from({ length: n }, (_, i) => ({ name: `m${i}`, mountPath: `/m/${i}` })) }],
      },
    },
  },
});

const configMaps = list(Array.from({ length: 10_000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}-${'x'.repeat(200)}`, namespace: 'alice', labels: { country: 'fr' } } })));

/** Runs `tp grade` once: its wall time. */
const gradeOnce = (dir) =>
  new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [TP, 'grade', '--cohort', join(dir, 'cohort.yaml'), '--output', join(dir, 'out'), '--format', 'json', '--http-via', 'proxy', '--timeout', '30'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TP_CODE_CACHE: 'off' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', fail);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) fail(new Error(`tp grade exited ${code}: ${stderr}`));
      else done({ ms });
    });
  });

const results = [];
for (const n of SIZES) {
  const deployments = list([deployment(n)]);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://stub').pathname;
    const kind = /\/([a-z]+)$/.exec(path)?.[1];
    const body = kind === 'deployments' ? deployments : kind === 'configmaps' ? configMaps : list([]);
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  const dir = mkdtempSync(join(tmpdir(), 'tp-bench-caps-'));
  writeFileSync(join(dir, 'kubeconfig'), `apiVersion: v1\nkind: Config\ncurrent-context: s\nclusters: [{name: s, cluster: {server: "http://127.0.0.1:${server.address().port}"}}]\ncontexts: [{name: s, context: {cluster: s, user: u, namespace: alice}}]\nusers: [{name: u, user: {token: t}}]\n`);
  writeFileSync(join(dir, 'answers'), '{ "Answer1": "1" }\n');
  writeFileSync(join(dir, 'cohort.yaml'), 'lab: tp4\nstudents:\n  - { id: alice, email: a@example.org, kubeconfig: kubeconfig, namespace: alice, answers: answers }\n');
  const times = [];
  for (let run = 0; run < RUNS; run += 1) times.push((await gradeOnce(dir)).ms);
  server.close();
  times.sort((a, b) => a - b);
  results.push({ volumesAndMounts: n, deploymentMiB: (Buffer.byteLength(deployments) / 1024 / 1024).toFixed(1), medianMs: Math.round(times[Math.floor(times.length / 2)]), minMs: Math.round(times[0]), maxMs: Math.round(times.at(-1)) });
}
console.log(JSON.stringify({ tp: TP, cores: cpus().length, load: loadavg().map((l) => l.toFixed(1)), runs: RUNS, results }, null, 2));
