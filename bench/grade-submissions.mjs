// Benchmark of offline grading: one real `tp submit 4` from a solved TP4
// namespace of the local cluster, copied for a cohort of N students, then
// `tp grade tp4 --submissions <folder>` (wall time of the process, peak memory),
// and the size of one submission file.
//
//   npm run build && node bench/grade-submissions.mjs [--students 300] [--runs 3]
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { kubeconfig, withSolvedTp4 } from './solved-tp4.mjs';

const { values: args } = parseArgs({ options: { students: { type: 'string', default: '300' }, runs: { type: 'string', default: '3' } } });
const STUDENTS = Number(args.students);
const RUNS = Number(args.runs);
const say = (text) => process.stderr.write(`[bench] ${text}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const gradeOnce = (folder, output, label) =>
  new Promise((done) => {
    const rssFile = join(output, `rss-${label}`);
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', resolve('bench/max-rss.mjs'), 'bin/tp.js', 'grade', 'tp4', '--submissions', folder, '--output', join(output, label), '--format', 'json,csv'], {
      env: { ...process.env, TP_BENCH_RSS_FILE: rssFile, LANG: 'en_US.UTF-8' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      const grades = JSON.parse(readFileSync(join(output, label, 'grades.json'), 'utf8'));
      done({ code, wallMs, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, graded: grades.summary.graded });
    });
  });

await withSolvedTp4('tp-bench-submit', async ({ namespace, answers }) => {
  const work = mkdtempSync(join(tmpdir(), 'tp-bench-submissions-'));
  const one = join(work, 'submission_tp4.json.gz');
  const submitStarted = performance.now();
  // Exit 1: the HTTP checks fail (nothing plays the app here), the file is written all the same.
  const submitted = spawnSync('node', ['bin/tp.js', 'submit', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--output', one, '--http-via', 'nodeport', '--timeout', '1'], { encoding: 'utf8' });
  if (submitted.status !== 0 && submitted.status !== 1) throw new Error(`tp submit: ${submitted.stderr}`);
  const submitMs = performance.now() - submitStarted;
  const folder = join(work, 'submissions');
  for (let i = 0; i < STUDENTS; i += 1) {
    mkdirSync(join(folder, `student-${i}`), { recursive: true });
    copyFileSync(one, join(folder, `student-${i}`, 'submission_tp4.json.gz'));
  }
  say(`${STUDENTS} copies of one submission in ${folder}`);
  const runs = [];
  for (let run = 0; run < RUNS; run += 1) {
    runs.push(await gradeOnce(folder, work, `run-${run}`));
    say(`run ${run + 1}: ${(runs.at(-1).wallMs / 1000).toFixed(2)} s`);
  }
  const size = statSync(one).size;
  const json = gunzipSync(readFileSync(one)).length;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.split(' ')[0]}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}\n`);
  console.log('| measure | value |\n| --- | --- |');
  console.log(`| tp submit 4 (whole process, HTTP to a closed node port) | ${(submitMs / 1000).toFixed(2)} s |`);
  console.log(`| one submission file (solved TP4) | ${(size / 1024).toFixed(1)} KiB gzip, ${(json / 1024).toFixed(0)} KiB JSON |`);
  console.log(`| tp grade --submissions, ${STUDENTS} students, wall time (median of ${RUNS}) | ${(median(runs.map((r) => r.wallMs)) / 1000).toFixed(2)} s (runs: ${runs.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')} s) |`);
  console.log(`| peak memory (max RSS) | ${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB |`);
  console.log(`| students graded / exit code | ${runs[0].graded} / ${runs[0].code} |`);
});
