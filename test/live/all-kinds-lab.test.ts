// A lab that reads the kinds a course teaches beyond TP4 — StatefulSet,
// DaemonSet, Job, CronJob, PersistentVolumeClaim, NetworkPolicy, Ingress,
// ServiceAccount, Role, RoleBinding, HorizontalPodAutoscaler (v2, and v1 read
// apart), PodDisruptionBudget — and a custom resource by plural, short name
// and Kind (fixtures/labs/all-kinds): it lints, `tp lab test` proves it on the
// real cluster, and a kind the cluster does not serve is an `error` naming it
// while the other checks are graded. The CRD is installed by this test (tp
// never writes one), in a group of its own so that runs never share it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ApiextensionsV1Api, KubernetesObjectApi, PatchStrategy, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import type { Report } from '../../src/engine/types.js';
import { loadLabFile } from '../../src/lab/load.js';
import { runLabTest } from '../../src/labtest/run-lab-test.js';
import { formatLabTestSummary } from '../../src/report/lab-test.js';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { kubectlPath } from '../support/installed-tp.js';
import { listPath } from '../../src/cluster/api-paths.js';
import { clusterKinds } from '../../src/discovery/cluster-kinds.js';
import { watchCheck } from '../../src/cli/watch/watch-check.js';

const run = promisify(execFile);

const kubeconfig = testKubeconfigPath();
const kc = makeKubeConfig();
const extensions = kc.makeApiClient(ApiextensionsV1Api);
const suffix = randomBytes(3).toString('hex');
const group = `stable-${suffix}.example.com`;
const dir = mkdtempSync(join(tmpdir(), 'tp-all-kinds-'));
const labFile = join(dir, 'lab.yaml');
const ownGroup = (text: string) => text.replaceAll('stable.example.com', group);
let crdName = '';
let namespace = '';

/** The lab as the fixture has it, or with more text at the end of its exercises. */
const writeLab = (file: string, extraExercise = '') => {
  const text = ownGroup(readFileSync('fixtures/labs/all-kinds/lab.yaml', 'utf8'));
  writeFileSync(file, text.replace('mutations:\n', `${extraExercise}mutations:\n`));
};

beforeAll(async () => {
  cpSync('fixtures/labs/all-kinds', dir, { recursive: true });
  writeLab(labFile);
  // The lab asks no questions: its answers file is empty.
  writeFileSync(join(dir, 'no-answers'), '{}\n');
  writeFileSync(join(dir, 'solution', 'manifests.yaml'), ownGroup(readFileSync('fixtures/labs/all-kinds/solution/manifests.yaml', 'utf8')));
  const crd = parse(ownGroup(readFileSync('fixtures/labs/all-kinds/crd.yaml', 'utf8'))) as V1CustomResourceDefinition;
  crdName = crd.metadata?.name ?? '';
  await extensions.createCustomResourceDefinition({ body: crd });
  await waitFor(async () => (await extensions.readCustomResourceDefinition({ name: crdName })).status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True'), 30_000, 'the CRD established');
  // A student's namespace with the reference solution in it.
  namespace = await createTestNamespace('all-kinds', kc);
  const manifests = (readFileSync(join(dir, 'solution', 'manifests.yaml'), 'utf8').split(/^---$/m)).map((doc) => parse(doc) as { kind: string; metadata: { name: string } });
  await applyManifests(namespace, manifests, kc);
}, 120_000);

afterAll(async () => {
  if (namespace) await deleteNamespace(namespace);
  if (crdName) await extensions.deleteCustomResourceDefinition({ name: crdName }).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const checkJson = async (file: string, ...extra: string[]) => {
  const run = await runTp(['check', file, '--kubeconfig', kubeconfig, '-n', namespace, '--format', 'json', '--answers', join(dir, 'no-answers'), ...extra]);
  return { ...run, report: JSON.parse(run.stdout || '{}') as Report };
};

describe('a lab of every kind', () => {
  it('lints: Kubernetes\' own kinds by any spelling, the custom resource by its group (its manifest a warning)', async () => {
    const run = await runTp(['lab', 'lint', 'fixtures/labs/all-kinds']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/solution\/manifests\.yaml:\d+:7 warning: CronTab nightly-report: CronTab \(stable\.example\.com\/v1\) is not a kind of Kubernetes itself/)]);
  });

  it('is proven by tp lab test: the solution scores 100 %, an empty namespace 0, each mutation fails its checks', async () => {
    const lab = await loadLabFile(labFile, checkKinds);
    const result = await runLabTest({
      lab,
      kubeconfig: loadKubeconfig({ kubeconfig, env: {}, homeDir: '/nonexistent-home' }),
      variables: {},
      httpVia: 'proxy',
      timeoutMs: 10_000,
      lang: 'en',
      now: () => new Date(),
      settleTimeoutMs: 90_000,
      concurrency: 4,
    });
    expect(result.ok, formatLabTestSummary(lab.id, result)).toBe(true);
    const [solution, empty] = result.verdicts;
    expect(solution?.report.score).toBe(16);
    expect(solution?.report.maxScore).toBe(16);
    expect(empty?.report.score).toBe(0);
    expect(result.provenByMutation).toEqual(result.checkIds);
  }, 600_000);

  it('tp check reads each kind once, the custom resource through one discovery request, then from the cache', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tp-all-kinds-home-'));
    const counted = async () => {
      const run = await runTp(['check', labFile, '--kubeconfig', kubeconfig, '-n', namespace, '--format', 'json', '--answers', join(dir, 'no-answers')], {
        env: { LANG: 'en_US.UTF-8', NO_COLOR: '1', TP_STATS: '1' },
        homeDir: home,
      });
      expect(run.exitCode, run.stderr).toBe(0);
      return Number(/^tp: (\d+) API requests/m.exec(run.stderr)?.[1]);
    };
    // 14 kinds (the HPA twice: v2 and v1), the CronTab's three names read once.
    expect(await counted()).toBe(15);
    expect(await counted()).toBe(14);
    rmSync(home, { recursive: true, force: true });
  });

  it('a kind the cluster does not serve is an error naming it, in French and English; the other checks are graded', async () => {
    const file = join(dir, 'with-unserved.yaml');
    const unserved = `widgets.unserved-${suffix}.example.com`;
    writeLab(file, `  - id: unserved\n    title: { fr: "Widgets", en: "Widgets" }\n    checks:\n      - id: widget\n        kind: resource\n        points: 1\n        title: { fr: "Widget w", en: "Widget w" }\n        params: { resource: ${unserved}, name: w }\n`);
    const { exitCode, report } = await checkJson(file);
    expect(exitCode).toBe(2);
    const checks = report.exercises.flatMap((e) => e.checks);
    expect(checks.find((c) => c.id === 'widget')).toMatchObject({
      status: 'error',
      messageId: 'engine.kind-not-served',
      message: `the cluster does not serve the kind "${unserved}" (a CRD not installed?): this check cannot be made`,
    });
    expect(checks.filter((c) => c.id !== 'widget' && c.status !== 'pass')).toEqual([]);
    const french = await checkJson(file, '--lang', 'fr');
    expect(french.report.exercises.flatMap((e) => e.checks).find((c) => c.id === 'widget')?.message).toBe(`le cluster ne sert pas le type « ${unserved} » (une CRD non installée ?) : cette vérification ne peut pas être faite`);
  });

  it('the custom resource by any spelling reads what kubectl reads (bare names too, through discovery)', async () => {
    const reader = loadKubeconfig({ kubeconfig, env: {}, homeDir: '/nonexistent-home' }).connection.reader({ timeoutMs: 10_000 });
    const names = ['ct', 'crontabs', 'crontab', 'CronTab', `ct.${group}`, `crontabs.${group}`, `CronTab.v1.${group}`, `crontabs.v1.${group}`];
    const resolved = await clusterKinds({ reader }).resolve(names);
    for (const name of names) {
      // A discovery cache of kubectl's own, empty: the one in ~/.kube may hold a CRD of an earlier run.
      const { stderr } = await run(kubectlPath(), ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kubectl-cache'), 'get', name, '-n', namespace, '-v=6', '--request-timeout=10s'], { maxBuffer: 16 * 1024 * 1024 });
      const asked = [...stderr.matchAll(/url="https:\/\/[^/]+([^"?]+)/g)].map((m) => m[1]).find((path) => path !== '/api' && path !== '/apis');
      const resolution = resolved.get(name);
      expect(resolution?.ok, name).toBe(true);
      if (resolution?.ok) expect(listPath(resolution.kind, namespace), name).toBe(asked);
    }
    // Qualified by its group, the name is this test's CRD whatever else the cluster holds.
    expect(resolved.get(`ct.${group}`)).toMatchObject({ ok: true, kind: { key: `crontabs.${group}` } });
  });

  it('tp grade reads the cluster once for all its students: one discovery for the cluster, reads that do not grow with students', async () => {
    const empty = await createTestNamespace('all-kinds-empty', kc);
    const home = mkdtempSync(join(tmpdir(), 'tp-all-kinds-grade-home-'));
    try {
      const grade = async (name: string, namespaces: string[]) => {
        const cohort = join(dir, `${name}.yaml`);
        const students = namespaces.map((ns, i) => `  - { id: s${i}, namespace: ${ns} }`).join('\n');
        writeFileSync(cohort, `lab: all-kinds\ndefaults: { kubeconfig: ${kubeconfig}, answers: no-answers }\nstudents:\n${students}\n`);
        const out = join(dir, name);
        const run = await runTp(['grade', labFile, '--cohort', cohort, '--output', out], { homeDir: home });
        expect(run.stderr).toContain(`${namespaces.length}/${namespaces.length} students graded, 0 in error`);
        return JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8')) as { run: { apiRequests: number }; students: Array<{ report?: Report }> };
      };
      const first = await grade('grades-first', [namespace, empty]);
      expect(first.students.map((s) => s.report?.score)).toEqual([16, 0]);
      // 14 cluster-wide LISTs (more when a kind holds more than a page on this shared cluster) and one discovery.
      expect(first.run.apiRequests).toBeGreaterThanOrEqual(15);
      // The next run finds the CronTab's kind in the cache; a third student costs no request.
      const second = await grade('grades-second', [namespace, empty]);
      const third = await grade('grades-third', [namespace, empty, namespace]);
      expect([second.run.apiRequests, third.run.apiRequests]).toEqual([first.run.apiRequests - 1, first.run.apiRequests - 1]);
    } finally {
      await deleteNamespace(empty);
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('tp check --watch re-checks when a custom resource changes', async () => {
    const watched = await createTestNamespace('all-kinds-watch', kc);
    const stop = new AbortController();
    try {
      const lab = await loadLabFile(labFile, checkKinds);
      const reports: Report[] = [];
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      const crontabStatus = (report: Report) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === 'crontab-plural')?.status;
      const finished = watchCheck(
        { lab, kubeconfig: { ...loadKubeconfig({ kubeconfig, env: {}, homeDir: '/nonexistent-home' }), namespace: watched }, answersFile: join(dir, 'no-answers'), variables: {}, httpVia: 'proxy', timeoutMs: 5000, lang: 'en', now: () => new Date() },
        () => '',
        { stdout: sink, stderr: sink, env: { NO_COLOR: '1' }, cwd: process.cwd(), homeDir: '/nonexistent-home', now: () => new Date() },
        { signal: stop.signal, onReport: (report) => reports.push(report) },
      );
      await waitFor(() => reports.length > 0, 20_000, 'the first check');
      expect(crontabStatus(reports[0] as Report)).toBe('fail');
      const cronTab = { apiVersion: `${group}/v1`, kind: 'CronTab', metadata: { name: 'nightly-report', namespace: watched, labels: { app: 'report' } }, spec: { cronSpec: '0 4 * * *', image: 'report:1.0' } };
      await applyManifests(watched, [cronTab], kc);
      // The watch opens once the kinds are resolved: a change made before that is not seen, so the CronTab is changed until one is.
      const objects = KubernetesObjectApi.makeApiClient(kc);
      let touch = 0;
      await waitFor(async () => {
        if (reports.some((r) => crontabStatus(r) === 'pass')) return true;
        touch += 1;
        await objects.patch({ ...cronTab, spec: { cronSpec: touch > 1 ? '0 3 * * *' : '0 4 * * *', image: 'report:1.0' } }, undefined, undefined, undefined, undefined, PatchStrategy.MergePatch);
        return false;
      }, 30_000, 'a re-check that sees the CronTab right', 1000);
      stop.abort();
      expect(await finished).toBe(1);
    } finally {
      stop.abort();
      await deleteNamespace(watched);
    }
  });

  it('tp snapshot says how each name resolved, and lists the custom resource', async () => {
    const run = await runTp(['snapshot', labFile, '--kubeconfig', kubeconfig, '-n', namespace]);
    expect(run.exitCode, run.stderr).toBe(0);
    const snapshot = JSON.parse(run.stdout) as { names: Record<string, unknown>; kinds: Record<string, { ok: boolean; items: Array<{ metadata: { name: string } }> }> };
    for (const name of [`crontabs.${group}`, `ct.${group}`, `CronTab.v1.${group}`]) {
      expect(snapshot.names[name]).toEqual({ ok: true, key: `crontabs.${group}`, kind: 'CronTab', namespaced: true });
    }
    expect(snapshot.names['HorizontalPodAutoscaler.v1.autoscaling']).toEqual({ ok: true, key: 'horizontalpodautoscalers.v1.autoscaling', kind: 'HorizontalPodAutoscaler', namespaced: true });
    expect(snapshot.kinds[`crontabs.${group}`]?.items.map((o) => o.metadata.name)).toEqual(['nightly-report']);
    expect(Object.keys(snapshot.kinds).sort()).toHaveLength(14);
  });
});
