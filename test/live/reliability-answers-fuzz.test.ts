// Half-edited answers files, checked with `tp check 4` against a solved
// namespace of the real cluster: either a report (exit 0 or 1, valid JSON, no
// check in `error`: a strange answer is a wrong answer) or exit 2 with the
// file and line on stderr and nothing on stdout. Never a stack trace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import type { Report } from '../../src/engine/types.js';

const RUNS = { values: 300, texts: 300 };
const kubeconfig = testKubeconfigPath();
const kc = makeKubeConfig();
const work = mkdtempSync(join(tmpdir(), 'tp-answers-fuzz-'));
const answersFile = join(work, 'answers_tp4');
let solved: SolvedTp4 | undefined;

beforeAll(async () => {
  solved = await solvedTp4Namespace('answers-fuzz', kc);
});
afterAll(async () => {
  await solved?.remove();
});

const outcomes = { reports: 0, refusals: 0 };

const checksCleanly = async (content: string | Uint8Array): Promise<void> => {
  writeFileSync(answersFile, content);
  const { exitCode, stdout, stderr } = await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', solved?.namespace ?? '', '--answers', answersFile, '--http-via', 'nodeport', '--timeout', '2', '--format', 'json']);
  expect(stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
  if (exitCode === 2) {
    outcomes.refusals += 1;
    expect(stdout).toBe('');
    expect(stderr).toMatch(/answers_tp4:\d+/);
    return;
  }
  outcomes.reports += 1;
  expect([0, 1]).toContain(exitCode);
  const checks = (JSON.parse(stdout) as Report).exercises.flatMap((e) => e.checks);
  expect(checks.filter((c) => c.status === 'error')).toEqual([]);
};

// Values a student might leave: the right one, a placeholder, selector-ish junk, control characters, anything.
const value = fc.oneof(
  fc.constantFrom('<fix me>', '', ' ', 'country=fr', 'country in (fr', '!', '!!version', 'a,b,,c', 'x'.repeat(5000), 'ReplicaSet\u0000', '\u202e', '1e309', '-0'),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('a', '=', '!', '(', ')', ',', ' ', 'in', 'notin', '/', '.', '-', '1', '"', '\\'), maxLength: 30 }),
);
const keys = ['Answer1', 'Answer2', 'Answer3', 'Answer4', 'Answer5', 'Answer6', 'Answer7', 'Answer8'];

const piece = fc.constantFrom('{', '}', '"', ':', ',', '\n', '\r\n', ' ', '"Answer4": ', '"Answer8": ', '"<fix me>"', '"country=fr"', '\\', '\\u00e9', '\\u12', '//', '#', '\uFEFF', '\u0000', 'é', '“');

describe('tp check with a half-edited answers file, on a solved namespace', () => {
  it(`answers of any value, in a well-formed file (${RUNS.values} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 8 }), async (overrides) => {
        await checksCleanly(answersFileText(tp4Answers(kubeconfig, { Answer3: solved?.namespace ?? '', ...overrides })));
      }),
      { numRuns: RUNS.values },
    );
  }, 300_000);

  it(`a right file with a slice cut out or a piece pasted in, or random bytes (${RUNS.texts} runs)`, async () => {
    const right = answersFileText(tp4Answers(kubeconfig, { Answer3: solved?.namespace ?? '' }));
    const edited = fc.tuple(fc.nat(right.length), fc.nat(20), fc.option(piece, { nil: '' })).map(([start, cut, pasted]) => right.slice(0, start) + pasted + right.slice(start + cut));
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: edited }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) }), checksCleanly),
      { numRuns: RUNS.texts },
    );
    expect(outcomes.reports).toBeGreaterThan(0);
    expect(outcomes.refusals).toBeGreaterThan(0);
  }, 300_000);
});
