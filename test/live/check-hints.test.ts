// Hints that climb, as a student lives them on the local cluster: `tp check 4`
// run again and again on a cm1 still missing shows the next hint each time, up
// to the command; `--hint N` asks for a level; `--watch` climbs once per failing
// episode, not at every refresh; a broken or planted state file is ignored.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { runTp } from '../support/run-cli.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { checkKinds } from '../../src/checks/index.js';
import { watchCheck } from '../../src/cli/watch/watch-check.js';
import { hintSession } from '../../src/cli/hint-session.js';
import { formatPretty } from '../../src/report/pretty.js';
import type { CheckResult, Report } from '../../src/engine/types.js';

const kubeconfig = testKubeconfigPath();
let namespace = '';
beforeAll(async () => {
  namespace = await createTestNamespace('tp-hints');
});
afterAll(() => deleteNamespace(namespace));

/** A student's folder: answers/answers_tp4 with the right answers. */
const studentFolder = (): { answers: string; state: string } => {
  const folder = join(mkdtempSync(join(tmpdir(), 'tp-hints-')), 'answers');
  mkdirSync(folder);
  const answers = join(folder, 'answers_tp4');
  writeFileSync(answers, answersFileText(tp4Answers(kubeconfig)));
  return { answers, state: join(folder, '.tp-hints_tp4.json') };
};

const checkOf = (report: Report, id: string): CheckResult | undefined => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id);

const check = async (answers: string, ...extra: string[]) => {
  const run = await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--format', 'json', '--lang', 'en', '--http-via', 'proxy', ...extra]);
  return { ...run, report: run.exitCode === 2 ? undefined : (JSON.parse(run.stdout) as Report) };
};

describe('tp check: the next hint each time the same check fails again', () => {
  it('climbs run after run, from the nudge to the command, and stays there', async () => {
    const { answers, state } = studentFolder();
    const levels: Array<number | undefined> = [];
    for (let run = 0; run < 4; run += 1) {
      const { exitCode, report } = await check(answers);
      expect(exitCode).toBe(1);
      levels.push(report && checkOf(report, 'cm1-labels')?.hintLevel);
    }
    expect(levels).toEqual([1, 2, 3, 3]);
    const last = await check(answers);
    expect(last.report && checkOf(last.report, 'cm1-labels')).toMatchObject({ status: 'fail', hint: 'kubectl label cm/cm1 version=1.0 country=fr', hintLevel: 3, hintCount: 3 });
    // What the student reads, in French.
    const pretty = await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--lang', 'fr', '--http-via', 'proxy']);
    expect(pretty.stdout).toContain('Indice 3/3 : kubectl label cm/cm1 version=1.0 country=fr');
    // The state lives beside the answers file.
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ version: 1, lab: 'tp4', levels: { 'cm1-labels': 3, 'scale-replicas': 3 } });
  });

  it('--hint N shows level N of every failing check, and counts it as read', async () => {
    const { answers, state } = studentFolder();
    const asked = await check(answers, '--hint', '2');
    expect(asked.report && checkOf(asked.report, 'cm1-labels')).toMatchObject({ hintLevel: 2, hint: 'kubectl label puts labels on an object that already exists (--overwrite to change a value).' });
    expect(asked.report && checkOf(asked.report, 'scale-replicas')?.hintLevel).toBe(2);
    // A check with a single hint shows it.
    expect(asked.report && checkOf(asked.report, 'cm2-labels')?.hint).toBe('kubectl label cm/cm2 version=1.0 country=uk');
    expect(JSON.parse(readFileSync(state, 'utf8')).levels['cm1-labels']).toBe(2);
    // Asking again for level 1 does not lower the count; the next plain run climbs on from 2.
    const lower = await check(answers, '--hint', '1');
    expect(lower.report && checkOf(lower.report, 'cm1-labels')?.hintLevel).toBe(1);
    expect(JSON.parse(readFileSync(state, 'utf8')).levels['cm1-labels']).toBe(2);
    const next = await check(answers);
    expect(next.report && checkOf(next.report, 'cm1-labels')?.hintLevel).toBe(3);
  });

  it('--hint 0 or a word is a usage error, exit 2, and no state is written', async () => {
    const { answers, state } = studentFolder();
    for (const level of ['0', 'two']) {
      const run = await check(answers, '--hint', level);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(`--hint ${level}: expected a hint level, a whole number from 1`);
    }
    expect(existsSync(state)).toBe(false);
  });

  it('a broken state file is ignored with a warning, then replaced; a planted link is neither read nor followed', async () => {
    const { answers, state } = studentFolder();
    writeFileSync(state, '{"version":1,"levels":{"cm1-labels":\u001b[2J');
    const broken = await check(answers);
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toContain('tp: hint state .tp-hints_tp4.json ignored (not valid JSON): hints start again from the first');
    expect(broken.stderr).not.toContain('\u001b');
    expect(broken.report && checkOf(broken.report, 'cm1-labels')?.hintLevel).toBe(1);
    expect(JSON.parse(readFileSync(state, 'utf8')).levels['cm1-labels']).toBe(1);

    const other = studentFolder();
    const victim = join(tmpdir(), `tp-hints-victim-${process.pid}.json`);
    writeFileSync(victim, 'not yours\n');
    symlinkSync(victim, other.state);
    const linked = await check(other.answers);
    expect(linked.exitCode).toBe(1);
    expect(linked.stderr).toContain('ignored (it is a symbolic link)');
    expect(linked.stderr).toContain('not saved');
    expect(readFileSync(victim, 'utf8')).toBe('not yours\n');
  });

  it('a check that passes keeps the count; failing again later climbs on', async () => {
    const { answers, state } = studentFolder();
    await check(answers);
    await check(answers);
    await applyManifests(namespace, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', labels: { version: '1.0', country: 'fr' } } }]);
    try {
      const passed = await check(answers);
      expect(passed.report && checkOf(passed.report, 'cm1-labels')?.status).toBe('pass');
      expect(JSON.parse(readFileSync(state, 'utf8')).levels['cm1-labels']).toBe(2);
    } finally {
      await makeKubeConfig().makeApiClient(CoreV1Api).deleteNamespacedConfigMap({ name: 'cm1', namespace });
    }
    const again = await check(answers);
    expect(again.report && checkOf(again.report, 'cm1-labels')?.hintLevel).toBe(3);
  });
});

describe('tp check --watch: one climb per failing episode', () => {
  it('a refresh while the check keeps failing shows the same hint; failing again after a pass climbs', async () => {
    const { answers } = studentFolder();
    const lab = await loadLabFile('labs/tp4/lab.yaml', checkKinds);
    const target = {
      lab,
      kubeconfig: { ...loadKubeconfig({ kubeconfig, env: {}, homeDir: '/nonexistent' }), namespace },
      answersFile: answers,
      variables: { registry: 'registry.example.org' },
      httpVia: 'proxy' as const,
      timeoutMs: 2000,
      lang: 'en' as const,
      now: () => new Date(),
    };
    const reports: Report[] = [];
    const waiters: Array<() => void> = [];
    const warnings: string[] = [];
    const stdout = new Writable({ write: (_chunk, _e, done) => done() });
    const stop = new AbortController();
    const finished = watchCheck(target, (report, color) => formatPretty(report, { color }), { stdout, stderr: stdout, env: { NO_COLOR: '1' }, cwd: process.cwd(), homeDir: '/nonexistent', now: () => new Date() }, {
      signal: stop.signal,
      hints: hintSession({ lab, answersFile: answers, lang: 'en', warn: (text) => warnings.push(text) }),
      onReport: (report) => {
        reports.push(report);
        for (const wake of waiters.splice(0)) wake();
      },
    });
    const next = (predicate: (report: Report) => boolean, after: number) =>
      new Promise<Report>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching re-check within 20 s')), 20_000);
        const look = () => {
          const found = reports.slice(after).find(predicate);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else waiters.push(look);
        };
        look();
      });
    try {
      const first = await next(() => true, 0);
      expect(checkOf(first, 'cm1-labels')?.hintLevel).toBe(1);
      // The student saves the answers file twice: two refreshes, cm1 still missing, still the first hint.
      for (const round of [1, 2]) {
        const seen = reports.length;
        writeFileSync(answers, `${readFileSync(answers, 'utf8')}${' '.repeat(round)}`);
        const refreshed = await next(() => true, seen);
        expect(checkOf(refreshed, 'cm1-labels')?.hintLevel).toBe(1);
      }
      // cm1 is made right: it passes…
      let seen = reports.length;
      await applyManifests(namespace, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', labels: { version: '1.0', country: 'fr' } } }]);
      await next((r) => checkOf(r, 'cm1-labels')?.status === 'pass', seen);
      // …then the student breaks it: a new failing episode, the next hint.
      seen = reports.length;
      await makeKubeConfig().makeApiClient(CoreV1Api).deleteNamespacedConfigMap({ name: 'cm1', namespace });
      const again = await next((r) => checkOf(r, 'cm1-labels')?.status === 'fail', seen);
      expect(checkOf(again, 'cm1-labels')?.hintLevel).toBe(2);
    } finally {
      stop.abort();
      await finished;
    }
    expect(warnings).toEqual([]);
  });
});
