// The live class when things go wrong, on the real local cluster: the API
// server restarts during the watch (tp lists again, and no cell is left stale:
// every cell agrees with a fresh `tp grade`); a student's own cluster goes
// away (that student shows an error, the others go on, and they are graded
// again once it is back); tp itself is stopped and started again (it resumes
// its history). Each change is a line on stdout when it is not a terminal.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { startApiProxy, type ApiProxy } from '../support/api-proxy.js';
import { startLiveTp, type LiveState, type LiveTp } from '../support/live-tp.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { bundleCli } from '../grade/bundle-cli.js';
import type { Report } from '../../src/engine/types.js';

const kc = makeKubeConfig();
const work = mkdtempSync(join(tmpdir(), 'tp-live-faults-'));
const out = join(work, 'out');
const namespaces = { alice: '', bob: '', carol: '' };
let shared: ApiProxy;
let carolsCluster: ApiProxy;
let cli = '';
let tp: LiveTp;

const label = (namespace: string, name: string, labels: Record<string, string>) =>
  kc.makeApiClient(CoreV1Api).patchNamespacedConfigMap({ name, namespace, body: [{ op: 'add', path: '/metadata/labels', value: labels }] });
const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, annotations: { 'tp.lab-test/made-with': 'kubectl create' } } });
const rowOf = (state: LiveState, id: string) => state.rows.find((row) => row.id === id);
const start = (extra: string[] = []) =>
  startLiveTp(
    cli,
    ['grade', 'tp4', '--cohort', join(work, 'cohort.yaml'), '--output', out, '--watch', '--serve', '--http-via', 'nodeport', '--timeout', '3', ...extra],
    { HOME: work, LANG: 'en_US.UTF-8' },
    process.cwd(),
  );

beforeAll(async () => {
  for (const id of ['alice', 'bob', 'carol'] as const) {
    namespaces[id] = await createTestNamespace(`live-faults-${id}`, kc);
    await applyManifests(namespaces[id], [configMap('cm1'), configMap('cm2')], kc);
  }
  shared = await startApiProxy(testKubeconfigPath());
  carolsCluster = await startApiProxy(testKubeconfigPath());
  shared.writeKubeconfig(join(work, 'shared.kubeconfig'));
  carolsCluster.writeKubeconfig(join(work, 'carol.kubeconfig'));
  mkdirSync(join(work, 'answers'));
  for (const id of ['alice', 'bob', 'carol'] as const) {
    writeFileSync(join(work, 'answers', id), answersFileText(tp4Answers(join(work, 'shared.kubeconfig'), { Answer3: namespaces[id] })));
  }
  writeFileSync(
    join(work, 'cohort.yaml'),
    `lab: tp4
defaults: { kubeconfig: ${join(work, 'shared.kubeconfig')}, answers: "answers/{id}" }
students:
  - { id: alice, email: alice@example.org, namespace: ${namespaces.alice} }
  - { id: bob, email: bob@example.org, namespace: ${namespaces.bob} }
  - { id: carol, email: carol@example.org, namespace: ${namespaces.carol}, kubeconfig: ${join(work, 'carol.kubeconfig')} }
`,
  );
  cli = await bundleCli();
  tp = await start();
  await waitFor(async () => (await tp.state()).aggregate.graded === 3, 60_000, 'the three students graded');
}, 240_000);

afterAll(async () => {
  await tp?.interrupt();
  await shared?.stop();
  await carolsCluster?.stop();
  await Promise.all(Object.values(namespaces).filter(Boolean).map((namespace) => deleteNamespace(namespace, kc)));
});

describe('tp grade --watch when things go wrong', () => {
  it('lists again after the API server restarts, and no cell is left stale', async () => {
    const lists = shared.requests.filter((r) => r.verb === 'list').length;
    const restarting = shared.restart(3000);
    // What students do while the API server is away: only a new LIST can tell.
    await label(namespaces.alice, 'cm1', { version: '1.0', country: 'fr' });
    await label(namespaces.bob, 'cm2', { version: '1.0', country: 'uk' });
    await restarting;
    await waitFor(async () => {
      const state = await tp.state();
      return tp.cell(state, 'alice', 'cm1-labels') === 'pass' && tp.cell(state, 'bob', 'cm2-labels') === 'pass' && rowOf(state, 'alice')?.status === 'graded';
    }, 60_000, 'the changes made during the restart');
    expect(shared.requests.filter((r) => r.verb === 'list').length).toBeGreaterThan(lists);

    // Every cell as a fresh tp grade of the same cohort sees it now.
    const fresh = await runTp(['grade', 'tp4', '--cohort', join(work, 'cohort.yaml'), '--output', join(work, 'fresh'), '--http-via', 'nodeport', '--format', 'json', '--timeout', '3']);
    expect(fresh.exitCode).toBe(0);
    const graded = JSON.parse(readFileSync(join(work, 'fresh', 'grades.json'), 'utf8')) as { students: Array<{ id: string; report: Report }> };
    const state = await tp.state();
    for (const student of graded.students) {
      const expected = student.report.exercises.flatMap((exercise) => exercise.checks.map((check) => check.status));
      expect({ id: student.id, cells: rowOf(state, student.id)?.cells }).toEqual({ id: student.id, cells: expected });
    }
  });

  it("shows a student whose own cluster is gone in error, the others going on, and grades them again once it is back", async () => {
    await carolsCluster.down();
    await waitFor(async () => rowOf(await tp.state(), 'carol')?.status === 'error', 30_000, 'carol in error');
    expect(rowOf(await tp.state(), 'carol')?.reason).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    // Carol's last results stay on her row (dimmed on the page), her classmates' change on.
    expect(tp.cell(await tp.state(), 'carol', 'cm1-labels')).toBe('fail');
    await label(namespaces.bob, 'cm1', { version: '1.0', country: 'fr' });
    await waitFor(async () => tp.cell(await tp.state(), 'bob', 'cm1-labels') === 'pass', 30_000, "bob's change while carol's cluster is gone");
    await label(namespaces.carol, 'cm1', { version: '1.0', country: 'fr' });
    await carolsCluster.up();
    await waitFor(async () => {
      const state = await tp.state();
      return rowOf(state, 'carol')?.status === 'graded' && tp.cell(state, 'carol', 'cm1-labels') === 'pass';
    }, 60_000, 'carol graded again with what she did meanwhile');
  });

  it('prints a line per change when stdout is not a terminal', () => {
    const lines = tp.stdout().split('\n');
    expect(lines.some((line) => /^\d\d:\d\d:\d\d alice cm1-labels ✘ fail → ✔ pass$/.test(line))).toBe(true);
    expect(lines.some((line) => /^\d\d:\d\d:\d\d carol graded → error: cluster \(context "proxied"\): cannot reach /.test(line))).toBe(true);
    // A restart is the students' status going and coming, not each of their checks.
    expect(lines.filter((line) => line.includes('→ ! error'))).toEqual([]);
  });

  it('resumes its history when started again, in French too, with nothing recorded twice', async () => {
    expect(await tp.interrupt()).toBe(0);
    const historyFile = join(out, 'history.jsonl');
    const before = readFileSync(historyFile, 'utf8').split('\n').filter(Boolean);
    tp = await startLiveTp(
      cli,
      ['grade', 'tp4', '--cohort', join(work, 'cohort.yaml'), '--output', out, '--watch', '--serve', '--http-via', 'nodeport', '--lang', 'fr'],
      { HOME: work, LANG: 'en_US.UTF-8' },
      process.cwd(),
    );
    expect(tp.stderr()).toMatch(/Historique repris : \d+ changement\(s\) depuis le /);
    await waitFor(async () => (await tp.state()).aggregate.graded === 3, 60_000, 'the three students graded again');
    await label(namespaces.alice, 'cm2', { version: '1.0', country: 'uk' });
    await waitFor(async () => tp.cell(await tp.state(), 'alice', 'cm2-labels') === 'pass', 30_000, 'a change after the restart');
    expect(await tp.interrupt()).toBe(0);
    const added = readFileSync(historyFile, 'utf8').split('\n').filter(Boolean).slice(before.length).map((line) => JSON.parse(line) as Record<string, unknown>);
    // Only what changed since: alice's cm2 (and what it changed), no student seen "for the first time" again.
    expect(added.filter((record) => record['before'] === null)).toEqual([]);
    expect(added).toContainEqual(expect.objectContaining({ student: 'alice', check: 'cm2-labels', before: 'fail', after: 'pass' }));
    expect(tp.stderr()).toContain('Carnet de notes final écrit dans');
  }, 180_000);
});
