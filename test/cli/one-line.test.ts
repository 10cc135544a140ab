// Issue 23, point 10: one line is one line. A student's API server writes line
// feeds and carriage returns into its error messages (and a student's
// kubeconfig into its context name) to print lines of its own on the trainer's
// terminal — a forged "2/2 students graded, 0 in error". What tp prints keeps
// such text inside the line that quotes it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTp } from '../support/run-cli.js';
import { kubeconfigText, startStubApi, type StubApi } from '../support/stub-api.js';
import { ApiFailure, statusFailure } from '../../src/cluster/api-failure.js';
import { cleanText, oneLine } from '../../src/core/clean-text.js';

const FORGED = '2/2 students graded, 0 in error, 0 not graded (0.1 s)';
const BREAKS = `\n${FORGED}\r\n${FORGED}\r${FORGED}\u2028${FORGED}\u0085${FORGED}\n`;

const dir = mkdtempSync(join(tmpdir(), 'tp-one-line-'));
let api: StubApi;

beforeAll(async () => {
  // Every request is refused with a message full of line breaks, as a crafted API server can.
  api = await startStubApi(() => ({ status: 400, json: { kind: 'Status', status: 'Failure', reason: 'BadRequest', message: `no${BREAKS}` } }));
});

afterAll(async () => {
  await api.stop();
});

/** The lines of `text` that are the forged one (or end with it, after a CR). */
const forgedLines = (text: string): string[] => text.split(/\r\n|\r|\n|\u2028|\u0085/).filter((line) => line.trim().startsWith('2/2 students graded'));

describe('student text on the terminal', () => {
  it('tp grade prints each student in error on one line, whatever their API server says', async () => {
    const kubeconfig = join(dir, 'student.kubeconfig');
    writeFileSync(kubeconfig, kubeconfigText(api.server, { context: `ctx${BREAKS}` }));
    const cohort = join(dir, 'cohort.yaml');
    writeFileSync(cohort, `lab: tp4\nstudents:\n  - { id: alice, kubeconfig: ${kubeconfig}, namespace: alice, answers: answers_alice }\n  - { id: bob, kubeconfig: ${kubeconfig}, namespace: bob, answers: answers_bob }\n`);
    for (const id of ['alice', 'bob']) writeFileSync(join(dir, `answers_${id}`), '{}\n');
    const run = await runTp(['grade', '--cohort', cohort, '--output', join(dir, 'grades'), '--format', 'json', '--timeout', '2'], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(forgedLines(run.stderr)).toEqual([]);
    const lines = run.stderr.trimEnd().split('\n');
    // Alice's and bob's lines, then the true count and where the gradebook is.
    expect(lines.filter((line) => /^ {2}(alice|bob): /.test(line))).toHaveLength(2);
    expect(lines.at(-2)).toMatch(/^0\/2 students graded, 2 in error/);
    expect(lines.find((line) => line.startsWith('  alice: '))).toContain(FORGED);
  });

  it('tp check prints the API server\'s refusal on one line', async () => {
    const kubeconfig = join(dir, 'check.kubeconfig');
    writeFileSync(kubeconfig, kubeconfigText(api.server));
    writeFileSync(join(dir, 'answers_tp4'), '{}\n');
    const run = await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', 'alice', '--answers', join(dir, 'answers_tp4'), '--timeout', '2'], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(forgedLines(run.stderr)).toEqual([]);
    expect(run.stderr.split('\n').find((line) => line.startsWith('tp: cluster'))).toContain(FORGED);
  });

  it('a failure read from any API answer is one line, and oneLine keeps every other character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 400, max: 599 }), (text, status) => {
        const message = new ApiFailure(statusFailure(status, JSON.stringify({ message: text }), '/api/v1/pods')).failure.message;
        expect(message).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
        expect(oneLine(text)).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
        // Text without line breaks is only cleaned, as every output is.
        const flat = text.replace(/[\r\n\u2028\u2029\u0085\v\f]/g, '');
        expect(oneLine(flat)).toBe(cleanText(flat));
      }),
    );
  });
});
