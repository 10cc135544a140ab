// A cohort graded against clusters in memory: students of one cluster share
// its reads, a broken student does not stop the others, Ctrl-C keeps what
// was graded.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../../src/cli/load-lab.js';
import { kindsNeeded } from '../../src/engine/evaluate.js';
import { runCohort, type CohortRunOptions } from '../../src/grade/run-cohort.js';
import { StudentTimeout, withTimeout } from '../../src/grade/grade-student.js';
import type { CohortStudent } from '../../src/grade/types.js';
import type { Lab } from '../../src/lab/types.js';
import { ClusterError } from '../../src/core/errors.js';
import { configMap, fakeCluster, fakeKubeconfig, inMemoryRunOptions, node, type FakeCluster } from './fake-cluster.js';

const dir = mkdtempSync(join(tmpdir(), 'tp-run-cohort-'));
let lab: Lab;

// Loading and validating the lab takes seconds on a loaded two-core machine.
beforeAll(async () => {
  lab = await loadLab('tp4', process.cwd());
}, 60_000);

const answers = (id: string, text = '{ "Answer1": "1", "Answer4": "country=fr" }\n'): string => {
  const file = join(dir, id);
  writeFileSync(file, text);
  return file;
};

const student = (index: number, id: string, extra: Partial<CohortStudent> = {}): CohortStudent => ({
  index,
  id,
  namespace: id,
  answers: answers(id),
  answersAsWritten: `answers/${id}`,
  ...extra,
});

const objects = [configMap('s0', 'cm1', { version: '1.0', country: 'fr' }), node('cp', { 'node-role.kubernetes.io/control-plane': '' }), node('w1')];

const options = (students: CohortStudent[], clusters: Record<string, FakeCluster>, extra: Partial<CohortRunOptions> = {}): CohortRunOptions =>
  inMemoryRunOptions(lab, students, (kubeconfig) => (clusters[kubeconfig.facts.context] as FakeCluster).client, {
    loadKubeconfig: ({ kubeconfig }) => {
      if (kubeconfig === '/missing.yaml') throw new ClusterError('KUBECONFIG_INVALID', '-', 'kubeconfig file not found: /missing.yaml');
      return fakeKubeconfig(kubeconfig ?? 'shared');
    },
    ...extra,
  });

describe('runCohort', () => {
  it('reads a shared cluster once per kind, however many students it has', async () => {
    const kinds = kindsNeeded(lab, { registry: 'registry.example.org' }).size;
    for (const size of [1, 3, 40]) {
      const shared = fakeCluster(objects);
      const students = Array.from({ length: size }, (_, i) => student(i, `s${i}`));
      const run = await runCohort(options(students, { shared }));
      expect(run.results.map((r) => r.status)).toEqual(students.map(() => 'graded'));
      expect(run.stats.apiRequests, `${size} students`).toBe(kinds);
    }
  });

  it('grades each student in their own namespace, in their language, with their facts', async () => {
    const shared = fakeCluster(objects);
    const run = await runCohort(
      options([student(0, 's0'), student(1, 's1', { lang: 'en', facts: { contexts: 1 } })], { shared }),
    );
    const [first, second] = run.results.map((r) => r.report);
    const cm1 = (report: typeof first) => report?.exercises.flatMap((e) => e.checks).find((c) => c.id === 'cm1-labels')?.status;
    expect(cm1(first)).toBe('pass');
    expect(cm1(second)).toBe('fail');
    expect(first?.lang).toBe('fr');
    expect(second?.lang).toBe('en');
    expect(second?.target).toMatchObject({ namespace: 's1', answers: 'answers/s1' });
    const answer1 = second?.exercises.flatMap((e) => e.checks).find((c) => c.id === 'answer1-context-count');
    expect(answer1?.status).toBe('pass');
  });

  it('puts a student in error, with the reason, and grades the others', async () => {
    const shared = fakeCluster(objects);
    const down = fakeCluster(objects, { unreachable: true });
    const run = await runCohort(
      options(
        [
          student(0, 's0'),
          student(1, 'broken', { answers: join(dir, 'never-written') }),
          student(2, 'far', { kubeconfig: 'down' }),
          student(3, 'lost', { kubeconfig: '/missing.yaml' }),
          student(4, 's4'),
        ],
        { shared, down },
      ),
    );
    expect(run.results.map((r) => [r.student.id, r.status])).toEqual([
      ['s0', 'graded'],
      ['broken', 'error'],
      ['far', 'error'],
      ['lost', 'error'],
      ['s4', 'graded'],
    ]);
    expect(run.results[1]?.reason).toMatch(/never-written/);
    expect(run.results[2]?.reason).toMatch(/ECONNREFUSED/);
    expect(run.results[3]?.reason).toMatch(/kubeconfig file not found/);
    expect(run.complete).toBe(true);
  });

  it('keeps what was graded when aborted, the rest pending', async () => {
    const shared = fakeCluster(objects);
    const hanging = fakeCluster(objects);
    hanging.client.getJson = () => new Promise(() => {});
    const controller = new AbortController();
    const done: string[] = [];
    const running = runCohort(
      options([student(0, 's0'), student(1, 'stuck', { kubeconfig: 'hanging' })], { shared, hanging }, {
        signal: controller.signal,
        onStudent: (result) => {
          done.push(result.student.id);
          controller.abort();
        },
      }),
    );
    const run = await running;
    expect(done).toEqual(['s0']);
    expect(run.complete).toBe(false);
    expect(run.results.map((r) => r.status)).toEqual(['graded', 'pending']);
  });

  it('bounds a slow student with the per-student timeout', async () => {
    let abandoned: AbortSignal | undefined;
    const never = (signal: AbortSignal) => {
      abandoned = signal;
      return new Promise<string>(() => {});
    };
    await expect(withTimeout(never, 5)).rejects.toThrow(StudentTimeout);
    // What the slow student still waited on is told to stop.
    expect(abandoned?.aborted).toBe(true);
    await expect(withTimeout(async () => 'graded', 1000)).resolves.toBe('graded');
  });
});
