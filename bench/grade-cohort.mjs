// Benchmark of `tp grade`: a cohort of solved TP4 namespaces on the local
// cluster, graded by `tp grade` (wall time, API requests, peak memory), and a
// sample of the same students graded the way verify scripts are written today
// (bench/verify-kubectl.sh: one kubectl call per check), in the same run.
//
//   npm run build && node bench/grade-cohort.mjs [--students 200] [--sample 10] [--runs 3] [--keep]
//     [--far-ms 25]      tp grade reads the cluster through a proxy holding each chunk 25 ms each way
//                        (a cluster 50 ms away: bench/far-proxy.mjs); kubectl's sample stays near
//     [--tp <checkout>]  the tp to run: another built checkout's bin/tp.js (default: this one)
//
// Namespaces are tp-bench-<i>, labelled tp.bench/cohort=grade; they are reused
// when present (--keep leaves them for the next run), else deleted at the end.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { farKubeconfig } from './far-proxy.mjs';
import { childrenCpuMs, clients, deleteCohort, ensureCohort, median, namespaceOf, say, startStandIns, writeAnswers } from './bench-cohort.mjs';

const { values: args } = parseArgs({
  options: {
    students: { type: 'string', default: '200' },
    sample: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    kubeconfig: { type: 'string', default: process.env.TP_BENCH_KUBECONFIG || '.cache/cluster/kubeconfig' },
    'far-ms': { type: 'string', default: '0' },
    tp: { type: 'string', default: '.' },
  },
});
const STUDENTS = Number(args.students);
const SAMPLE = Math.min(Number(args.sample), STUDENTS);
const RUNS = Number(args.runs);
const KUBECONFIG = resolve(args.kubeconfig);
const FAR_MS = Number(args['far-ms']);
const TP_BIN = resolve(args.tp, 'bin/tp.js');

const writeCohort = (dir, size, gradedThrough = KUBECONFIG) => {
  const kubeconfigText = readFileSync(KUBECONFIG, 'utf8');
  const contexts = (kubeconfigText.match(/^- context:/gm) ?? []).length;
  const server = /server: https?:\/\/([^:/\s]+)/.exec(kubeconfigText)[1];
  mkdirSync(join(dir, 'answers'), { recursive: true });
  const students = [];
  for (let i = 0; i < size; i++) {
    const namespace = namespaceOf(i);
    // The reference solution's answers, with this student's facts filled in.
    const facts = { contexts, serverHost: server, namespace };
    writeAnswers(join(dir, 'answers', namespace), facts);
    students.push(`  - { id: s${i}, email: s${i}@example.org, namespace: ${namespace}, answers: answers/${namespace} }`);
  }
  const file = join(dir, `cohort-${size}.yaml`);
  writeFileSync(file, `lab: tp4\ndefaults: { kubeconfig: ${gradedThrough} }\nstudents:\n${students.join('\n')}\n`);
  return file;
};

const timeGrade = async (cohortFile, dir, label) => {
  const output = join(dir, `out-${label}`);
  const rssFile = join(dir, `rss-${label}`);
  const started = process.hrtime.bigint();
  const cpuBefore = childrenCpuMs();
  const code = await new Promise((done) => {
    const child = spawn(process.execPath, ['--import', resolve('bench/max-rss.mjs'), TP_BIN, 'grade', 'tp4', '--cohort', cohortFile, '--output', output, '--http-via', 'nodeport'], {
      env: { ...process.env, TP_BENCH_RSS_FILE: rssFile, LANG: 'en_US.UTF-8' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', () => {});
    child.on('exit', done);
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuMs = childrenCpuMs() - cpuBefore;
  const grades = JSON.parse(readFileSync(join(output, 'grades.json'), 'utf8'));
  const perfect = grades.students.filter((s) => s.report && s.report.score === s.report.maxScore).length;
  return { code, wallMs, cpuMs, requests: grades.run.apiRequests, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, graded: grades.summary.graded, perfect, maxScore: grades.maxScore };
};

const timeKubectl = async (dir) => {
  const run = promisify(execFile);
  const times = [];
  let scores = [];
  for (let i = 0; i < SAMPLE; i++) {
    const namespace = namespaceOf(Math.floor((i * STUDENTS) / SAMPLE));
    const started = process.hrtime.bigint();
    const { stdout } = await run('bash', ['bench/verify-kubectl.sh', KUBECONFIG, namespace, join(dir, 'answers', namespace)], { env: { ...process.env, HOME: dir } });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    scores.push(stdout.trim());
  }
  return { times, scores };
};

const main = async () => {
  say(`kubeconfig ${KUBECONFIG}; ${STUDENTS} students, kubectl sample ${SAMPLE}, ${RUNS} runs; tp ${TP_BIN}${FAR_MS ? `; tp grade through a proxy ${2 * FAR_MS} ms away (round trip)` : ''}`);
  const cluster = clients(KUBECONFIG);
  await ensureCohort(cluster, STUDENTS);
  const stopStandIns = await startStandIns(cluster);
  const dir = mkdtempSync(join(tmpdir(), 'tp-bench-grade-'));
  const far = FAR_MS > 0 ? await farKubeconfig(KUBECONFIG, FAR_MS) : undefined;
  try {
    const small = writeCohort(dir, Math.min(20, STUDENTS), far?.kubeconfig);
    const full = writeCohort(dir, STUDENTS, far?.kubeconfig);
    const smallRun = await timeGrade(small, dir, 'small');
    const runs = [];
    for (let r = 0; r < RUNS; r++) runs.push(await timeGrade(full, dir, `full-${r}`));
    const kubectl = await timeKubectl(dir);
    const tpWall = median(runs.map((r) => r.wallMs));
    const tpPerStudent = tpWall / STUDENTS;
    const kubectlPerStudent = median(kubectl.times);
    const lines = [
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, load average at the end ${loadavg()[0].toFixed(1)}`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| tp grade, ${STUDENTS} students, wall time (median of ${RUNS}) | ${(tpWall / 1000).toFixed(2)} s (runs: ${runs.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')} s) |`,
      `| tp grade, CPU time (user + system, median of ${RUNS}) | ${(median(runs.map((r) => r.cpuMs)) / 1000).toFixed(2)} s |`,
      `| tp grade, per student | ${tpPerStudent.toFixed(1)} ms |`,
      `| tp grade, API requests for ${STUDENTS} students / for ${Math.min(20, STUDENTS)} | ${runs[0].requests} / ${smallRun.requests} |`,
      `| tp grade, peak memory (max RSS) | ${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB |`,
      `| tp grade, students graded / with full marks | ${runs[0].graded} / ${runs[0].perfect} (max ${runs[0].maxScore}) |`,
      `| kubectl per check, per student (median of ${SAMPLE}) | ${(kubectlPerStudent / 1000).toFixed(2)} s (scores: ${[...new Set(kubectl.scores)].join(', ')}) |`,
      `| kubectl per check, ${STUDENTS} students (extrapolated) | ${((kubectlPerStudent * STUDENTS) / 1000).toFixed(0)} s |`,
      `| speed-up per student | ${(kubectlPerStudent / tpPerStudent).toFixed(0)}× |`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (runs.some((r) => r.code !== 0)) say(`tp grade exited with ${runs.map((r) => r.code).join(', ')}`);
  } finally {
    far?.close();
    await stopStandIns();
    if (!args.keep) await deleteCohort(cluster);
  }
};

await main();
