// A trainer who cannot reach the students' clusters grades what they handed
// in: each student runs `tp submit 4` on their own namespace, the trainer runs
// `tp grade 4 --submissions` on the files — the same scores as `tp grade` live,
// with an edited file and a file from another version of the lab flagged, kept
// out of grades.csv and of Moodle. Moodle's "download all submissions" zip is
// read as it comes, and the grades reach a (stand-in) Moodle assignment.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppsV1Api } from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseDocument } from 'yaml';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import { answersFileText, tp4AnswersFor, tp4Manifests } from '../support/tp4-solution.js';
import { makeZip } from '../support/zip-writer.js';
import { startFakeMoodle, type FakeMoodle } from '../support/moodle-server.js';
import { gradescopeProblems } from '../support/gradescope-spec.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import type { Report } from '../../src/engine/types.js';

const work = mkdtempSync(join(tmpdir(), 'tp-submissions-'));
const kc = makeKubeConfig();
const STUDENTS = [
  { id: 'alice', name: 'Alice Martin', email: 'alice@example.org' },
  { id: 'bob', name: 'Bob Durand', email: 'bob@example.org' },
  { id: 'carol', name: 'Carol Nguyễn', email: 'carol@example.org' },
] as const;
type Id = (typeof STUDENTS)[number]['id'];
const namespaces = {} as Record<Id, string>;
const cleanups: Array<() => Promise<void>> = [];

interface GradesJson {
  complete: boolean;
  students: Array<{ id: string; status: string; reason?: string; report?: Report }>;
}

const gradesOf = (dir: string): GradesJson => JSON.parse(readFileSync(join(dir, 'grades.json'), 'utf8')) as GradesJson;
const scoreOf = (grades: GradesJson, id: string) => grades.students.find((s) => s.id === id)?.report?.score;
const flagsOf = (grades: GradesJson, id: string) => (grades.students.find((s) => s.id === id)?.report?.flags ?? []).map((flag) => flag.check);

/** A kubeconfig of the student's own, its context's namespace theirs (as a student's minikube's would be). */
const studentKubeconfig = (id: Id): string => {
  const document = parseDocument(readFileSync(testKubeconfigPath(), 'utf8'));
  const contexts = document.get('contexts') as { items: Array<{ get(key: string): { set(key: string, value: string): void } }> };
  for (const context of contexts.items) context.get('context').set('namespace', namespaces[id]);
  const file = join(work, `${id}.kubeconfig`);
  writeFileSync(file, document.toString());
  return file;
};

const answersOf = (id: Id): string => {
  const file = join(work, id, 'answers', 'answers_tp4');
  mkdirSync(join(work, id, 'answers'), { recursive: true });
  const facts = loadKubeconfig({ kubeconfig: join(work, `${id}.kubeconfig`), env: {}, homeDir: '/nonexistent-home' }).facts;
  writeFileSync(file, answersFileText(tp4AnswersFor(facts)));
  return file;
};

// The real clock: a submission is made after what it holds was written.
const submit = (id: Id, lab = '4') =>
  runTp(['submit', lab, '--kubeconfig', join(work, `${id}.kubeconfig`), '--answers', answersOf(id), '--output', join(work, 'subs', id, 'submission_tp4.json.gz'), '--http-via', 'nodeport', '--timeout', '3'], { now: () => new Date() });

const editSubmission = <T>(file: string, edit: (json: T) => void): void => {
  const json = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
  edit(json);
  writeFileSync(file, gzipSync(JSON.stringify(json)));
};

const cohort = (name: string, live: boolean): string => {
  const file = join(work, name);
  const students = STUDENTS.map((s) => `  - id: ${s.id}\n    name: ${s.name}\n    email: ${s.email}\n${live ? `    kubeconfig: ${s.id}.kubeconfig\n    trustKubeconfig: true\n    answers: ${s.id}/answers/answers_tp4\n` : ''}`);
  writeFileSync(file, `lab: tp4\nstudents:\n${students.join('')}`);
  return file;
};

// Bob deployed the app (one replica) and stopped: not exposed, not scaled.
const bobsWork = (): KubernetesObject[] =>
  tp4Manifests()
    .filter((object) => object.kind !== 'Service')
    .map((object) => (object.kind === 'Deployment' ? { ...object, metadata: { ...object.metadata, annotations: {} }, spec: { ...(object as { spec: object }).spec, replicas: 1 } } as KubernetesObject : object));

let solved: SolvedTp4[] = [];
let liveGrades: GradesJson;
const submissions = join(work, 'subs');

beforeAll(async () => {
  solved = await Promise.all([solvedTp4Namespace('sub-alice', kc), solvedTp4Namespace('sub-carol', kc)]);
  cleanups.push(...solved.map((s) => s.remove));
  namespaces.alice = solved[0]!.namespace;
  namespaces.carol = solved[1]!.namespace;
  namespaces.bob = await createTestNamespace('sub-bob', kc);
  cleanups.push(() => deleteNamespace(namespaces.bob, kc));
  await applyManifests(namespaces.bob, bobsWork(), kc);
  await waitFor(async () => (await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'kubernetes-app', namespace: namespaces.bob })).status?.readyReplicas === 1, 60_000, 'bob\'s replica ready');
  for (const { id } of STUDENTS) studentKubeconfig(id);

  // Carol's tp had another version of the lab: a check worth 3 points instead of 2.
  const otherLab = join(work, 'tp4-older', 'lab.yaml');
  mkdirSync(join(work, 'tp4-older'), { recursive: true });
  writeFileSync(otherLab, readFileSync('labs/tp4/lab.yaml', 'utf8').replace('points: 2', 'points: 3'));
  const runs = await Promise.all([submit('alice'), submit('bob'), submit('carol', otherLab)]);
  for (const run of runs) expect(run.stderr).toContain('Submission written to');

  // Bob edits his file by hand to get the scaling points: two replicas, both ready.
  editSubmission(join(submissions, 'bob', 'submission_tp4.json.gz'), (json: { snapshot: { kinds: Record<string, { items: KubernetesObject[] }> } }) => {
    const deployment = json.snapshot.kinds['deployments.apps']!.items[0] as KubernetesObject & { spec: { replicas: number }; status: Record<string, number> };
    deployment.spec.replicas = 2;
    Object.assign(deployment.status, { replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 });
  });
  const live = await runTp(['grade', 'tp4', '--cohort', cohort('live.yaml', true), '--output', join(work, 'live'), '--http-via', 'nodeport', '--timeout', '3']);
  expect(live.exitCode).toBe(0);
  liveGrades = gradesOf(join(work, 'live'));
}, 240_000);

afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  rmSync(work, { recursive: true, force: true });
});

describe('tp grade --submissions', () => {
  it('gives the scores tp grade gives live, and flags the edited submission and the one from another lab version', async () => {
    const out = join(work, 'offline');
    const run = await runTp(['grade', 'tp4', '--cohort', cohort('submitted.yaml', false), '--submissions', submissions, '--output', out]);
    expect(run.exitCode).toBe(0);
    const offline = gradesOf(out);
    expect(offline.students.map((s) => s.status)).toEqual(['graded', 'graded', 'graded']);
    expect(scoreOf(liveGrades, 'alice')).toBe(34);
    expect(scoreOf(offline, 'alice')).toBe(scoreOf(liveGrades, 'alice'));
    expect(scoreOf(offline, 'carol')).toBe(scoreOf(liveGrades, 'carol'));
    // The edit gives Bob points he does not have: the grade is there, and flagged.
    expect(scoreOf(offline, 'bob')).toBeGreaterThan(scoreOf(liveGrades, 'bob') ?? 99);
    expect(flagsOf(offline, 'alice')).toEqual([]);
    expect(flagsOf(offline, 'bob')).toContain('replicas');
    expect(flagsOf(offline, 'carol')).toEqual(['lab-version']);
    expect(run.stderr).toContain('bob: flagged, neither in grades.csv nor sent to Moodle — replicas: Deployment kubernetes-app counts 2 replicas in its status, its ReplicaSets 1; replicas: Deployment kubernetes-app counts 2 readyReplicas in its status, its ReplicaSets 1');
    expect(run.stderr).toContain('carol: flagged, neither in grades.csv nor sent to Moodle — lab-version: made with another version of lab tp4');

    const csv = readFileSync(join(out, 'grades.csv'), 'utf8');
    expect(csv).toContain('alice,Alice Martin,alice@example.org');
    expect(csv).not.toContain('bob@example.org');
    expect(csv).not.toContain('carol@example.org');
    const notImported = readFileSync(join(out, 'grades-not-imported.csv'), 'utf8');
    expect(notImported).toMatch(/bob,Bob Durand,bob@example.org,,,flagged,"\d+\/34 from a submission to review: replicas:/);
    expect(readFileSync(join(out, 'feedback', 'bob.md'), 'utf8')).toContain('## ✘ Submission to review: it looks edited by hand, this grade does not stand as it is');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/data-student="carol" data-status="flagged"/);
  });

  it('reads a Moodle "download all submissions" zip as it comes, matching by name, and lists the file it could not match', async () => {
    const file = (id: Id) => readFileSync(join(submissions, id, 'submission_tp4.json.gz'));
    const zip = join(work, 'moodle-download.zip');
    writeFileSync(zip, makeZip([
      { name: 'Alice Martin_1201_assignsubmission_file_/submission_tp4.json.gz', data: file('alice') },
      { name: 'Bob Durand_1202_assignsubmission_file_/submission_tp4.json.gz', data: file('bob'), deflate: true },
      { name: 'Carol Nguyen_1203_assignsubmission_file_/submission_tp4.json.gz', data: file('carol') },
      { name: 'Dave Stranger_1204_assignsubmission_file_/submission_tp4.json.gz', data: file('alice') },
      { name: 'Alice Martin_1201_assignsubmission_onlinetext_/onlinetext.html', data: '<p>see file</p>' },
    ], { dataDescriptors: true }));
    const out = join(work, 'from-zip');
    const run = await runTp(['grade', 'tp4', '--cohort', cohort('submitted.yaml', false), '--submissions', zip, '--output', out]);
    expect(run.exitCode).toBe(0);
    const grades = gradesOf(out);
    expect(grades.students.map((s) => [s.id, s.status, s.report?.score])).toEqual([
      ['alice', 'graded', scoreOf(liveGrades, 'alice')],
      ['bob', 'graded', expect.any(Number)],
      ['carol', 'graded', scoreOf(liveGrades, 'carol')],
    ]);
    expect(run.stderr).toContain('not matched: moodle-download.zip:Dave Stranger_1204_assignsubmission_file_/submission_tp4.json.gz — "Dave Stranger" names no student of the cohort');

    // Without a cohort, each folder is a student, named as Moodle names them.
    const anonymous = await runTp(['grade', 'tp4', '--submissions', zip, '--output', join(work, 'no-cohort'), '--format', 'json']);
    expect(anonymous.exitCode).toBe(0);
    expect(gradesOf(join(work, 'no-cohort')).students.map((s) => s.id)).toEqual(['alice-martin-1201', 'bob-durand-1202', 'carol-nguyen-1203', 'dave-stranger-1204']);
  });

  it('sends the grades that stand to Moodle, only after --yes, and only once', async () => {
    const token = 'moodle-token-5f1b2c';
    const moodle: FakeMoodle = await startFakeMoodle({
      token,
      users: STUDENTS.map((s, i) => ({ id: 50 + i, username: s.id, firstname: s.name.split(' ')[0]!, lastname: s.name.split(' ')[1]!, email: s.email, idnumber: '' })),
      assignment: { id: 9, cmid: 77, course: 2, name: 'TP4', grade: 20, feedbackComments: true },
    });
    cleanups.push(() => moodle.close());
    const push = (...extra: string[]) =>
      runTp(['grade', 'tp4', '--cohort', cohort('submitted.yaml', false), '--submissions', submissions, '--output', join(work, 'pushed'), '--push', 'moodle', '--moodle-assignment', `${moodle.url}/mod/assign/view.php?id=77`, ...extra], { env: { LANG: 'en_US.UTF-8', NO_COLOR: '1', TP_MOODLE_TOKEN: token } });
    const french = await push('--lang', 'fr');
    expect(french.stdout).toContain('alice → Alice Martin (utilisateur Moodle 50) : note – → 20.00/20.00, commentaire de feedback nouveau');
    expect(french.stdout).toContain("Essai à blanc : rien n'a été envoyé.");
    const dry = await push();
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('alice → Alice Martin (Moodle user 50): grade – → 20.00/20.00, feedback comment new');
    expect(dry.stdout).toMatch(/bob ✘ not sent: flagged, to review first: /);
    expect(dry.stdout).toContain('Dry run: nothing was sent.');
    expect(moodle.grades.size).toBe(0);

    const sent = await push('--yes');
    expect(sent.stdout).toContain('Sent to Moodle: 1 grade(s) with their feedback.');
    expect([...moodle.grades.keys()]).toEqual([50]);
    expect(moodle.grades.get(50)?.text).toContain('Alice Martin');
    const again = await push('--yes');
    expect(again.stdout).toContain('Nothing to send: Moodle already has these grades and feedbacks.');
    expect(moodle.notifications).toEqual([50]);
    for (const output of [dry, sent, again]) expect(output.stdout + output.stderr).not.toContain(token);
  });

  it('explains a failed check from a submission as tp check does on the cluster: the Events read then are in the file', async () => {
    const file = join(work, 'bob-again', 'submission_tp4.json.gz');
    const made = await runTp(['submit', '4', '--kubeconfig', join(work, 'bob.kubeconfig'), '--answers', answersOf('bob'), '--output', file, '--http-via', 'nodeport', '--timeout', '3'], { now: () => new Date() });
    expect(made.stderr).toContain('Submission written to');
    // Bob's Service is missing: checks that Events explain failed, so his tp read them, and they went into the file.
    const names = (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { snapshot: { names: Record<string, unknown> } }).snapshot.names;
    expect(Object.keys(names)).toContain('events');
    const said = (report: Report) => report.exercises.flatMap((e) => e.checks).map((c) => `${c.id} ${c.status}: ${c.message}`);
    const live = await runTp(['check', '4', '--kubeconfig', join(work, 'bob.kubeconfig'), '--answers', answersOf('bob'), '--http-via', 'nodeport', '--timeout', '3', '--format', 'json', '--lang', 'fr']);
    const replayed = await runTp(['check', '4', '--submission', file, '--format', 'json', '--lang', 'fr']);
    expect(said(JSON.parse(replayed.stdout) as Report)).toEqual(said(JSON.parse(live.stdout) as Report));
    expect(said(JSON.parse(live.stdout) as Report).filter((line) => / (fail|error):/.test(line)).length).toBeGreaterThan(0);
  });

  it('grades one submission with tp check --submission, for Gradescope\'s results.json', async () => {
    const alice = await runTp(['check', '4', '--submission', join(submissions, 'alice', 'submission_tp4.json.gz'), '--format', 'gradescope']);
    expect(alice.exitCode).toBe(0);
    expect(gradescopeProblems(alice.stdout)).toEqual([]);
    expect(JSON.parse(alice.stdout).score).toBe(34);
    const bob = await runTp(['check', '4', '--submission', join(submissions, 'bob', 'submission_tp4.json.gz'), '--format', 'gradescope']);
    const tests = (JSON.parse(bob.stdout) as { tests: Array<{ name: string; status: string }> }).tests;
    expect(tests.at(-1)).toMatchObject({ name: 'Submission to review: it looks edited by hand, this grade does not stand as it is', status: 'failed' });
  });

  // Each edit a student could make by hand, on a copy of Alice's clean submission, and the check that finds it.
  type Json = Record<string, unknown>;
  const itemsOf = (json: Json, kind: string) => ((json['snapshot'] as Json)['kinds'] as Record<string, { items: Json[] }>)[kind]!.items;
  const at = (value: unknown, ...path: Array<string | number>): Json => path.reduce<unknown>((current, key) => (current as Json)[key], value) as Json;
  const named = (json: Json, kind: string, name: string): Json => itemsOf(json, kind).find((object) => at(object, 'metadata')['name'] === name)!;
  const writersOf = (object: Json) => at(object, 'metadata')['writers'] as Json[];
  const edits: Array<[string, (json: Json) => void, string, RegExp]> = [
    ['another image in the Deployment', (json) => { at(itemsOf(json, 'deployments.apps')[0], 'spec', 'template', 'spec', 'containers', 0)['image'] = 'registry.example.org/dalk/app:v0.3'; }, 'pod-template-hash', /^Deployment kubernetes-app has a pod template none of its ReplicaSets was made from/],
    ['a ConfigMap copied to make another', (json) => {
      const copy = structuredClone(named(json, 'configmaps', 'cm1'));
      at(copy, 'metadata')['name'] = 'cm9';
      itemsOf(json, 'configmaps').push(copy);
    }, 'uid', /^ConfigMap cm1 and ConfigMap cm9 have the same uid/],
    ['a ReplicaSet given another owner', (json) => { at(itemsOf(json, 'replicasets.apps')[0], 'metadata', 'ownerReferences', 0)['uid'] = '00000000-0000-4000-8000-000000000000'; }, 'owner', /^ReplicaSet kubernetes-app-\w+ is owned by Deployment kubernetes-app of uid 00000000-0000-4000-8000-000000000000, but that Deployment's uid is /],
    ['a write time after the submission', (json) => { writersOf(named(json, 'services', 'kubernetes-app'))[0]!['time'] = '2099-01-01T00:00:00Z'; }, 'order', /^Service kubernetes-app was written at 2099-01-01T00:00:00Z, after the submission was made/],
    ['a resourceVersion raised on an old object', (json) => {
      const service = named(json, 'services', 'kubernetes-app');
      Object.assign(at(service, 'metadata'), { resourceVersion: '999999999', creationTimestamp: '2020-01-01T00:00:00Z' });
      for (const writer of writersOf(service)) writer['time'] = '2020-01-01T00:00:00Z';
    }, 'order', /^Service kubernetes-app was last written at 2020-01-01T00:00:00Z, yet its resourceVersion 999999999 is above that of /],
    ['a ReplicaSet counting more ready pods than it has', (json) => { at(itemsOf(json, 'replicasets.apps').find((rs) => at(rs, 'status')['readyReplicas'] === 2), 'status')['readyReplicas'] = 3; }, 'replicas', /counts 3 ready replicas in its status, but 2 of its pods are ready$/],
  ];
  it('says a flag on one short line, whatever name the file gives an object (253 characters at most, as the schema says)', async () => {
    const file = join(work, `edited-name-${Math.random().toString(36).slice(2)}.json.gz`);
    writeFileSync(file, readFileSync(join(submissions, 'alice', 'submission_tp4.json.gz')));
    editSubmission(file, ((json: Json) => {
      const copy = structuredClone(named(json, 'configmaps', 'cm1'));
      at(copy, 'metadata')['name'] = `cm9\n2/2 students graded\u001b[2J${'x'.repeat(200)}`;
      itemsOf(json, 'configmaps').push(copy);
    }) as (json: unknown) => void);
    const run = await runTp(['check', '4', '--submission', file, '--format', 'json']);
    const [reason] = ((JSON.parse(run.stdout) as Report).flags ?? []).filter((flag) => flag.check === 'uid').map((flag) => flag.reason);
    expect(reason).toMatch(/^ConfigMap cm1 and ConfigMap cm9 2\/2 students graded\\u001b\[2Jx+… have the same uid/);
    expect(reason?.length).toBeLessThan(400);
  });

  it.each(edits)('flags %s', async (_what, edit, check, reason) => {
    const file = join(work, `edited-${check}-${Math.random().toString(36).slice(2)}.json.gz`);
    writeFileSync(file, readFileSync(join(submissions, 'alice', 'submission_tp4.json.gz')));
    editSubmission(file, edit as (json: unknown) => void);
    const run = await runTp(['check', '4', '--submission', file, '--format', 'json']);
    const flags = (JSON.parse(run.stdout) as Report).flags ?? [];
    expect(flags.filter((flag) => flag.check === check).map((flag) => flag.reason)).toContainEqual(expect.stringMatching(reason));
  });

  it('tells a student at a terminal how to hand in, in French and in English', async () => {
    for (const [lang, words] of [['fr', 'rendez votre travail avec : tp submit 4 (écrit answers/submission_tp4.json.gz'], ['en', 'hand your work in with: tp submit 4 (writes answers/submission_tp4.json.gz']] as const) {
      const terminal = Object.assign(new Writable({ write: (_chunk, _encoding, done) => done() }), { isTTY: true });
      const run = await runTp(['check', '4', '--kubeconfig', join(work, 'alice.kubeconfig'), '--answers', join(work, 'alice', 'answers', 'answers_tp4'), '--http-via', 'nodeport', '--lang', lang], { stdout: terminal });
      expect(run.stderr).toContain(words);
    }
    const submitted = await runTp(['submit', '4', '--kubeconfig', join(work, 'alice.kubeconfig'), '--answers', join(work, 'alice', 'answers', 'answers_tp4'), '--output', join(work, 'fr.json.gz'), '--http-via', 'nodeport', '--lang', 'fr'], { now: () => new Date() });
    expect(submitted.stderr).toMatch(/^Soumission écrite dans .*fr\.json\.gz \(\d+ Kio\) : déposez ce fichier/m);
    const french = await runTp(['grade', 'tp4', '--cohort', cohort('submitted.yaml', false), '--submissions', submissions, '--output', join(work, 'fr'), '--lang', 'fr']);
    expect(french.stderr).toContain('carol : à vérifier, ni dans grades.csv ni envoyé à Moodle — lab-version: faite avec une autre version du TP tp4 (empreinte');
  });

  it('says what is wrong, with exit 2: no such folder, a broken file (the others graded), no token', async () => {
    const missing = await runTp(['grade', 'tp4', '--submissions', join(work, 'nope'), '--output', join(work, 'x')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no such file or folder');
    const broken = join(work, 'broken');
    mkdirSync(join(broken, 'bob'), { recursive: true });
    mkdirSync(join(broken, 'alice'), { recursive: true });
    writeFileSync(join(broken, 'alice', 'submission_tp4.json.gz'), readFileSync(join(submissions, 'alice', 'submission_tp4.json.gz')));
    writeFileSync(join(broken, 'bob', 'submission_tp4.json.gz'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    const run = await runTp(['grade', 'tp4', '--cohort', cohort('submitted.yaml', false), '--submissions', broken, '--output', join(work, 'broken-out')]);
    expect(run.exitCode).toBe(2);
    expect(gradesOf(join(work, 'broken-out')).students.map((s) => s.status)).toEqual(['graded', 'error', 'error']);
    expect(run.stderr).toMatch(/bob: bob\/submission_tp4.json.gz: not a readable gzip file/);
    expect(run.stderr).toContain('carol: no submission found for this student');
    const noToken = await runTp(['grade', 'tp4', '--cohort', cohort('submitted.yaml', false), '--submissions', submissions, '--output', join(work, 'y'), '--push', 'moodle', '--moodle-assignment', 'https://moodle.example.org/mod/assign/view.php?id=1']);
    expect(noToken.exitCode).toBe(2);
    expect(noToken.stderr).toContain('--push moodle needs the Moodle web service token in TP_MOODLE_TOKEN');
  });
});
