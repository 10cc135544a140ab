// A student's TP4 namespace on the real local cluster, checked with `tp check 4`
// as the student runs it. A stand-in server on 127.0.0.1:<nodePort> plays the app.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, startStandInServer, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers, tp4Manifests } from '../support/tp4-solution.js';
import type { Report } from '../../src/engine/types.js';

const kubeconfig = testKubeconfigPath();
const execFileAsync = promisify(execFile);
const workDir = mkdtempSync(join(tmpdir(), 'tp4-check-'));
let namespace = '';
let nodePort = 0;
let stopServer: (() => Promise<void>) | undefined;

const writeAnswers = (name: string, overrides: Record<string, string> = {}, raw?: string | Buffer): string => {
  const file = join(workDir, name);
  writeFileSync(file, raw ?? answersFileText(tp4Answers(kubeconfig, overrides)));
  return file;
};

const check = (answersFile: string, ...extra: string[]) =>
  runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answersFile, '--http-via', 'nodeport', '--timeout', '2', ...extra]);

const checkJson = async (answersFile: string, ...extra: string[]) => {
  const run = await check(answersFile, '--format', 'json', ...extra);
  return { ...run, report: JSON.parse(run.stdout) as Report };
};

const statusOf = (report: Report, id: string) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id);
const failedExercises = (report: Report) => report.exercises.filter((e) => !e.passed).map((e) => e.id);

beforeAll(async () => {
  const kc = makeKubeConfig();
  namespace = await createTestNamespace('tp4-check', kc);
  await applyManifests(namespace, tp4Manifests(), kc);
  const apps = kc.makeApiClient(AppsV1Api);
  await waitFor(async () => (await apps.readNamespacedDeployment({ name: 'kubernetes-app', namespace })).status?.readyReplicas === 2, 60_000, '2 ready replicas');
  const service = await kc.makeApiClient(CoreV1Api).readNamespacedService({ name: 'kubernetes-app', namespace });
  nodePort = service.spec?.ports?.[0]?.nodePort ?? 0;
  stopServer = await startStandInServer(nodePort, { '/': 'Hello Kubernetes!\n', '/config': 'Hello from ConfigMap' });
  // EndpointSlices follow the pods by a moment.
  await waitFor(async () => statusOf((await checkJson(writeAnswers('probe'))).report, 'scale-endpoints')?.status === 'pass', 30_000, 'endpoints');
});

afterAll(async () => {
  await stopServer?.();
  await deleteNamespace(namespace);
});

describe('tp check 4 on a solved namespace', () => {
  it('passes every check, exit 0, JSON as SPEC says', async () => {
    const { exitCode, report } = await checkJson(writeAnswers('solved'));
    const notPassed = report.exercises.flatMap((e) => e.checks).filter((c) => c.status !== 'pass');
    expect(notPassed).toEqual([]);
    expect(exitCode).toBe(0);
    expect(report.lab).toBe('tp4');
    expect(report.score).toBe(report.maxScore);
    expect(report.target.namespace).toBe(namespace);
    expect(report.exercises.map((e) => e.id)).toEqual(['contexts', 'labels', 'nodes', 'deploy', 'expose', 'scale', 'configmap']);
  });

  it('costs the API server 7 requests on one connection (one TLS handshake, as kubectl), one LIST per kind TP4 grades (no Events: nothing failed to be explained), and no discovery (its kinds are Kubernetes\' own)', async () => {
    const { exitCode, stderr } = await runTp(
      ['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', writeAnswers('counted'), '--http-via', 'nodeport', '--format', 'json'],
      // A home with a cache folder, to show that not even a cached discovery is read.
      { env: { LANG: 'en_US.UTF-8', NO_COLOR: '1', TP_STATS: '1' }, homeDir: workDir },
    );
    expect(exitCode).toBe(0);
    // HTTP checks go to the node port, not through the API server.
    expect(stderr).toMatch(/^tp: 7 API requests, 1 connection, \d+ answer hash(es)? derived, \d+ ms$/m);
    expect(existsSync(join(workDir, '.cache', 'tp', 'discovery'))).toBe(false);
  });

  it('derives a hashed answer once: the next check of the same answer takes its verdict from the user cache folder, right or wrong', async () => {
    // Each check a process of its own, as a student's are (one process remembers its verdicts anyway);
    // not spawnSync: the stand-in app of this file answers the HTTP checks from this process.
    const home = mkdtempSync(join(tmpdir(), 'tp4-check-home-'));
    const derived = async (answersFile: string, env: Record<string, string> = {}) => {
      // A failed check exits 1: its output is read all the same.
      const run: { stdout: string; stderr: string } = await execFileAsync(
        process.execPath,
        ['bin/tp.js', 'check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answersFile, '--http-via', 'nodeport', '--format', 'json'],
        { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home, LANG: 'en_US.UTF-8', TP_STATS: '1', ...env } },
      ).catch((failed: { code?: number; stdout: string; stderr: string }) => (failed.code === 1 ? failed : Promise.reject(failed)));
      const report = JSON.parse(run.stdout) as Report;
      return { count: Number(/(\d+) answer hash(?:es)? derived/.exec(run.stderr)?.[1]), answer8: statusOf(report, 'answer8-replicaset')?.status };
    };
    // Answer8 is the one hashed answer of TP4; four spellings are accepted, the right one is the first tried.
    const right = writeAnswers('kept-right');
    expect(await derived(right)).toEqual({ count: 1, answer8: 'pass' });
    expect(await derived(right)).toEqual({ count: 0, answer8: 'pass' });
    const wrong = writeAnswers('kept-wrong', { Answer8: 'Deployment' });
    expect(await derived(wrong)).toEqual({ count: 4, answer8: 'fail' });
    expect(await derived(wrong)).toEqual({ count: 0, answer8: 'fail' });
    // TP_CACHE=off: what a first run costs, every time.
    expect(await derived(right, { TP_CACHE: 'off' })).toEqual({ count: 1, answer8: 'pass' });
  });

  it('prints the target first, then every exercise with ✔, in French by default from LANG', async () => {
    const { stdout, exitCode } = await runTp(
      ['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', writeAnswers('solved-fr'), '--http-via', 'nodeport'],
      { env: { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' } },
    );
    expect(exitCode).toBe(0);
    const lines = stdout.split('\n');
    const contextLine = lines.findIndex((l) => l.includes('Contexte'));
    const firstExercise = lines.findIndex((l) => l.includes("Contexte d'utilisation"));
    expect(contextLine).toBeGreaterThanOrEqual(0);
    expect(contextLine).toBeLessThan(firstExercise);
    expect(stdout).toContain(namespace);
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('speaks English with --lang en', async () => {
    const { stdout } = await check(writeAnswers('solved-en'), '--lang', 'en');
    expect(stdout).toContain('Deploying kubernetes-app');
    expect(stdout).not.toContain('Déploiement');
  });

  it('never prints the value of the regsec Secret, in any format', async () => {
    const file = writeAnswers('secret');
    for (const format of ['pretty', 'json', 'junit', 'github']) {
      const { stdout } = await check(file, '--format', format);
      expect(stdout).not.toContain('S3cr3t-Regsec-Pa55');
      expect(stdout).not.toContain('c3R1ZGVudDpTM2NyM3QtUmVnc2VjLVBhNTU=');
      expect(stdout).not.toContain(Buffer.from('S3cr3t-Regsec-Pa55').toString('base64'));
    }
  });
});

describe('answers a student gets wrong', () => {
  it('a wrong context count fails only the contexts exercise, exit 1', async () => {
    const { exitCode, report } = await checkJson(writeAnswers('ctx', { Answer1: '42' }));
    expect(exitCode).toBe(1);
    expect(failedExercises(report)).toEqual(['contexts']);
    expect(statusOf(report, 'answer1-context-count')?.messageId).toBe('answer.wrong-contexts');
  });

  it('a wrong namespace answer fails answer3 with the context named', async () => {
    const { report } = await checkJson(writeAnswers('ns', { Answer3: 'kube-system' }));
    expect(failedExercises(report)).toEqual(['contexts']);
    expect(statusOf(report, 'answer3-namespace')?.message).toContain('kube-system');
  });

  it('"Deployment" is not the resource that recreated the pods', async () => {
    const { report } = await checkJson(writeAnswers('rs', { Answer8: 'Deployment' }));
    expect(failedExercises(report)).toEqual(['scale']);
    expect(statusOf(report, 'answer8-replicaset')?.status).toBe('fail');
  });

  it.each(['rs', 'replica set', ' ReplicaSet ', 'replicasets'])('accepts %j for Answer8', async (answer) => {
    const { report } = await checkJson(writeAnswers('rs-ok', { Answer8: answer }));
    expect(statusOf(report, 'answer8-replicaset')?.status).toBe('pass');
  });

  it.each(['country=fr', 'country==fr', 'country in (fr)', ' country = fr ', 'kubectl get cm -l country=fr'])('accepts the selector %j for Answer4', async (answer) => {
    const { report } = await checkJson(writeAnswers('sel', { Answer4: answer }));
    expect(statusOf(report, 'answer4-country-fr')?.status).toBe('pass');
  });

  it('a selector missing a condition fails Answer5 and says what it selects', async () => {
    const { report } = await checkJson(writeAnswers('sel5', { Answer5: 'version=1.1' }));
    const result = statusOf(report, 'answer5-version-and-country');
    expect(result?.status).toBe('fail');
    expect(result?.message).toContain('cm3');
    expect(failedExercises(report)).toEqual(['labels']);
  });

  it('an invalid selector fails with the parser reason', async () => {
    const { report } = await checkJson(writeAnswers('bad', { Answer4: 'country in fr' }));
    const result = statusOf(report, 'answer4-country-fr');
    expect(result?.messageId).toBe('selector.invalid');
    expect(result?.message).toMatch(/expected "\("/);
  });

  it('a node selector that keeps the control-plane node fails the nodes exercise', async () => {
    const { report } = await checkJson(writeAnswers('nodes', { Answer7: 'kubernetes.io/os=linux' }));
    expect(failedExercises(report)).toEqual(['nodes']);
    expect(statusOf(report, 'answer7-worker-nodes')?.message).toContain('tp-control-plane');
  });

  it('"<fix me>" is "not answered", a fail and not an error', async () => {
    const { exitCode, report } = await checkJson(writeAnswers('fixme', { Answer2: '<fix me>' }));
    expect(exitCode).toBe(1);
    const result = statusOf(report, 'answer2-server-host');
    expect(result?.status).toBe('fail');
    expect(result?.messageId).toBe('engine.not-answered');
  });
});

describe('answers files and clusters that cannot be read', () => {
  it('tolerates CRLF, a BOM and a trailing comma, with a warning naming the line', async () => {
    const text = `\uFEFF${answersFileText(tp4Answers(kubeconfig)).replace(/"\n}/, '",\n}').replace(/\n/g, '\r\n')}`;
    const { exitCode, report } = await checkJson(writeAnswers('crlf', {}, text));
    expect(exitCode).toBe(0);
    expect(report.warnings.join('\n')).toMatch(/line \d+/);
  });

  it('binary garbage is exit 2 with the line, and no report', async () => {
    const { exitCode, stdout, stderr } = await check(writeAnswers('garbage', {}, Buffer.from([0x7b, 0x0a, 0xff, 0xfe, 0x00, 0x01, 0x0a])));
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/garbage:\d+/);
  });

  it('a namespace that does not exist is said so, not graded as an idle student in silence', async () => {
    const { stdout } = await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', `${namespace}-typo`, '--answers', writeAnswers('typo'), '--http-via', 'nodeport']);
    expect(stdout).toContain(`namespace ${namespace}-typo does not exist`);
  });

  it('a missing answers file is exit 2 and says how to create it', async () => {
    const { exitCode, stderr } = await check(join(workDir, 'nope', 'answers_tp4'));
    expect(exitCode).toBe(2);
    expect(stderr).toContain('tp init');
  });

  it('an unreachable cluster is exit 2 with what to try, within the timeout', async () => {
    const dead = join(workDir, 'dead-kubeconfig');
    writeFileSync(dead, [
      'apiVersion: v1', 'kind: Config', 'current-context: dead',
      'clusters: [{name: dead, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]',
      'users: [{name: dead, user: {token: x}}]',
      'contexts: [{name: dead, context: {cluster: dead, user: dead}}]', '',
    ].join('\n'));
    const started = Date.now();
    const { exitCode, stdout, stderr } = await runTp(['check', '4', '--kubeconfig', dead, '--answers', writeAnswers('dead'), '--timeout', '2']);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/kind create cluster|minikube start/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('HTTP checks through the service proxy', () => {
  it('on simulated nodes, --http-via proxy skips them with the reason, never dialling a pod', async () => {
    const { exitCode, report } = await checkJson(writeAnswers('proxy'), '--http-via', 'proxy');
    const http = report.exercises.flatMap((e) => e.checks).filter((c) => c.id.startsWith('http-'));
    expect(http.map((c) => c.status)).toEqual(['skip', 'skip']);
    expect(http[0]?.message).toContain('KWOK');
    expect(exitCode).toBe(0);
  });
});

describe('HTTP checks through the node port', () => {
  it('a wrong body is a fail that shows what was received', async () => {
    await stopServer?.();
    stopServer = await startStandInServer(nodePort, { '/': 'Bonjour\n', '/config': 'Hello from ConfigMap' });
    const { report } = await checkJson(writeAnswers('http-body'));
    const result = statusOf(report, 'http-hello');
    expect(result?.status).toBe('fail');
    expect(result?.message).toContain('Bonjour');
  });

  it('nothing listening is a fail "connection refused", not an error', async () => {
    await stopServer?.();
    stopServer = undefined;
    const { exitCode, report } = await checkJson(writeAnswers('http-refused'));
    expect(exitCode).toBe(1);
    expect(statusOf(report, 'http-hello')?.status).toBe('fail');
    expect(statusOf(report, 'http-hello')?.message).toContain('connection refused');
    expect(failedExercises(report)).toEqual(['expose', 'configmap']);
    stopServer = await startStandInServer(nodePort, { '/': 'Hello Kubernetes!\n', '/config': 'Hello from ConfigMap' });
  });
});
