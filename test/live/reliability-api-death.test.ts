// The API server of one cluster dies in the middle of `tp grade`: played by
// stopping, mid-read, the proxy through which that cluster is reached (tp sees
// its connections cut, then refused). Students graded before are kept, the
// students of the dead cluster are `error` with the reason, the cluster read
// after it is graded, the gradebook is written whole, exit 2, no stack trace.
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import type { Report } from '../../src/engine/types.js';

const kubeconfig = testKubeconfigPath();
const kc = makeKubeConfig();
const work = mkdtempSync(join(tmpdir(), 'tp-api-death-'));
let solved: SolvedTp4 | undefined;
let proxy: FaultProxy | undefined;

interface GradesJson {
  complete: boolean;
  students: Array<{ id: string; status: string; reason?: string; report?: Report }>;
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));

beforeAll(async () => {
  solved = await solvedTp4Namespace('api-death', kc);
  // Requests through the proxy wait 2 s before reaching the API server: time to kill it mid-read.
  proxy = await startFaultProxy(kubeconfig, { delayMs: 2000 });
  proxy.writeKubeconfig(kubeconfig, join(work, 'dying.kubeconfig'));
  // Another cluster graded after the dying one (the same API server, as another kubeconfig file).
  copyFileSync(kubeconfig, join(work, 'later.kubeconfig'));
  writeFileSync(join(work, 'answers'), answersFileText(tp4Answers(kubeconfig, { Answer3: solved.namespace })));
  writeFileSync(
    join(work, 'cohort.yaml'),
    `lab: tp4
defaults: { namespace: ${solved.namespace}, answers: answers }
students:
  - { id: alice, kubeconfig: ${kubeconfig} }
  - { id: bob, kubeconfig: ${kubeconfig} }
  - { id: carol, kubeconfig: dying.kubeconfig }
  - { id: dave, kubeconfig: dying.kubeconfig }
  - { id: erin, kubeconfig: later.kubeconfig }
`,
  );
});

afterAll(async () => {
  await proxy?.stop();
  await solved?.remove();
});

describe('the API server killed in the middle of tp grade', () => {
  it('keeps who was graded, puts the dead cluster\'s students in error with the reason, writes the gradebook, exits 2', async () => {
    const out = join(work, 'grades');
    // One cluster at a time, in cohort order: alice and bob's cluster is read before the dying one.
    const running = runTp(['grade', 'tp4', '--cohort', join(work, 'cohort.yaml'), '--output', out, '--concurrency', '1', '--http-via', 'nodeport', '--timeout', '10']);
    await waitFor(() => (proxy?.connections ?? 0) > 0, 30_000, 'tp grade to start reading the dying cluster');
    await proxy?.stop();
    const run = await running;

    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
    const grades = JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8')) as GradesJson;
    expect(grades.complete).toBe(true);
    expect(grades.students.map((s) => [s.id, s.status])).toEqual([
      ['alice', 'graded'],
      ['bob', 'graded'],
      ['carol', 'error'],
      ['dave', 'error'],
      ['erin', 'graded'],
    ]);
    for (const student of grades.students.filter((s) => s.status === 'graded')) {
      expect(student.report?.score, student.id).toBe(student.report?.maxScore);
    }
    for (const student of grades.students.filter((s) => s.status === 'error')) {
      expect(student.reason).toMatch(new RegExp(`cannot reach ${proxy?.server.replace(/[.]/g, '\\.')} \\(ECONNREFUSED\\)|connection to .* was cut`));
      expect(run.stderr).toContain(`${student.id}: `);
    }
    expect(readFileSync(join(out, 'grades-not-imported.csv'), 'utf8')).toMatch(/^carol,.*,error,/m);
    expect(filesUnder(out).filter((file) => file.includes('.tmp-'))).toEqual([]);
    expect(filesUnder(out).map((file) => file.slice(out.length + 1)).sort()).toEqual([
      'feedback/alice.md', 'feedback/bob.md', 'feedback/carol.md', 'feedback/dave.md', 'feedback/erin.md', 'grades-not-imported.csv', 'grades.csv', 'grades.json', 'report.html',
    ]);
  }, 60_000);
});
