// Whatever a cohort file holds, reading it gives students or problems at their
// place (file:line:col), never an exception; and `tp grade` on it exits 2
// with those problems and writes nothing, or grades and writes a whole
// gradebook. The only cluster a generated cohort can name is a loopback port
// where nothing listens.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCohort } from '../../src/grade/cohort-file.js';
import { CohortError } from '../../src/core/errors.js';
import { runTp } from '../support/run-cli.js';

const RUNS = { parse: 3000, cli: 1000 };
const TIMEOUT = 120_000;

const work = mkdtempSync(join(tmpdir(), 'tp-cohort-fuzz-'));
const FILE = join(work, 'cohort.yaml');
const HOME = '/nonexistent-home';
mkdirSync(join(work, 'answers'));
for (const id of ['alice', 'bob']) writeFileSync(join(work, 'answers', id), '{ "Answer1": "1" }\n');
writeFileSync(
  join(work, 'dead.kubeconfig'),
  'apiVersion: v1\nkind: Config\ncurrent-context: dead\nclusters: [{name: dead, cluster: {server: "https://127.0.0.1:1"}}]\ncontexts: [{name: dead, context: {cluster: dead, user: dead}}]\nusers: [{name: dead, user: {token: x}}]\n',
);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const VALID = `lab: tp4
variables: { registry: ghcr.io }
defaults:
  kubeconfig: dead.kubeconfig
  namespace: "{id}"
  answers: answers/{id}
students:
  - id: alice
    name: Alice Martin
    email: alice@example.org
    idNumber: "2024001"
  - id: bob
    email: bob@example.org
    namespace: default
    lang: en
    facts: { contexts: 2, server: https://127.0.0.1:1 }
`;

const fragment = fc.constantFrom(
  'lab: tp4\n', 'lab: tp5\n', 'lab:\n', 'variables: {registry: ghcr.io}\n', 'variables: [1]\n', 'defaults:\n', 'students:\n', 'students: []\n',
  '  kubeconfig: dead.kubeconfig\n', '  kubeconfig: ~/.kube/config\n', '  kubeconfig: missing.yaml\n', '  answers: answers/{id}\n', '  answers: ""\n',
  '  namespace: "{id}"\n', '  namespace: Bad_NS\n', '  context: dead\n', '  - id: alice\n', '  - id: bob\n', '  - id: "../etc"\n', '  - id: 12\n',
  '    answers: answers/alice\n', '    email: alice@example.org\n', '    email: nope\n', '    lang: de\n', '    lang: fr\n', '    facts: {contexts: -1}\n',
  '    facts: {server: https://127.0.0.1:1}\n', '    idNumber: 12\n', '    unknown: 1\n', '- ', '  ', '    ', '\n', '\t', ': ', '{', '}', '[', ']', ',', '"', "'",
  '&a ', '*a', '<<: *a\n', '!!binary ', '---\n', '? ', '#', '\uFEFF', '\u0000',
);

const anything = fc.jsonValue({ maxDepth: 2 });
const target = fc.record(
  { kubeconfig: fc.oneof(fc.constantFrom('dead.kubeconfig', 'missing.yaml'), anything), namespace: fc.oneof(fc.constantFrom('{id}', 'alice'), anything), answers: fc.oneof(fc.constantFrom('answers/{id}'), anything), lang: anything, facts: anything },
  { requiredKeys: [] },
);
const shaped = fc.record(
  {
    lab: fc.oneof(fc.constant('tp4'), anything),
    variables: anything,
    defaults: fc.oneof(target, anything),
    students: fc.oneof(anything, fc.array(fc.record({ id: fc.oneof(fc.constantFrom('alice', 'bob'), anything), name: anything, email: anything, answers: anything, namespace: anything }, { requiredKeys: [] }), { maxLength: 4 })),
  },
  { requiredKeys: [] },
);

// Small edits of a valid file weigh more: they are what trainers make, and they often stay valid enough to grade.
const anyCohort = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join('')),
  shaped.map((value) => stringify(value)),
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.nat(VALID.length), fc.nat(12), fc.option(fragment, { nil: '' }))
      .map(([start, cut, pasted]) => VALID.slice(0, start) + pasted + VALID.slice(start + cut)),
  },
);

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));

describe('cohort files, whatever they hold', () => {
  it(`parse into students or into CohortError problems inside the file (${RUNS.parse} runs)`, () => {
    fc.assert(
      fc.property(anyCohort, (text) => {
        try {
          parseCohort(text, FILE, HOME);
        } catch (error) {
          if (!(error instanceof CohortError)) throw error;
          const lineCount = text.replace(/^\uFEFF/, '').split('\n').length;
          expect(error.problems.length).toBeGreaterThan(0);
          for (const problem of error.problems) {
            expect(problem.file).toBe(FILE);
            expect(problem.line).toBeGreaterThanOrEqual(1);
            expect(problem.line).toBeLessThanOrEqual(lineCount);
            expect(problem.col).toBeGreaterThanOrEqual(1);
            expect(problem.message).not.toBe('');
          }
        }
      }),
      { numRuns: RUNS.parse },
    );
  }, TIMEOUT);

  it(`tp grade: exit 2 with file:line:col and no output, or a whole gradebook (${RUNS.cli} runs)`, async () => {
    let refused = 0;
    let graded = 0;
    await fc.assert(
      fc.asyncProperty(anyCohort, async (text) => {
        const out = join(work, 'out');
        rmSync(out, { recursive: true, force: true });
        writeFileSync(FILE, text);
        const { exitCode, stdout, stderr } = await runTp(['grade', 'tp4', '--cohort', FILE, '--output', out, '--timeout', '1'], { cwd: work });
        expect(exitCode, stderr).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
        if (existsSync(out)) {
          graded += 1;
          // Every student is in error (no cluster answers), and every file is whole.
          expect(existsSync(join(out, 'grades.json'))).toBe(true);
          expect(filesUnder(out).filter((file) => file.includes('.tmp-'))).toEqual([]);
        } else {
          refused += 1;
          expect(stderr).toMatch(/cohort\.yaml(:\d+:\d+ |: )|^tp: /);
        }
      }),
      { numRuns: RUNS.cli },
    );
    expect(refused).toBeGreaterThan(0);
    expect(graded).toBeGreaterThan(0);
  }, TIMEOUT);
});
