// tp check --watch on the local cluster: a resource created while watching
// turns its check green, and saving the answers file re-checks too.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyManifests, createTestNamespace, deleteNamespace, testKubeconfigPath } from '../support/cluster.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { checkKinds } from '../../src/checks/index.js';
import { watchCheck } from '../../src/cli/watch/watch-check.js';
import { formatPretty } from '../../src/report/pretty.js';
import type { Report } from '../../src/engine/types.js';

let namespace = '';
beforeAll(async () => {
  namespace = await createTestNamespace('tp-watch');
});
afterAll(async () => {
  await deleteNamespace(namespace);
});

const statusOf = (report: Report, id: string) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id)?.status;

interface WatchHarness {
  nextReport(predicate: (report: Report) => boolean): Promise<Report>;
  reportCount(): number;
  stop(): Promise<number>;
  printed(): string;
}

/** Starts `tp check 4 --watch` on the test namespace, through `kubeconfigFile`. */
const startWatch = async (kubeconfigFile: string, answersFile: string): Promise<WatchHarness> => {
  const lab = await loadLabFile('labs/tp4/lab.yaml', checkKinds);
  const kubeconfig = { ...loadKubeconfig({ kubeconfig: kubeconfigFile, env: {}, homeDir: '/nonexistent' }), namespace };
  const reports: Report[] = [];
  const waiters: Array<() => void> = [];
  let printed = '';
  const stdout = new Writable({ write: (chunk, _e, done) => { printed += String(chunk); done(); } });
  const stop = new AbortController();
  const finished = watchCheck(
    { lab, kubeconfig, answersFile, variables: { registry: 'registry.example.org' }, httpVia: 'nodeport', timeoutMs: 2000, lang: 'en', now: () => new Date() },
    (report, color) => formatPretty(report, { color }),
    { stdout, stderr: stdout, env: { NO_COLOR: '1' }, cwd: process.cwd(), homeDir: '/nonexistent', now: () => new Date() },
    {
      signal: stop.signal,
      onReport: (report) => {
        reports.push(report);
        for (const wake of waiters.splice(0)) wake();
      },
    },
  );
  return {
    nextReport: (predicate) =>
      new Promise<Report>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching re-check within 20 s')), 20_000);
        const look = () => {
          const found = reports.find(predicate);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else waiters.push(look);
        };
        look();
      }),
    reportCount: () => reports.length,
    stop: () => {
      stop.abort();
      return finished;
    },
    printed: () => printed,
  };
};

const answersFileFor = (kubeconfigFile: string, overrides: Record<string, string>) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tp-watch-')), 'answers_tp4');
  writeFileSync(file, answersFileText(tp4Answers(kubeconfigFile, overrides)));
  return file;
};

const configMap = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels } });

it('re-checks when the cluster changes and when the answers file is saved', async () => {
  const kubeconfigFile = testKubeconfigPath();
  const answersFile = answersFileFor(kubeconfigFile, { Answer8: '<fix me>' });
  const watch = await startWatch(kubeconfigFile, answersFile);

  const first = await watch.nextReport(() => true);
  expect(statusOf(first, 'cm1-labels')).toBe('fail');

  // The student creates cm1 with its labels: the watch sees it, no Enter needed.
  await applyManifests(namespace, [configMap('cm1', { version: '1.0', country: 'fr' })]);
  await watch.nextReport((r) => statusOf(r, 'cm1-labels') === 'pass');

  // The student saves the answers file with Answer8 filled in.
  writeFileSync(answersFile, answersFileText(tp4Answers(kubeconfigFile, { Answer8: 'ReplicaSet' })));
  await watch.nextReport((r) => statusOf(r, 'answer8-replicaset') === 'pass');

  expect(await watch.stop()).toBe(1);
  expect(watch.printed()).toContain('Ctrl-C');
});

it('survives watches that drop: re-lists, re-opens them and keeps reacting', async () => {
  const proxy = await startFaultProxy(testKubeconfigPath());
  const kubeconfigFile = join(mkdtempSync(join(tmpdir(), 'tp-watch-')), 'kubeconfig');
  proxy.writeKubeconfig(testKubeconfigPath(), kubeconfigFile);
  const watch = await startWatch(kubeconfigFile, answersFileFor(kubeconfigFile, {}));
  try {
    await watch.nextReport(() => true);
    const before = watch.reportCount();
    // A network blip cuts every watch; tp re-checks at once (nothing missed in between)…
    proxy.cutConnections();
    await watch.nextReport(() => watch.reportCount() > before);
    // …and re-opens the watches, which see what the student does next.
    await new Promise((settled) => setTimeout(settled, 2500));
    await applyManifests(namespace, [configMap('cm2', { version: '1.0', country: 'uk' })]);
    await watch.nextReport((r) => statusOf(r, 'cm2-labels') === 'pass');
  } finally {
    await watch.stop();
    await proxy.stop();
  }
});
