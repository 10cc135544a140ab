// A lab compares a Secret's value (`secret-value`): tp check, tp grade (one
// cluster-wide read for the cohort), the live class (a LIST, then a WATCH),
// tp submit and tp snapshot say whether the value is the one asked, and none of
// their outputs holds the value, plain or in base64, nor the lab's own expected value.
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { followClass } from '../../src/classroom/follow-class.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { checkKinds } from '../../src/checks/index.js';
import type { StudentResult } from '../../src/grade/types.js';
import { runTp, type CliRun } from '../support/run-cli.js';
import { filesUnder, recordedOutputs } from '../support/recorded-outputs.js';
import type { Report } from '../../src/engine/types.js';

const RIGHT = 'Mypass-7f3e9a2c';
const WRONG = 'Wrong-Pa55-41d0b6';
const kubeconfig = testKubeconfigPath();
const kc = makeKubeConfig();
const work = mkdtempSync(join(tmpdir(), 'tp-secret-value-'));
const labFile = join(work, 'lab.yaml');
const answers = join(work, 'answers');
let right = '';
let wrong = '';

const LAB = `id: secret-values
title: { fr: "Secrets", en: "Secrets" }
exercises:
  - id: secrets
    title: { fr: "Secrets", en: "Secrets" }
    checks:
      - id: password
        kind: secret-value
        points: 1
        title: { fr: "mot de passe", en: "password" }
        params: { secret: mysecret, key: password, equals: "${RIGHT}" }
      - id: username
        kind: secret-value
        points: 1
        title: { fr: "utilisateur", en: "user" }
        params: { secret: mysecret, key: username, equals: admin, match: trimmed }
`;

const secretWith = (password: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'mysecret' },
  type: 'Opaque',
  stringData: { password, username: 'admin\n' },
});

const FORBIDDEN = [RIGHT, WRONG, ...[RIGHT, WRONG].map((value) => Buffer.from(value).toString('base64'))];
const { outputs, record } = recordedOutputs();
const statuses = (run: CliRun) => Object.fromEntries((JSON.parse(run.stdout) as Report).exercises.flatMap((e) => e.checks).map((c) => [c.id, c.status]));

beforeAll(async () => {
  writeFileSync(labFile, LAB);
  writeFileSync(answers, '{}\n');
  [right, wrong] = await Promise.all([createTestNamespace('secret-value-right', kc), createTestNamespace('secret-value-wrong', kc)]);
  await Promise.all([applyManifests(right, [secretWith(RIGHT)], kc), applyManifests(wrong, [secretWith(WRONG)], kc)]);
});

afterAll(async () => {
  await Promise.all([right && deleteNamespace(right, kc), wrong && deleteNamespace(wrong, kc)]);
});

describe('secret-value on a real API server', () => {
  it('tp check passes on the value asked and fails on another, in every format and language', async () => {


    const good = record('check right json', await runTp(['check', labFile, '--kubeconfig', kubeconfig, '-n', right, '--answers', answers, '--format', 'json']));
    expect(good.exitCode, good.stderr).toBe(0);
    expect(statuses(good)).toEqual({ password: 'pass', username: 'pass' });
    const bad = record('check wrong json', await runTp(['check', labFile, '--kubeconfig', kubeconfig, '-n', wrong, '--answers', answers, '--format', 'json']));
    expect(bad.exitCode).toBe(1);
    expect(statuses(bad)).toEqual({ password: 'fail', username: 'pass' });
    expect((JSON.parse(bad.stdout) as Report).exercises[0]?.checks[0]?.message).toBe('key password of Secret mysecret does not hold the value asked for');
    for (const namespace of [right, wrong]) {
      for (const format of ['pretty', 'junit', 'github', 'markdown']) {
        for (const lang of ['fr', 'en']) record(`check ${namespace} ${format} ${lang}`, await runTp(['check', labFile, '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--format', format, '--lang', lang]));
      }
    }

  });

  it('tp grade reads the cohort once and judges each student', async () => {
    const cohort = join(work, 'cohort.yaml');
    writeFileSync(cohort, `lab: ${labFile}\ndefaults: { kubeconfig: ${kubeconfig}, answers: ${answers} }\nstudents:\n  - { id: good, namespace: ${right} }\n  - { id: bad, namespace: ${wrong} }\n`);
    const out = join(work, 'grades');
    const run = record('grade', await runTp(['grade', labFile, '--cohort', cohort, '--output', out]));
    expect(run.exitCode, run.stderr).toBeLessThan(2);
    const book = JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8')) as { students: Array<{ id: string; report?: Report }> };
    expect(Object.fromEntries(book.students.map((s) => [s.id, s.report?.score]))).toEqual({ good: 2, bad: 1 });
    for (const file of filesUnder(out)) outputs.push({ label: file, text: readFileSync(file, 'utf8') });
  });

  it('the live class compares the value as it lists the Secrets, and again as a watched change brings one', async () => {
    const lab = await loadLabFile(labFile, checkKinds);
    const latest = new Map<number, StudentResult>();
    const followed = followClass({
      lab,
      students: [right, wrong].map((namespace, index) => ({ index, id: `s${index}`, namespace, kubeconfig, answers, answersAsWritten: 'answers' })),
      variables: {},
      httpVia: 'nodeport',
      timeoutMs: 10_000,
      studentTimeoutMs: 30_000,
      concurrency: 2,
      lang: 'en',
      now: () => new Date(),
      loadKubeconfig: (target) => loadKubeconfig({ ...target, env: {}, homeDir: '/nonexistent' }),
      onResult: (index, result) => {
        latest.set(index, result);
        outputs.push({ label: `live class s${index}`, text: JSON.stringify(result) });
      },
    });
    const passwordOf = (index: number) => latest.get(index)?.report?.exercises[0]?.checks.find((c) => c.id === 'password')?.status;
    try {
      await followed.firstRound;
      expect([passwordOf(0), passwordOf(1)]).toEqual(['pass', 'fail']);
      // The student puts the right value in: the WATCH's event is compared as the LIST's objects were.
      await kc.makeApiClient(CoreV1Api).patchNamespacedSecret({ name: 'mysecret', namespace: wrong, body: [{ op: 'replace', path: '/data/password', value: Buffer.from(RIGHT).toString('base64') }] });
      await waitFor(() => passwordOf(1) === 'pass', 20_000, 'the changed Secret graded again');
    } finally {
      await followed.stop();
      await kc.makeApiClient(CoreV1Api).patchNamespacedSecret({ name: 'mysecret', namespace: wrong, body: [{ op: 'replace', path: '/data/password', value: Buffer.from(WRONG).toString('base64') }] });
    }
  }, 60_000);

  it('tp submit keeps the verdicts, and grading the file gives the same', async () => {
    const file = join(work, 'submission_wrong.json.gz');
    const run = record('submit', await runTp(['submit', labFile, '--kubeconfig', kubeconfig, '-n', wrong, '--answers', answers, '--output', file], { now: () => new Date() }));
    expect(run.exitCode, run.stderr).toBeLessThan(2);
    outputs.push({ label: file, text: gunzipSync(readFileSync(file)).toString('utf8') });
    const offline = record('check --submission', await runTp(['check', labFile, '--submission', file, '--format', 'json']));
    expect(statuses(offline)).toEqual({ password: 'fail', username: 'pass' });
  });

  it('tp snapshot shows the comparison, not the value', async () => {
    const run = record('snapshot', await runTp(['snapshot', labFile, '--kubeconfig', kubeconfig, '-n', right]));
    expect(run.exitCode, run.stderr).toBe(0);
    const secret = (JSON.parse(run.stdout) as { kinds: { secrets: { items: Array<Record<string, unknown>> } } }).kinds.secrets.items[0];
    expect(secret).toMatchObject({ dataKeys: ['password', 'username'], valueMatches: { password: true, username: true } });
  });

  it('no output holds a value', () => {
    expect(outputs.length).toBeGreaterThan(20);
    const leaks = outputs.flatMap(({ label, text }) => FORBIDDEN.filter((value) => text.includes(value)).map((value) => `${label}: ${value.slice(0, 6)}…`));
    expect(leaks).toEqual([]);
  });
});
