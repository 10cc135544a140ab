// Ctrl-C in the middle of a grading: one student's API server hangs (it
// accepts connections and never answers), the trainer presses Ctrl-C. What
// was graded is written, whole, marked incomplete; nothing is half-written.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { answersFileText, tp4Answers, tp4Manifests } from '../support/tp4-solution.js';
import { bundleCli } from '../grade/bundle-cli.js';

const kubeconfig = testKubeconfigPath();
const kc = makeKubeConfig();
const work = mkdtempSync(join(tmpdir(), 'tp-grade-interrupt-'));
let namespace = '';
let blackHole: Server | undefined;
const sockets: Socket[] = [];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));

beforeAll(async () => {
  namespace = await createTestNamespace('grade-interrupt', kc);
  await applyManifests(namespace, tp4Manifests().filter((o: KubernetesObject) => o.kind === 'ConfigMap'), kc);
  blackHole = createServer((socket) => sockets.push(socket));
  await new Promise<void>((listening) => blackHole?.listen(0, '127.0.0.1', listening));
  const { port } = blackHole.address() as { port: number };
  writeFileSync(join(work, 'hung.kubeconfig'), readFileSync(kubeconfig, 'utf8').replace(/server: https:\/\/[^\s]+/, `server: https://127.0.0.1:${port}`));
  mkdirSync(join(work, 'answers'));
  for (const id of ['alice', 'bob', 'stuck']) writeFileSync(join(work, 'answers', id), answersFileText(tp4Answers(kubeconfig)));
  writeFileSync(
    join(work, 'cohort.yaml'),
    `lab: tp4
defaults: { kubeconfig: ${kubeconfig}, namespace: ${namespace}, answers: "answers/{id}" }
students:
  - { id: alice }
  - { id: bob }
  - { id: stuck, kubeconfig: hung.kubeconfig }
`,
  );
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((closed) => (blackHole ? blackHole.close(closed) : closed(undefined)));
  if (namespace) await deleteNamespace(namespace, kc);
});

describe('Ctrl-C during tp grade', () => {
  it('keeps what was graded, whole, marked incomplete, and exits 2', async () => {
    const cli = await bundleCli();
    const out = join(work, 'out');
    const child = spawn(process.execPath, [cli, 'grade', 'tp4', '--cohort', join(work, 'cohort.yaml'), '--output', out, '--timeout', '60', '--http-via', 'nodeport'], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, HOME: work, LANG: 'en_US.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

    // The hung cluster has been dialled: the others, on the local cluster, are graded a moment later.
    await waitFor(() => sockets.length > 0, 20_000, 'the grader to dial the hung API server');
    await new Promise((wait) => setTimeout(wait, 2000));
    expect(existsSync(join(out, 'grades.json'))).toBe(false);
    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise((_, fail) => setTimeout(() => fail(new Error('tp grade did not stop on SIGINT')), 15_000))]);

    expect(code).toBe(2);
    expect(stderr).toContain('Interrupted');
    const json = JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8')) as { complete: boolean; students: Array<{ id: string; status: string }> };
    expect(json.complete).toBe(false);
    expect(json.students.map((s) => [s.id, s.status])).toEqual([
      ['alice', 'graded'],
      ['bob', 'graded'],
      ['stuck', 'pending'],
    ]);
    // No identifier in this cohort: nobody is importable, and the pending student says why.
    const notImported = readFileSync(join(out, 'grades-not-imported.csv'), 'utf8').split('\r\n').filter(Boolean);
    expect(notImported).toHaveLength(4);
    expect(notImported[3]).toMatch(/^stuck,.*,pending,not graded/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('id="incomplete"');
    // Every file is whole: no temporary file of an atomic write is left behind.
    expect(filesUnder(out).filter((file) => file.includes('.tmp-'))).toEqual([]);
    expect(filesUnder(out).map((file) => file.slice(out.length + 1)).sort()).toEqual(['feedback/alice.md', 'feedback/bob.md', 'feedback/stuck.md', 'grades-not-imported.csv', 'grades.csv', 'grades.json', 'report.html']);
  }, 60_000);
});
