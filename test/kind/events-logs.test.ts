// `events` and `logs` on real pods: the kubelet's own Events (an image that
// cannot be pulled: Failed, BackOff; a liveness probe that fails: Unhealthy,
// Killing) and real containers' logs (the running instance, the instance
// before a crash, a container that never started), graded by `tp check` and,
// for two students, by `tp grade` through each one's own connection.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, deleteNamespace, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import type { CheckResult, Report } from '../../src/engine/types.js';
import { kubectl } from './support/kind.js';

const kubeconfig = testKubeconfigPath();
const work = mkdtempSync(join(tmpdir(), 'kind-events-logs-'));
const namespaces: string[] = [];

// The mirror's `alpine`: a shell and sleep, whichever stand-in serves it.
const pod = (name: string, script: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, labels: { app: ${name} } }
spec:
  restartPolicy: Always
  terminationGracePeriodSeconds: 1
  containers:
    - name: main
      image: alpine
      command: [sh, -c, '${script}']
${extra}`;

const PODS = [
  pod('web', 'echo starting; echo connecting with password=hunter2; echo Listening on :8080; exec sleep 3600'),
  // Crashes once after a line with its start time, then runs: its previous instance wrote that line.
  pod('crasher', 'if [ -f /data/crashed ]; then echo second run; exec sleep 3600; fi; touch /data/crashed; echo boom at $(date +%s); exit 3',
    '      volumeMounts: [{ name: data, mountPath: /data }]\n  volumes: [{ name: data, emptyDir: {} }]\n'),
  // Its liveness probe never succeeds: Unhealthy, then Killing.
  pod('unhealthy', 'exec sleep 3600', '      livenessProbe: { exec: { command: [sh, -c, "exit 1"] }, periodSeconds: 2, failureThreshold: 1 }\n'),
  `apiVersion: v1
kind: Pod
metadata: { name: no-image, labels: { app: no-image } }
spec: { containers: [ { name: main, image: "tp.invalid/no/such-image:1" } ] }
`,
].join('---\n');

const check = (id: string, kind: string, params: string) => `      - { id: ${id}, kind: ${kind}, points: 1, title: { fr: ${id}, en: ${id} }, params: ${params} }\n`;
const LAB = `id: events-logs-probe
title: { fr: Événements et journaux, en: Events and logs }
exercises:
  - id: pods
    title: { fr: Pods, en: Pods }
    checks:
${[
  check('no-image-backoff', 'events', '{ resource: pods, name: no-image, reasons: { allOf: [Failed, BackOff] } }'),
  check('no-image-clean', 'events', '{ resource: pods, name: no-image, reasons: { noneOf: [BackOff] } }'),
  check('unhealthy-killed', 'events', '{ resource: pods, name: unhealthy, reasons: { allOf: [Unhealthy, Killing] } }'),
  check('web-healthy', 'events', '{ resource: pods, name: web, reasons: { allOf: [Started], noneOf: [Unhealthy, Killing, BackOff, Failed] } }'),
  check('web-listening', 'logs', '{ pod: web, contains: "Listening on" }'),
  check('web-no-panic', 'logs', '{ selector: app=web, matches: "(?i)panic|fatal", absent: true }'),
  check('web-ready', 'logs', '{ pod: web, contains: "Ready to serve" }'),
  check('crasher-boom', 'logs', '{ pod: crasher, previous: true, matches: "boom at [0-9]+", tailLines: 10 }'),
  check('web-previous', 'logs', '{ pod: web, previous: true, contains: x }'),
  check('no-image-log', 'logs', '{ pod: no-image, contains: x }'),
].join('')}`;

const checkIn = async (namespace: string, lang: 'fr' | 'en' = 'en') => {
  const run = await runTp(['check', join(work, 'lab.yaml'), '--kubeconfig', kubeconfig, '-n', namespace, '--answers', join(work, 'answers'), '--format', 'json', '--lang', lang, '--timeout', '10']);
  const report = JSON.parse(run.stdout) as Report;
  return { exitCode: run.exitCode, stdout: run.stdout, byId: (id: string) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id) as CheckResult };
};

const phaseOf = async (namespace: string, jsonpath: string) => kubectl(namespace, ['get', 'pods', '-o', `jsonpath=${jsonpath}`]);

beforeAll(async () => {
  writeFileSync(join(work, 'lab.yaml'), LAB);
  writeFileSync(join(work, 'answers'), '{}\n');
  for (const prefix of ['kind-events-logs', 'kind-events-logs-b']) {
    const namespace = await createTestNamespace(prefix);
    namespaces.push(namespace);
    await kubectl(namespace, ['apply', '-f', '-'], PODS);
  }
  // Each state the checks read, reached on its own schedule by the kubelet.
  for (const namespace of namespaces) {
    await waitFor(async () => {
      const restarts = await phaseOf(namespace, '{.items[?(@.metadata.name=="crasher")].status.containerStatuses[0].restartCount} {.items[?(@.metadata.name=="unhealthy")].status.containerStatuses[0].restartCount}');
      const waiting = await phaseOf(namespace, '{.items[?(@.metadata.name=="no-image")].status.containerStatuses[0].state.waiting.reason}');
      const webReady = await phaseOf(namespace, '{.items[?(@.metadata.name=="web")].status.containerStatuses[0].ready}');
      const [crasher = 0, unhealthy = 0] = restarts.split(' ').map(Number);
      const crasherRunning = await phaseOf(namespace, '{.items[?(@.metadata.name=="crasher")].status.containerStatuses[0].ready}');
      return crasher >= 1 && crasherRunning === 'true' && unhealthy >= 1 && waiting === 'ImagePullBackOff' && webReady === 'true';
    }, 240_000, 'the pods to crash, be killed, back off and run', 2000);
  }
}, 600_000);

afterAll(async () => {
  await Promise.all(namespaces.map((namespace) => deleteNamespace(namespace)));
});

describe('events and logs of real pods', () => {
  it('tp check reads the kubelet\'s Events and the containers\' logs', async () => {
    const { exitCode, stdout, byId } = await checkIn(namespaces[0] ?? '');
    expect(byId('no-image-backoff')).toMatchObject({ status: 'pass', messageId: 'events.ok' });
    expect(byId('no-image-backoff').message).toMatch(/^Pod no-image: Failed ×\d+, BackOff ×\d+; latest: "/);
    expect(byId('no-image-clean')).toMatchObject({ status: 'fail', messageId: 'events.forbidden' });
    expect(byId('no-image-clean').message).toMatch(/^Pod no-image: BackOff event ×\d+ since it was made; latest: ".*tp\.invalid\/no\/such-image:1/);
    expect(byId('unhealthy-killed')).toMatchObject({ status: 'pass', messageId: 'events.ok' });
    expect(byId('unhealthy-killed').message).toMatch(/^Pod unhealthy: Unhealthy ×\d+, Killing ×\d+; latest: ".*liveness probe/i);
    expect(byId('web-healthy')).toMatchObject({ status: 'pass', messageId: 'events.ok' });

    expect(byId('web-listening')).toMatchObject({ status: 'pass', message: 'log of main in pod web (current instance): "Listening on :8080"' });
    expect(byId('web-no-panic')).toMatchObject({ status: 'pass', messageId: 'logs.absent' });
    // Not there: the last line is shown, the password of the line before never.
    expect(byId('web-ready')).toMatchObject({ status: 'fail', message: 'the log of main in pod web (current instance) does not show "Ready to serve"; last line: "Listening on :8080"' });
    expect(byId('crasher-boom')).toMatchObject({ status: 'pass', messageId: 'logs.found' });
    expect(byId('crasher-boom').message).toMatch(/^log of main in pod crasher \(previous instance\): "boom at \d+"$/);
    expect(byId('web-previous')).toMatchObject({ status: 'fail', messageId: 'logs.no-previous', message: 'container main of pod web has no previous instance: it has not restarted' });
    expect(byId('no-image-log')).toMatchObject({ status: 'fail', messageId: 'logs.waiting' });
    expect(byId('no-image-log').message).toMatch(/^container main of pod no-image has not started: /);
    expect(stdout).not.toContain('hunter2');
    expect(exitCode).toBe(1);
  });

  it('says it in French', async () => {
    const { byId } = await checkIn(namespaces[0] ?? '', 'fr');
    expect(byId('web-listening').message).toBe('journal de main du pod web (instance actuelle) : « Listening on :8080 »');
    expect(byId('web-previous').message).toBe('le conteneur main du pod web n\'a pas d\'instance précédente : il n\'a pas redémarré');
  });

  it('tp grade reads each student\'s logs through the cohort\'s connection', async () => {
    const cohort = join(work, 'cohort.yaml');
    writeFileSync(cohort, `lab: ${join(work, 'lab.yaml')}\ndefaults: { kubeconfig: ${kubeconfig}, answers: ${join(work, 'answers')} }\nstudents:\n${namespaces.map((namespace, i) => `  - { id: s${i}, namespace: ${namespace} }\n`).join('')}`);
    const { exitCode, stderr } = await runTp(['grade', join(work, 'lab.yaml'), '--cohort', cohort, '--output', join(work, 'grades'), '--timeout', '10']);
    expect(stderr).not.toContain('internal error');
    // The gradebook is written: a grade with failed checks is not an error of tp grade.
    expect(exitCode).toBe(0);
    const students = (JSON.parse(readFileSync(join(work, 'grades', 'grades.json'), 'utf8')) as { students: Array<{ status: string; report?: Report }> }).students;
    expect(students.map((s) => s.status)).toEqual(['graded', 'graded']);
    for (const student of students) {
      const checks = student.report?.exercises.flatMap((e) => e.checks) ?? [];
      expect(checks.find((c) => c.id === 'web-listening')).toMatchObject({ status: 'pass', message: 'log of main in pod web (current instance): "Listening on :8080"' });
      expect(checks.find((c) => c.id === 'crasher-boom')?.status).toBe('pass');
      expect(checks.filter((c) => c.status === 'error')).toEqual([]);
    }
  });
});
