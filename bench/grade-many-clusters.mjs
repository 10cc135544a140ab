// Benchmark of `tp grade` when every student has a cluster of their own, as a
// cohort of students' minikube or kind clusters is: one kubeconfig per student,
// each with its own user (a ServiceAccount token of the local cluster, bound to
// the read-only roles of deploy/rbac-readonly.yaml) and its own context, so tp
// sees as many clusters as students and reads each one apart (7 requests each).
// Graded in one process at several --concurrency, then the same cohort in 3
// shards side by side (`--shard i/3`, as an Indexed Job's pods would) and merged.
//
//   npm run build && node bench/grade-many-clusters.mjs [--students 300] [--concurrency 8,32] [--keep]
//
// The namespaces are grade-cohort.mjs's (tp-bench-<i>, reused when present);
// the users are ServiceAccounts of the namespace tp-bench-users.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { childrenCpuMs, clients, deleteCohort, ensureCohort, namespaceOf, pool, say, startStandIns, writeAnswers } from './bench-cohort.mjs';

const { values: args } = parseArgs({
  options: {
    students: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '8,32' },
    shards: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    kubeconfig: { type: 'string', default: process.env.TP_BENCH_KUBECONFIG || '.cache/cluster/kubeconfig' },
  },
});
const STUDENTS = Number(args.students);
const SHARDS = Number(args.shards);
const KUBECONFIG = resolve(args.kubeconfig);
const USERS = 'tp-bench-users';
const cluster = clients(KUBECONFIG);
const rbac = cluster.kc.makeApiClient(RbacAuthorizationV1Api);

/** deploy/rbac-readonly.yaml's two ClusterRoles, bound to every ServiceAccount of USERS; the roles this run made. */
const ensureReadOnlyUsers = async () => {
  const made = [];
  for (const role of readFileSync('deploy/rbac-readonly.yaml', 'utf8').split(/^---$/m).map((text) => parse(text))) {
    await rbac.createClusterRole({ body: role }).then(() => made.push(role.metadata.name), (error) => { if (error.code !== 409) throw error; });
    await rbac.createClusterRoleBinding({ body: {
      metadata: { name: `${USERS}-${role.metadata.name}`, labels: { 'tp.bench/cohort': 'users' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name },
      subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: `system:serviceaccounts:${USERS}` }],
    } }).catch((error) => { if (error.code !== 409) throw error; });
  }
  await cluster.core.createNamespace({ body: { metadata: { name: USERS, labels: { 'tp.bench/cohort': 'users' } } } }).catch((error) => { if (error.code !== 409) throw error; });
  return made;
};

/** One kubeconfig per student: the cluster's server and CA, a user and a context of their own. */
const writeKubeconfigs = async (dir) => {
  const admin = parse(readFileSync(KUBECONFIG, 'utf8'));
  const { server, 'certificate-authority-data': ca } = admin.clusters[0].cluster;
  mkdirSync(join(dir, 'kubeconfigs'), { recursive: true });
  mkdirSync(join(dir, 'answers'), { recursive: true });
  await pool(Array.from({ length: STUDENTS }, (_, i) => i), 16, async (i) => {
    const name = `student-${String(i).padStart(3, '0')}`;
    await cluster.core.createNamespacedServiceAccount({ namespace: USERS, body: { metadata: { name } } }).catch((error) => { if (error.code !== 409) throw error; });
    const { status } = await cluster.core.createNamespacedServiceAccountToken({ name, namespace: USERS, body: { spec: { expirationSeconds: 3600 } } });
    const namespace = namespaceOf(i);
    writeFileSync(join(dir, 'kubeconfigs', `${name}.yaml`), [
      'apiVersion: v1', 'kind: Config', `current-context: ${name}`,
      'clusters:', `- name: cluster-${name}`, '  cluster:', `    server: ${server}`, `    certificate-authority-data: ${ca}`,
      'users:', `- name: ${name}`, '  user:', `    token: ${status.token}`,
      'contexts:', `- name: ${name}`, '  context:', `    cluster: cluster-${name}`, `    user: ${name}`, `    namespace: ${namespace}`, '',
    ].join('\n'));
    writeAnswers(join(dir, 'answers', name), { contexts: 1, serverHost: new URL(server).hostname, namespace });
  });
  const students = Array.from({ length: STUDENTS }, (_, i) => `student-${String(i).padStart(3, '0')}`)
    .map((name) => `  - { id: ${name}, email: ${name}@example.org, kubeconfig: kubeconfigs/${name}.yaml, answers: answers/${name} }`);
  const file = join(dir, 'cohort.yaml');
  writeFileSync(file, `lab: tp4\nstudents:\n${students.join('\n')}\n`);
  return file;
};

/** tp grade with `extra` options, as its own process; wall time, peak memory, what the gradebook says. */
const grade = (cohort, output, extra, dir) =>
  new Promise((done) => {
    const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
    const started = process.hrtime.bigint();
    const cpuBefore = childrenCpuMs();
    const child = spawn(process.execPath, ['--import', resolve('bench/max-rss.mjs'), 'bin/tp.js', 'grade', 'tp4', '--cohort', cohort, '--output', output, '--http-via', 'nodeport', ...extra], {
      env: { ...process.env, TP_BENCH_RSS_FILE: rssFile, LANG: 'en_US.UTF-8' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('exit', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) say(`tp grade ${extra.join(' ')} exited ${code}: ${stderr.slice(-500)}`);
      const rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
      done({ code, wallMs, cpuMs: childrenCpuMs() - cpuBefore, rssMb, book: JSON.parse(readFileSync(join(output, 'grades.json'), 'utf8')) });
    });
  });

const main = async () => {
  say(`kubeconfig ${KUBECONFIG}; ${STUDENTS} students, a cluster (kubeconfig) each`);
  await ensureCohort(cluster, STUDENTS);
  const madeRoles = await ensureReadOnlyUsers();
  const stopStandIns = await startStandIns(cluster);
  const dir = mkdtempSync(join(tmpdir(), 'tp-bench-many-'));
  const rows = [];
  try {
    const cohort = await writeKubeconfigs(dir);
    const perfect = (book) => book.students.filter((s) => s.report && s.report.score === s.report.maxScore).length;
    for (const concurrency of args.concurrency.split(',').map(Number)) {
      const run = await grade(cohort, join(dir, `out-c${concurrency}`), ['--concurrency', String(concurrency)], dir);
      rows.push([`one process, --concurrency ${concurrency}`, run.wallMs, run.cpuMs, run.rssMb, run.book.run.apiRequests, run.book.run.clusters, perfect(run.book)]);
    }
    const started = process.hrtime.bigint();
    const cpuBefore = childrenCpuMs();
    const shards = await Promise.all(Array.from({ length: SHARDS }, (_, i) =>
      grade(cohort, join(dir, 'shards', String(i)), ['--shard', `${i + 1}/${SHARDS}`, '--concurrency', '8'], dir)));
    const merged = await new Promise((done) => spawn(process.execPath, ['bin/tp.js', 'grade', 'merge', join(dir, 'shards'), '--output', join(dir, 'merged')], { stdio: 'ignore' }).on('exit', done));
    const shardWall = Number(process.hrtime.bigint() - started) / 1e6;
    const shardCpu = childrenCpuMs() - cpuBefore;
    const book = JSON.parse(readFileSync(join(dir, 'merged', 'grades.json'), 'utf8'));
    rows.push([`${SHARDS} shards side by side (--concurrency 8 each) + merge`, shardWall, shardCpu, Math.max(...shards.map((s) => s.rssMb)), book.run.apiRequests, book.run.clusters, perfect(book)]);
    if (merged !== 0) say(`tp grade merge exited ${merged}`);
    const lines = [
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, load average at the end ${loadavg()[0].toFixed(1)}`,
      '',
      `| ${STUDENTS} students, a kubeconfig (user, context) each | wall | CPU (user + system) | peak memory (max RSS, per process) | API requests | clusters | full marks |`,
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map(([name, wall, cpu, rss, requests, clusters, full]) => `| ${name} | ${(wall / 1000).toFixed(2)} s | ${(cpu / 1000).toFixed(2)} s | ${rss.toFixed(0)} MB | ${requests} | ${clusters} | ${full} / ${STUDENTS} |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await stopStandIns();
    if (!args.keep) {
      await cluster.core.deleteNamespace({ name: USERS }).catch(() => {});
      for (const role of ['tp-readonly', 'tp-readonly-nodes']) await rbac.deleteClusterRoleBinding({ name: `${USERS}-${role}` }).catch(() => {});
      for (const role of madeRoles) await rbac.deleteClusterRole({ name: role }).catch(() => {});
      await deleteCohort(cluster);
    }
  }
};

await main();
