// docs/grading-in-cluster.md, run: tp's image pushed to the kind registry, then
// deploy/grade-in-cluster.sh (the page's steps) grades a cohort of 300 students'
// namespaces in the cluster — read-only RBAC, the volume, the Indexed Job of 3
// shards spread over the nodes, each reading the API through its pod's
// ServiceAccount (token and CA mounted, no kubeconfig), then the merge Job — and
// copies the gradebook out. It must be what one `tp grade` on this machine writes
// for the same cohort. The volume is a hostPath under the folder every kind node
// mounts (scripts/kind/cluster.yaml): what a training cluster's NFS would be.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testKubeconfigPath } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4AnswersFor } from '../support/tp4-solution.js';
import { KUBECTL, kindNodes, kindRegistry, kubectl } from './support/kind.js';

const STUDENTS = 300;
const GRADING_NAMESPACE = 'tp-grading';
const SHARED_MOUNT = '/var/local/tp-shared';
const run = randomBytes(4).toString('hex');
const label = `tp.test/grade-in-cluster=${run}`;
const work = mkdtempSync(join(tmpdir(), 'kind-grade-in-cluster-'));
const cohortFile = join(work, 'cohort.yaml');
const answersDir = join(work, 'answers');
const jobOut = join(work, 'from-the-job');
const localOut = join(work, 'from-tp-grade');
const volume = `tp-grades-${run}`;
let sharedRunDir = '';
let script: { stdout: string; stderr: string; exitCode?: number } = { stdout: '', stderr: '' };

/** kubectl on the kind cluster with no namespace of its own: the objects name theirs. */
const kubectlAll = async (args: string[], input: string) =>
  execa(KUBECTL, ['--kubeconfig', testKubeconfigPath(), ...args], { input, timeout: 300_000 });

const id = (i: number) => `s${String(i).padStart(3, '0')}`;
const namespaceOf = (student: string) => `tp-gic-${run}-${student}`;
type State = 'solved' | 'half' | 'empty';
const stateOf = (i: number): State => (['solved', 'half', 'empty'] as const)[i % 3] as State;
const FACTS = { contexts: 1, serverHost: 'training.example.org' };

/** ConfigMaps of section 2 that a student in `state` made. */
const configMaps = (state: State): Array<[string, Record<string, string>]> => {
  const all: Array<[string, Record<string, string>]> = [['cm1', { version: '1.0', country: 'fr' }], ['cm2', { version: '1.0', country: 'uk' }],
    ['cm3', { version: '1.1', country: 'de' }], ['cm4', { version: '1.1', country: 'fr' }], ['cm5', {}]];
  return state === 'solved' ? all : state === 'half' ? all.slice(0, 2) : [];
};

/** What a student in `state` wrote (every tenth one got the number of contexts wrong). */
const answersOf = (i: number, namespace: string): string => {
  const right = tp4AnswersFor({ ...FACTS, namespace });
  const state = stateOf(i);
  const kept = state === 'solved' ? Object.keys(right) : state === 'half' ? ['Answer1', 'Answer2', 'Answer3', 'Answer4'] : [];
  const answers = Object.fromEntries(Object.keys(right).map((key) => [key, kept.includes(key) ? (right[key] as string) : '<fix me>']));
  if (i % 10 === 7 && state !== 'empty') answers['Answer1'] = '3';
  return answersFileText(answers);
};

/** The folder of this machine that every node mounts at SHARED_MOUNT. */
const sharedFolderOnNodes = async (): Promise<string> => {
  const { controlPlane, workers } = await kindNodes();
  const sources = await Promise.all([controlPlane, ...workers].map(async (node) =>
    (await execa('docker', ['inspect', '-f', `{{range .Mounts}}{{if eq .Destination "${SHARED_MOUNT}"}}{{.Source}}{{end}}{{end}}`, node])).stdout.trim()));
  if (sources.some((source) => source === '') || new Set(sources).size !== 1) {
    throw new Error(`the kind nodes do not all mount one folder at ${SHARED_MOUNT}: the cluster was made before scripts/kind/cluster.yaml had it; npm run kind:up recreates it`);
  }
  return sources[0] as string;
};

/** The image built by the global setup, pushed to the kind registry; the name the nodes pull. */
const pushImage = async (): Promise<string> => {
  const registry = kindRegistry();
  const tag = inject('tpImage').split(':')[1] as string;
  await execa('docker', ['tag', inject('tpImage'), `${registry.pushFrom}/tp/tp:${tag}`]);
  await execa('docker', ['push', '-q', `${registry.pushFrom}/tp/tp:${tag}`], { env: { DOCKER_CONFIG: resolve('.cache/kind/docker-config') } });
  return `${registry.server}/tp/tp:${tag}`;
};

const makeCohort = async () => {
  mkdirSync(answersDir);
  const students: string[] = [];
  const objects: string[] = [];
  for (let i = 0; i < STUDENTS; i += 1) {
    const student = id(i);
    const namespace = namespaceOf(student);
    students.push(`  - { id: ${student}, email: ${student}@example.org }`);
    writeFileSync(join(answersDir, student), answersOf(i, namespace));
    objects.push(`apiVersion: v1\nkind: Namespace\nmetadata: { name: ${namespace}, labels: { tp.test/grade-in-cluster: "${run}" } }`);
    for (const [name, labels] of configMaps(stateOf(i))) {
      objects.push(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: ${namespace}, labels: ${JSON.stringify(labels)} }`);
    }
  }
  // One student whose namespace was never made (graded 0, with a warning), one who handed in no
  // answers file (in error): in both gradebooks alike.
  students.push('  - { id: ghost, email: ghost@example.org }', '  - { id: nofile, email: nofile@example.org }');
  writeFileSync(join(answersDir, 'ghost'), answersOf(2, namespaceOf('ghost')));
  writeFileSync(cohortFile, [
    'lab: tp4',
    'defaults:',
    '  answers: answers/{id}',
    `  namespace: "tp-gic-${run}-{id}"`,
    `  facts: { contexts: ${FACTS.contexts}, server: "https://${FACTS.serverHost}:6443" }`,
    'students:',
    ...students,
    '',
  ].join('\n'));
  await kubectlAll(['create', '-f', '-'], objects.join('\n---\n'));
};

const makeVolume = async () => {
  const shared = await sharedFolderOnNodes();
  sharedRunDir = join(shared, `grading-${run}`);
  mkdirSync(sharedRunDir);
  // The shards run as user 1000; a hostPath is not made theirs by fsGroup.
  chmodSync(sharedRunDir, 0o777);
  await kubectlAll(['create', '-f', '-'], JSON.stringify({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: volume, labels: { 'tp.test/grade-in-cluster': run } },
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteMany'],
      storageClassName: 'standard',
      persistentVolumeReclaimPolicy: 'Retain',
      claimRef: { namespace: GRADING_NAMESPACE, name: 'tp-grades' },
      hostPath: { path: `${SHARED_MOUNT}/grading-${run}`, type: 'Directory' },
    },
  }));
};

const say = (text: string) => process.stderr.write(`[grade-in-cluster test] ${text}\n`);

beforeAll(async () => {
  const started = Date.now();
  const [image] = await Promise.all([pushImage(), makeCohort(), makeVolume()]);
  say(`image pushed, ${STUDENTS} namespaces and the volume made in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const registry = kindRegistry();
  const dockerConfig = join(work, 'pull.json');
  writeFileSync(dockerConfig, JSON.stringify({ auths: { [registry.server]: { auth: Buffer.from(`${registry.username}:${registry.password}`).toString('base64') } } }));
  const env = { KUBECTL, KUBECONFIG: testKubeconfigPath() };
  script = await execa('bash', ['deploy/grade-in-cluster.sh', '--image', image, '--cohort', cohortFile, '--answers', answersDir, '--output', jobOut,
    '--pull-secret', dockerConfig, '--fetch-image', 'alpine'], { env, reject: false, timeout: 900_000 });
  process.stderr.write(`${script.stderr}\n`);
  say(`deploy/grade-in-cluster.sh exited ${script.exitCode} after ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
}, 1_200_000);

afterAll(async () => {
  await kubectl('default', ['delete', 'namespace', GRADING_NAMESPACE, '--ignore-not-found', '--wait=true', '--timeout=120s']).catch(() => '');
  await kubectl('default', ['delete', 'namespace', '-l', label, '--wait=false']).catch(() => '');
  await kubectl('default', ['delete', 'persistentvolume', volume, '--ignore-not-found']).catch(() => '');
  await kubectl('default', ['delete', '-f', 'deploy/rbac.yaml', '-f', 'deploy/rbac-readonly.yaml', '--ignore-not-found']).catch(() => '');
  if (sharedRunDir) rmSync(sharedRunDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}, 300_000);

/** A gradebook's file with the folder of the cohort written alike, wherever it was (the pod's /cohort, this machine's). */
const gradebookFile = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8').replaceAll(work, '<cohort>').replaceAll('/cohort/', '<cohort>/');

/** What a gradebook says of each student, without when it was made. */
const graded = (dir: string) => {
  const book = JSON.parse(gradebookFile(dir, 'grades.json')) as {
    summary: { students: number; graded: number; errors: number };
    students: Array<{ id: string; status: string; reason?: string; report?: { score: number; exercises: Array<{ id: string; score: number; checks: Array<{ id: string; status: string; earned: number; message: string }> }> } }>;
  };
  return {
    summary: book.summary,
    students: book.students.map((s) => ({
      id: s.id,
      status: s.status,
      reason: s.reason,
      score: s.report?.score,
      checks: s.report?.exercises.flatMap((e) => e.checks.map((c) => `${e.id}/${c.id} ${c.status} ${c.earned} ${c.message}`)),
    })),
  };
};

describe(`grading ${STUDENTS} students in the cluster (deploy/grade-in-cluster.sh)`, () => {
  it('runs the Indexed Job and the merge, and copies the gradebook out', () => {
    expect(script.stderr).toContain('job/tp-grade complete');
    expect(script.stderr).toContain('job/tp-grade-merge complete');
    expect(script.exitCode).toBe(0);
    expect(readdirSync(jobOut).sort()).toEqual(['feedback', 'grades-not-imported.csv', 'grades.csv', 'grades.json', 'report.html']);
  });

  it('spread the 3 shards over the nodes that take pods', async () => {
    const nodes = (await kubectl(GRADING_NAMESPACE, ['get', 'pods', '-l', 'job-name=tp-grade', '--field-selector=status.phase=Succeeded', '-o', 'jsonpath={.items[*].spec.nodeName}'])).split(' ');
    expect(nodes).toHaveLength(3);
    const schedulable = (await kubectl('default', ['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.taints[*].effect}{"\\n"}{end}']))
      .split('\n').filter((line) => line && !line.includes('NoSchedule')).length;
    expect(new Set(nodes).size).toBe(Math.min(3, schedulable));
  });

  it('read the cluster through the pods\' ServiceAccount: every student graded but the one with no answers file', () => {
    const { summary, students } = graded(jobOut);
    expect(students.filter((s) => s.status === 'error').map((s) => `${s.id}: ${s.reason}`)).toEqual([expect.stringMatching(/^nofile: .*answers/)]);
    expect(summary).toMatchObject({ students: STUDENTS + 2, graded: STUDENTS + 1, errors: 1 });
    expect(students.find((s) => s.id === 'ghost')).toMatchObject({ status: 'graded', score: 0 });
    // The states differ, and so do the grades: solved, half done, not started, a wrong answer.
    const scores = new Set(students.map((s) => s.score).filter((score) => score !== undefined));
    expect(scores.size).toBeGreaterThanOrEqual(4);
  });

  it('wrote what one tp grade on this machine writes for the same cohort', async () => {
    const local = await runTp(['grade', '--cohort', cohortFile, '--output', localOut], { env: { LANG: 'fr_FR.UTF-8', NO_COLOR: '1', KUBECONFIG: testKubeconfigPath() } });
    expect(local.exitCode).toBe(2);
    for (const file of ['grades.csv', 'grades-not-imported.csv']) expect(gradebookFile(jobOut, file), file).toBe(gradebookFile(localOut, file));
    expect(graded(jobOut)).toEqual(graded(localOut));
    expect(readdirSync(join(jobOut, 'feedback')).sort()).toEqual(readdirSync(join(localOut, 'feedback')).sort());
  });
});
