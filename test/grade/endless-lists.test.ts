// Issue 23, points 1 and 2: every read of a student's cluster ends, and on a shared cluster only hurts its owner. A student's API
// server (a stand-in on loopback) answers a LIST with empty pages and a new
// `continue` token forever, or with full pages forever: a LIST follows tokens
// within a bound of pages, bytes and time, that student is in `error` with the
// reason, and tp grade writes everyone's gradebook — unattended (stderr not a
// terminal, as in CI or the in-cluster Job) as well as on a terminal.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTp } from '../support/run-cli.js';
import { kubeconfigText, listAnswer, listOf, startStubApi, type StubApi } from '../support/stub-api.js';
import { builtinKind } from '../support/kinds.js';
import { listKind, MAX_LIST_PAGES } from '../../src/cluster/list-kind.js';
import { makeApiClient, MAX_API_BODY_BYTES } from '../../src/cluster/api-client.js';
import { credentialsOf } from '../../src/cluster/credentials.js';

const dir = mkdtempSync(join(tmpdir(), 'tp-endless-'));
const apis: StubApi[] = [];

/** A page of `bytes` of ConfigMap data, so that pages are full. */
const fullPage = (bytes: number) => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'alice' }, data: { blob: 'x'.repeat(bytes) } }];

let emptyPagesForever: StubApi;
let fullPagesForever: StubApi;
let honest: StubApi;

beforeAll(async () => {
  let token = 0;
  // Every LIST answer has a new token: a server that never says "that was the last page".
  emptyPagesForever = await startStubApi(({ path }) => (listOf(path) ? listAnswer([], `token-${(token += 1)}`) : { status: 404, json: { message: 'not found' } }));
  const page = fullPage(4 * 1024 * 1024);
  // Full pages for ConfigMaps (64 MiB of them is all tp reads of one LIST), empty ones for the other kinds.
  fullPagesForever = await startStubApi(({ path }) => {
    const list = listOf(path);
    if (!list) return { status: 404, json: { message: 'not found' } };
    return listAnswer(list.kind === 'configmaps' ? page : [], `token-${(token += 1)}`);
  });
  honest = await startStubApi(({ path }) => (listOf(path) ? listAnswer([]) : { status: 404, json: { message: 'not found' } }));
  apis.push(emptyPagesForever, fullPagesForever, honest);
  for (const [id, api] of [['alice', emptyPagesForever], ['carol', fullPagesForever], ['bob', honest]] as const) {
    writeFileSync(join(dir, `${id}.kubeconfig`), kubeconfigText(api.server, { namespace: id }));
    writeFileSync(join(dir, `answers_${id}`), '{ "Answer1": "1" }\n');
  }
  writeFileSync(
    join(dir, 'cohort.yaml'),
    `lab: tp4\nstudents:\n${['alice', 'carol', 'bob'].map((id) => `  - { id: ${id}, email: ${id}@example.org, kubeconfig: ${id}.kubeconfig, namespace: ${id}, answers: answers_${id} }\n`).join('')}`,
  );
});

afterAll(async () => {
  await Promise.all(apis.map((api) => api.stop()));
});

/** A stderr that says it is a terminal (the progress bar is drawn), recording what is written. */
const terminal = () => Object.assign(new Writable({ write: (_chunk, _encoding, done) => done() }), { isTTY: true });

describe('a LIST that never ends', () => {
  it('is cut after a bound of pages, saying so', async () => {
    const client = makeApiClient({ server: emptyPagesForever.server, credentials: credentialsOf({}, 'student', { token: 't' }, () => Promise.reject(new Error('unused'))) }, { timeoutMs: 2_000 });
    const before = emptyPagesForever.requests.length;
    const read = await listKind(client, builtinKind('configmaps'), 'alice');
    expect(read).toEqual({ ok: false, failure: { reason: 'other', overCap: true, message: `list configmaps in alice: more than ${MAX_LIST_PAGES} pages (the API server keeps answering "continue"), more than tp reads; nothing of it was graded` } });
    expect(emptyPagesForever.requests.length - before).toBe(MAX_LIST_PAGES);
  });

  it('is cut once its pages hold more than tp reads in one answer, saying so', async () => {
    const client = makeApiClient({ server: fullPagesForever.server, credentials: credentialsOf({}, 'student', { token: 't' }, () => Promise.reject(new Error('unused'))) }, { timeoutMs: 5_000 });
    const before = fullPagesForever.requests.length;
    const read = await listKind(client, builtinKind('configmaps'), 'alice');
    expect(read).toEqual({ ok: false, failure: { reason: 'other', overCap: true, message: 'list configmaps in alice: the answer is over 64 MiB, more than tp reads; nothing of it was graded' } });
    // No more pages than the bytes allow: 64 MiB in 4 MiB pages.
    expect(fullPagesForever.requests.length - before).toBeLessThanOrEqual(Math.ceil(MAX_API_BODY_BYTES / (4 * 1024 * 1024)) + 1);
  });

  it('on a shared cluster, is alice\'s alone: the others are read namespace by namespace, and the terminal names her', async () => {
    // The cluster-wide LIST of ConfigMaps, and alice's own, never end; bob's and every other kind do.
    let token = 0;
    const shared = await startStubApi(({ path }) => {
      const list = listOf(path);
      if (!list) return { status: 404, json: { message: 'not found' } };
      const endless = list.kind === 'configmaps' && (list.namespace === undefined || list.namespace === 'alice');
      return endless ? listAnswer([], `token-${(token += 1)}`) : listAnswer([]);
    });
    apis.push(shared);
    const work = mkdtempSync(join(dir, 'shared-'));
    writeFileSync(join(work, 'cluster.kubeconfig'), kubeconfigText(shared.server));
    for (const id of ['alice', 'bob']) writeFileSync(join(work, id), '{ "Answer1": "1" }\n');
    writeFileSync(join(work, 'cohort.yaml'), 'lab: tp4\ndefaults: { kubeconfig: cluster.kubeconfig }\nstudents:\n  - { id: alice, email: a@example.org, namespace: alice, answers: alice }\n  - { id: bob, email: b@example.org, namespace: bob, answers: bob }\n');
    const run = await runTp(['grade', '--cohort', join(work, 'cohort.yaml'), '--output', join(work, 'out'), '--format', 'json', '--timeout', '5'], { cwd: work });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain(`  alice (graded): cannot read configmaps: list configmaps in alice: more than ${MAX_LIST_PAGES} pages`);
    expect(run.stderr).not.toContain('bob (graded)');
    const students = (JSON.parse(readFileSync(join(work, 'out', 'grades.json'), 'utf8')) as { students: Array<{ id: string; report: { exercises: Array<{ checks: Array<{ messageId: string }> }> } }> }).students;
    const unread = (id: string) => students.find((student) => student.id === id)?.report.exercises.flatMap((exercise) => exercise.checks).filter((check) => check.messageId === 'engine.read-failed').length;
    expect(unread('alice')).toBeGreaterThan(0);
    expect(unread('bob')).toBe(0);
    // One cluster-wide LIST of ConfigMaps (cut at its bound), then one per student's namespace.
    expect(shared.requests.filter((request) => request.startsWith('/api/v1/namespaces/bob/configmaps'))).toHaveLength(1);
  }, 120_000);

  for (const [how, stderr] of [['unattended (stderr not a terminal)', undefined], ['on a terminal', terminal]] as const) {
    it(`puts that student in error and grades the others, ${how}`, async () => {
      const out = join(dir, `grades-${stderr ? 'tty' : 'ci'}`);
      const run = await runTp(
        ['grade', '--cohort', join(dir, 'cohort.yaml'), '--output', out, '--format', 'json', '--timeout', '5', '--student-timeout', '60'],
        { cwd: dir, ...(stderr ? { stderr: stderr(), env: { LANG: 'en_US.UTF-8', NO_COLOR: '1', TERM: 'xterm' } } : {}) },
      );
      expect(run.exitCode).toBe(2);
      const students = (JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8')) as { students: Array<{ id: string; status: string; reason?: string }> }).students;
      const byId = new Map(students.map((student) => [student.id, student]));
      expect(byId.get('bob')?.status).toBe('graded');
      expect(byId.get('alice')).toMatchObject({ status: 'error', reason: expect.stringMatching(/more than \d+ pages/) as string });
      expect(byId.get('carol')).toMatchObject({ status: 'error', reason: expect.stringMatching(/over 64 MiB|more than \d+ pages/) as string });
    }, 120_000);
  }
});
