// A slow or hung API server, played by a delaying proxy on 127.0.0.1 in front
// of the local one, and an app that never answers. `--timeout` bounds every
// API request (retries included) and every HTTP check; `--student-timeout`
// bounds one student of `tp grade`; within the bounds the grade is the same.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import { createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { startFarProxy } from '../../bench/far-proxy.mjs';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { silentApp, solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import type { Report } from '../../src/engine/types.js';

const kubeconfig = testKubeconfigPath();
const kc = makeKubeConfig();
const work = mkdtempSync(join(tmpdir(), 'tp-slow-api-'));
const proxied = join(work, 'proxied.kubeconfig');
let alice: SolvedTp4 | undefined;
let carol: SolvedTp4 | undefined;
let proxy: FaultProxy | undefined;

const answersFor = (name: string, config: string): string => {
  const file = join(work, 'answers', name);
  writeFileSync(file, answersFileText(tp4Answers(config)));
  return file;
};

const timed = async <T>(work: Promise<T>) => {
  const started = Date.now();
  const result = await work;
  return { ...result, ms: Date.now() - started };
};

const check = (config: string, timeoutSeconds: number) =>
  timed(
    runTp(['check', '4', '--kubeconfig', config, '-n', alice?.namespace ?? '', '--answers', answersFor('check', config), '--http-via', 'nodeport', '--timeout', String(timeoutSeconds), '--format', 'json']),
  );

const statuses = (report: Report) => report.exercises.flatMap((e) => e.checks).filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.status}`);

beforeAll(async () => {
  mkdirSync(join(work, 'answers'));
  // Carol's app hangs: it accepts connections and never answers.
  [alice, carol] = await Promise.all([solvedTp4Namespace('slow-api-alice', kc), solvedTp4Namespace('slow-api-carol', kc, silentApp)]);
  proxy = await startFaultProxy(kubeconfig);
  proxy.writeKubeconfig(kubeconfig, proxied);
});

afterAll(async () => {
  await proxy?.stop();
  await Promise.all([alice?.remove(), carol?.remove()]);
});

describe('tp check through a slow API server', () => {
  it('300 ms on every request: the same grade, exit 0', async () => {
    if (proxy) proxy.delayMs = 300;
    const run = await check(proxied, 5);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(statuses(JSON.parse(run.stdout) as Report)).toEqual([]);
    expect(run.ms).toBeGreaterThanOrEqual(300);
  });

  it('1.5 s on every request: a timeout with --timeout 1, graded with --timeout 4', async () => {
    if (proxy) proxy.delayMs = 1500;
    const short = await check(proxied, 1);
    expect(short.exitCode).toBe(2);
    expect(short.stderr).toMatch(/no answer from https:\/\/127\.0\.0\.1:\d+ within 1 s \(see --timeout\)/);
    const long = await check(proxied, 4);
    expect(long.exitCode, long.stderr).toBe(0);
  });

  it.each([1, 3])('an API server that never answers: --timeout %i gives up after that long, exit 2, with what to try', async (seconds) => {
    if (proxy) proxy.delayMs = 600_000;
    const run = await check(proxied, seconds);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`within ${seconds} s \\(see --timeout\\)`));
    expect(run.stderr).toMatch(/minikube start|kind create cluster/);
    expect(run.stderr).toContain('kubectl config current-context');
    expect(run.ms).toBeGreaterThanOrEqual(seconds * 1000 - 50);
    expect(run.ms).toBeLessThan(seconds * 1000 + 2000);
  });
});

describe('tp check of a cluster far away', () => {
  it('a round trip of 50 ms: the same grade, its LISTs together on one connection (one round trip for them, not one each)', async () => {
    const upstream = Number(new URL(/server: (\S+)/.exec(readFileSync(kubeconfig, 'utf8'))?.[1] ?? '').port);
    const far = await startFarProxy(upstream, 25);
    try {
      const config = join(work, 'far.kubeconfig');
      writeFileSync(config, readFileSync(kubeconfig, 'utf8').replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://127.0.0.1:${far.port}`));
      const run = await timed(
        runTp(['check', '4', '--kubeconfig', config, '-n', alice?.namespace ?? '', '--answers', answersFor('far', config), '--http-via', 'nodeport', '--timeout', '5', '--format', 'json'], {
          env: { LANG: 'en_US.UTF-8', NO_COLOR: '1', TP_STATS: '1' },
        }),
      );
      expect(run.exitCode, run.stderr).toBe(0);
      expect(statuses(JSON.parse(run.stdout) as Report)).toEqual([]);
      expect(run.stderr).toMatch(/^tp: 7 API requests, 1 connection,/m);
    } finally {
      await far.stop();
    }
  });
});

describe('tp check of a cluster far away, a namespace of megabytes', () => {
  it('6 MB of ConfigMaps 50 ms away are read within a 3 s --timeout (64 KiB per round trip would take 4.8 s)', async () => {
    const namespace = await createTestNamespace('tp-far-big');
    const upstream = Number(new URL(/server: (\S+)/.exec(readFileSync(kubeconfig, 'utf8'))?.[1] ?? '').port);
    const far = await startFarProxy(upstream, 25);
    try {
      const core = kc.makeApiClient(CoreV1Api);
      // Six ConfigMaps of 1 MB each (an API object's limit is about 1.5 MB).
      for (let i = 0; i < 6; i += 1) {
        await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: `big-${i}` }, data: { blob: 'x'.repeat(1_000_000) } } });
      }
      const config = join(work, 'far-big.kubeconfig');
      writeFileSync(config, readFileSync(kubeconfig, 'utf8').replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://127.0.0.1:${far.port}`));
      const run = await runTp(['check', '4', '--kubeconfig', config, '-n', namespace, '--answers', answersFor('far-big', config), '--http-via', 'nodeport', '--timeout', '3', '--format', 'json'], {
        env: { LANG: 'en_US.UTF-8', NO_COLOR: '1' },
      });
      // Graded (the namespace is no solution: exit 1), not cut off (exit 2, "no answer … within 3 s").
      expect(run.stderr).not.toMatch(/within 3 s/);
      expect(run.exitCode, run.stderr).toBe(1);
      const report = JSON.parse(run.stdout) as Report;
      expect(statuses(report).filter((status) => status.endsWith(':error'))).toEqual([]);
    } finally {
      await far.stop();
      await deleteNamespace(namespace);
    }
  });
});

describe('tp grade: --timeout and --student-timeout', () => {
  const grade = (name: string, students: string, ...options: string[]) => {
    const cohort = join(work, `${name}.yaml`);
    writeFileSync(cohort, `lab: tp4\ndefaults: { kubeconfig: ${kubeconfig} }\nstudents:\n${students}`);
    const out = join(work, name);
    return timed(runTp(['grade', 'tp4', '--cohort', cohort, '--output', out, '--http-via', 'nodeport', ...options]).then((run) => ({ ...run, out })));
  };
  const gradesOf = (out: string) =>
    (JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8')) as { students: Array<{ id: string; status: string; reason?: string; report?: Report }> }).students;

  it('a hung API server and a hung app cost one --timeout each; the others are graded', async () => {
    if (proxy) proxy.delayMs = 600_000;
    const run = await grade(
      'hung',
      [
        `  - { id: alice, namespace: ${alice?.namespace}, answers: ${answersFor('alice', kubeconfig)}, facts: { namespace: default } }`,
        `  - { id: bob, kubeconfig: ${proxied}, namespace: ${alice?.namespace}, answers: ${answersFor('bob', proxied)} }`,
        `  - { id: carol, namespace: ${carol?.namespace}, answers: ${answersFor('carol', kubeconfig)}, facts: { namespace: default } }`,
        '',
      ].join('\n'),
      '--timeout', '1', '--student-timeout', '30',
    );
    expect(run.exitCode).toBe(2);
    const [graded, hung, silent] = gradesOf(run.out);
    expect(graded?.status).toBe('graded');
    expect(statuses(graded?.report as Report)).toEqual([]);
    expect(hung).toMatchObject({ id: 'bob', status: 'error', reason: expect.stringMatching(/no answer from https:\/\/127\.0\.0\.1:\d+ within 1 s/) });
    // The app does not answer: its HTTP checks fail after 1 s, the rest of carol's work is graded.
    expect(silent?.status).toBe('graded');
    expect(statuses(silent?.report as Report)).toEqual(['http-hello:fail', 'http-config:fail']);
    expect(silent?.report?.exercises.flatMap((e) => e.checks).find((c) => c.id === 'http-hello')).toMatchObject({ messageId: 'http.timeout', message: expect.stringContaining('no answer within 1 s') });
    expect(run.ms).toBeLessThan(8000);
  });

  it('a student slower than --student-timeout is in error with the reason; the others are graded', async () => {
    const run = await grade(
      'student-timeout',
      [
        `  - { id: alice, namespace: ${alice?.namespace}, answers: ${answersFor('alice', kubeconfig)}, facts: { namespace: default } }`,
        `  - { id: carol, namespace: ${carol?.namespace}, answers: ${answersFor('carol', kubeconfig)}, facts: { namespace: default } }`,
        '',
      ].join('\n'),
      '--timeout', '20', '--student-timeout', '2',
    );
    expect(run.exitCode).toBe(2);
    const [graded, slow] = gradesOf(run.out);
    expect(graded?.status).toBe('graded');
    expect(slow).toMatchObject({ id: 'carol', status: 'error', reason: 'not graded within 2 s (see --student-timeout)' });
    expect(run.stderr).toContain('carol');
    expect(run.ms).toBeLessThan(7000);
  });
});
