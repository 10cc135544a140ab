// A trainer grades a mixed cohort on the real local cluster: two students in
// namespaces of the shared cluster (one solved TP4, one half done), one with
// a kubeconfig of her own, one whose cluster is down. Everyone reachable is
// graded, the gradebook is complete, the command says 2 for the one in error.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseDocument } from 'yaml';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, startStandInServer, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers, tp4Manifests } from '../support/tp4-solution.js';
import type { Report } from '../../src/engine/types.js';

const kubeconfig = testKubeconfigPath();
const work = mkdtempSync(join(tmpdir(), 'tp-grade-'));
const kc = makeKubeConfig();
const namespaces = { alice: '', bob: '', carol: '' };
let stopServers: Array<() => Promise<void>> = [];

interface GradesJson {
  complete: boolean;
  run: { apiRequests: number };
  students: Array<{ id: string; status: string; reason?: string; report?: Report }>;
}

const readJson = (dir: string): GradesJson => JSON.parse(readFileSync(join(dir, 'grades.json'), 'utf8')) as GradesJson;
const csvRows = (dir: string): string[][] =>
  readFileSync(join(dir, 'grades.csv'), 'utf8')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(','));

/** A port nothing listens on: bound, then closed at once. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
};

// Half of TP4: the labelled ConfigMaps and the secret, no app yet.
const halfDone = (objects: KubernetesObject[]) => objects.filter((o) => o.kind === 'ConfigMap' && o.metadata?.name !== 'myapp-config');

const solveIn = async (namespace: string): Promise<void> => {
  await applyManifests(namespace, tp4Manifests(), kc);
  await waitFor(async () => (await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'kubernetes-app', namespace })).status?.readyReplicas === 2, 60_000, `2 ready replicas in ${namespace}`);
  const service = await kc.makeApiClient(CoreV1Api).readNamespacedService({ name: 'kubernetes-app', namespace });
  stopServers.push(await startStandInServer(service.spec?.ports?.[0]?.nodePort ?? 0, { '/': 'Hello Kubernetes!\n', '/config': 'Hello from ConfigMap' }));
};

const writeAnswers = (id: string, answers: Record<string, string>): void => {
  mkdirSync(join(work, 'answers'), { recursive: true });
  writeFileSync(join(work, 'answers', id), answersFileText(answers));
};

const writeCohort = (name: string, text: string): string => {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
};

let cohortFile = '';
const grade = (out: string, ...extra: string[]) =>
  runTp(['grade', 'tp4', '--cohort', cohortFile, '--output', join(work, out), '--http-via', 'nodeport', '--timeout', '2', ...extra]);

beforeAll(async () => {
  namespaces.alice = await createTestNamespace('grade-alice', kc);
  namespaces.bob = await createTestNamespace('grade-bob', kc);
  namespaces.carol = await createTestNamespace('grade-carol', kc);
  await Promise.all([solveIn(namespaces.alice), solveIn(namespaces.carol), applyManifests(namespaces.bob, halfDone(tp4Manifests()), kc)]);

  // Carol works with a kubeconfig of her own (here: a copy pointing at the same cluster).
  writeFileSync(join(work, 'carol.kubeconfig'), readFileSync(kubeconfig));
  // Dave's cluster is down: his kubeconfig points at a port where nothing listens.
  writeFileSync(join(work, 'dave.kubeconfig'), readFileSync(kubeconfig, 'utf8').replace(/server: https:\/\/[^\s]+/, `server: https://127.0.0.1:${await closedPort()}`));

  writeAnswers('alice', tp4Answers(kubeconfig, { Answer3: namespaces.alice }));
  writeAnswers('bob', tp4Answers(kubeconfig, { Answer3: namespaces.bob, Answer8: '<fix me>' }));
  writeAnswers('carol', tp4Answers(kubeconfig, { Answer3: namespaces.carol }));
  writeAnswers('dave', tp4Answers(kubeconfig));
  cohortFile = writeCohort(
    'cohort.yaml',
    `lab: tp4
defaults:
  kubeconfig: ${kubeconfig}
  answers: answers/{id}
students:
  - { id: alice, name: Alice Martin, email: alice@example.org, idNumber: "2024001", namespace: ${namespaces.alice}, lang: fr }
  - { id: bob, name: Bob Durand, email: bob@example.org, namespace: ${namespaces.bob}, lang: en }
  - { id: carol, name: Carol Petit, email: carol@example.org, kubeconfig: carol.kubeconfig, namespace: ${namespaces.carol} }
  - { id: dave, name: Dave Leroy, email: dave@example.org, kubeconfig: dave.kubeconfig, namespace: dave }
`,
  );
  // EndpointSlices follow the pods by a moment.
  await waitFor(async () => {
    await grade('probe');
    const report = readJson(join(work, 'probe')).students[0]?.report;
    return report?.exercises.flatMap((e) => e.checks).find((c) => c.id === 'scale-endpoints')?.status === 'pass';
  }, 30_000, 'endpoints of alice');
});

afterAll(async () => {
  await Promise.all(stopServers.map((stop) => stop()));
  stopServers = [];
  await Promise.all(Object.values(namespaces).filter(Boolean).map((namespace) => deleteNamespace(namespace, kc)));
});

describe('tp grade on a mixed cohort', () => {
  let run: Awaited<ReturnType<typeof grade>>;
  const out = join(work, 'grades');

  beforeAll(async () => {
    run = await grade('grades', '--lang', 'en');
  });

  it('grades everyone reachable, lists the one in error with the reason, and exits 2', () => {
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/dave: cluster \(context "[^"]+"\): cannot reach https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(run.stderr).toContain('3/4 students graded, 1 in error, 0 not graded');
    const json = readJson(out);
    expect(json.complete).toBe(true);
    expect(json.students.map((s) => [s.id, s.status])).toEqual([
      ['alice', 'graded'],
      ['bob', 'graded'],
      ['carol', 'graded'],
      ['dave', 'error'],
    ]);
  });

  it('grades each student as `tp check` would grade them alone', async () => {
    const json = readJson(out);
    for (const [id, namespace] of [
      ['alice', namespaces.alice],
      ['carol', namespaces.carol],
    ] as const) {
      // Alone, the student works in a context whose namespace is theirs: what the cohort's facts stand for.
      const own = parseDocument(readFileSync(kubeconfig, 'utf8'));
      own.setIn(['contexts', 0, 'context', 'namespace'], namespace);
      const config = join(work, `${id}-alone.kubeconfig`);
      writeFileSync(config, own.toString());
      const alone = await runTp(['check', '4', '--kubeconfig', config, '--answers', join(work, 'answers', id), '--http-via', 'nodeport', '--timeout', '2', '--format', 'json', '--lang', 'fr']);
      const single = JSON.parse(alone.stdout) as Report;
      const graded = json.students.find((s) => s.id === id)?.report;
      const statuses = (report: Report | undefined) => report?.exercises.flatMap((e) => e.checks.map((c) => `${c.id}:${c.status}`));
      expect(statuses(graded), id).toEqual(statuses(single));
      expect(graded?.score).toBe(single.score);
    }
  });

  it('gives the solved namespace more than the half-done one', () => {
    const [alice, bob] = readJson(out).students;
    expect(alice?.report?.score).toBeGreaterThan(bob?.report?.score ?? Infinity);
    const failed = bob?.report?.exercises.filter((e) => !e.passed).map((e) => e.id);
    expect(failed).toEqual(expect.arrayContaining(['deploy', 'expose', 'scale', 'configmap']));
  });

  it('writes grades.csv for Moodle: identity columns, one number per exercise, total, max, feedback; the student in error apart', () => {
    const [header, ...rows] = csvRows(out);
    const exercises = ['contexts', 'labels', 'nodes', 'deploy', 'expose', 'scale', 'configmap'];
    expect(header).toEqual(['id', 'name', 'email', 'idnumber', 'username', ...exercises, 'total', 'max', ...exercises.map((e) => `${e} feedback`)]);
    expect(rows.map((row) => row[2])).toEqual(['alice@example.org', 'bob@example.org', 'carol@example.org']);
    expect(rows[0]?.[3]).toBe('2024001');
    const json = readJson(out);
    rows.forEach((row, i) => {
      // Every grade cell is a plain number Moodle reads, and the exercises add up to the total.
      const grades = row.slice(5, 12).map(Number);
      expect(grades.every(Number.isFinite)).toBe(true);
      expect(grades.reduce((a, b) => a + b, 0)).toBe(Number(row[12]));
      expect(Number(row[12])).toBe(json.students[i]?.report?.score);
    });
    const [notHeader, ...notImported] = readFileSync(join(out, 'grades-not-imported.csv'), 'utf8').split('\r\n').filter(Boolean);
    expect(notHeader).toBe('id,name,email,idnumber,username,status,reason');
    expect(notImported).toHaveLength(1);
    expect(notImported[0]).toMatch(/^dave,Dave Leroy,dave@example.org,,,error,/);
  });

  it('writes feedback in each student\'s language', () => {
    expect(readdirSync(join(out, 'feedback')).sort()).toEqual(['alice.md', 'bob.md', 'carol.md', 'dave.md']);
    expect(readFileSync(join(out, 'feedback', 'alice.md'), 'utf8')).toContain('retour pour Alice Martin (alice)');
    const bob = readFileSync(join(out, 'feedback', 'bob.md'), 'utf8');
    expect(bob).toContain('feedback for Bob Durand (bob)');
    expect(bob).toContain('Hint:');
    // Carol sets no language: the trainer's (--lang en).
    expect(readFileSync(join(out, 'feedback', 'carol.md'), 'utf8')).toContain('feedback for Carol Petit');
    expect(readFileSync(join(out, 'feedback', 'dave.md'), 'utf8')).toContain('Your work could not be graded: cluster');
  });

  it('writes a self-contained report.html with a row per student', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const links = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1] ?? '');
    expect(links.filter((link) => /^(?:https?:)?\/\//i.test(link))).toEqual([]);
    expect([...html.matchAll(/<tr data-student="([^"]+)"/g)].map((m) => m[1])).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('never writes a secret value', () => {
    for (const file of ['grades.json', 'grades.csv', 'report.html', 'feedback/alice.md']) {
      expect(readFileSync(join(out, file), 'utf8'), file).not.toContain('S3cr3t-Regsec-Pa55');
    }
  });
});

describe('API requests', () => {
  it('do not grow with the number of students on a cluster', async () => {
    const requests: number[] = [];
    for (const size of [2, 12]) {
      const students = Array.from({ length: size }, (_, i) => {
        const namespace = i % 2 === 0 ? namespaces.alice : namespaces.bob;
        return `  - { id: s${i}, namespace: ${namespace}, answers: answers/${i % 2 === 0 ? 'alice' : 'bob'} }`;
      });
      cohortFile = writeCohort(`cohort-${size}.yaml`, `lab: tp4\ndefaults: { kubeconfig: ${kubeconfig} }\nstudents:\n${students.join('\n')}\n`);
      const run = await grade(`requests-${size}`);
      expect(run.exitCode, run.stderr).toBe(0);
      requests.push(readJson(join(work, `requests-${size}`)).run.apiRequests);
    }
    // One cluster-wide LIST per kind TP4 reads: configmaps, secrets, pods, services, endpointslices, deployments, replicasets, nodes.
    expect(requests).toEqual([requests[0], requests[0]]);
    expect(requests[0]).toBeLessThanOrEqual(8);
    cohortFile = join(work, 'cohort.yaml');
  });
});

describe('tp grade --shard and tp grade merge', () => {
  it('merge the shards into exactly the gradebook of one full run', async () => {
    cohortFile = join(work, 'cohort.yaml');
    const full = await grade('full');
    const first = await grade('shard-1', '--shard', '1/2');
    const second = await grade('shard-2', '--shard', '2/2');
    expect(full.exitCode).toBe(2);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(second.exitCode).toBe(2);
    expect(readJson(join(work, 'shard-1')).students.map((s) => s.id)).toEqual(['alice', 'bob']);
    const merged = await runTp(['grade', 'merge', join(work, 'shard-2'), join(work, 'shard-1', 'grades.json'), '--output', join(work, 'merged')]);
    expect(merged.exitCode).toBe(2);
    expect(readFileSync(join(work, 'merged', 'grades.csv'), 'utf8')).toBe(readFileSync(join(work, 'full', 'grades.csv'), 'utf8'));
    expect(readJson(join(work, 'merged')).students).toEqual(readJson(join(work, 'full')).students);
    expect(readdirSync(join(work, 'merged', 'feedback')).sort()).toEqual(['alice.md', 'bob.md', 'carol.md', 'dave.md']);
    for (const id of ['alice', 'dave']) {
      expect(readFileSync(join(work, 'merged', 'feedback', `${id}.md`), 'utf8')).toBe(readFileSync(join(work, 'full', 'feedback', `${id}.md`), 'utf8'));
    }
  });

  it('says a shard is missing and marks the merge incomplete', async () => {
    const merged = await runTp(['grade', 'merge', join(work, 'shard-1'), '--output', join(work, 'half-merged')]);
    expect(merged.exitCode).toBe(2);
    expect(merged.stderr).toContain('shard(s) 2/2 missing');
    expect(readJson(join(work, 'half-merged')).complete).toBe(false);
  });
});
