// Whatever is in a lab file, loading it gives problems, never an exception.
// Each property runs RUNS times (fast-check's default is 100); parsing YAML takes a few
// milliseconds, hence the longer timeout.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { parseLab } from '../../src/lab/load.js';
import { fakeKinds } from './fake-kinds.js';
import { SAMPLE_LAB } from './sample-lab.js';

const RUNS = 300;
const TIMEOUT = 60_000;

// Loads the text and checks what any result must satisfy: a lab only without errors, positions inside the file.
const loadsCleanly = (text: string): void => {
  const result = parseLab(text, 'lab.yaml', fakeKinds);
  const lineCount = text.split('\n').length;
  expect(result.lab === undefined).toBe(result.problems.length > 0);
  for (const problem of [...result.problems, ...result.warnings]) {
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.line).toBeLessThanOrEqual(lineCount);
    expect(problem.col).toBeGreaterThanOrEqual(1);
    expect(problem.message).not.toBe('');
  }
};

// The pieces lab files are made of, so random texts get deep into the loader, not only the YAML parser.
const fragments = fc.constantFrom(
  'id: ', 'tp4', 'title: ', '{fr: a, en: b}', 'exercises:', 'checks:', 'answers:', 'mutations:', 'variables:',
  'kind: ', 'answer', 'selector', 'resource', 'points: ', '1', '-1', 'params: ', '{answer: Answer1}', 'key: Answer1',
  'fails: ', '[c1]', 'synthetic: []', '- ', '  ', '    ', '\n', '\t', ': ', '{', '}', '[', ']', ',', '&a ', '*a', '!!binary ',
  '"', "'", '#', '---', '? ', '<<: ', '__proto__: ', 'constructor', '~', 'null', '\uFEFF',
);

describe('parseLab never throws', () => {
  test(`on arbitrary text (${RUNS} runs)`, () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), loadsCleanly), { numRuns: RUNS });
  }, TIMEOUT);

  test(`on texts made of lab-file fragments (${RUNS} runs)`, () => {
    fc.assert(fc.property(fc.array(fragments, { maxLength: 80 }).map((parts) => parts.join('')), loadsCleanly), { numRuns: RUNS });
  }, TIMEOUT);

  test(`on any JSON value written as JSON or as YAML (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.boolean(), (value, asYaml) => loadsCleanly(asYaml ? stringify(value) : JSON.stringify(value))),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  test(`on the sample lab with a slice cut out or a fragment pasted in (${RUNS} runs)`, () => {
    const edits = fc.tuple(fc.nat(SAMPLE_LAB.length), fc.nat(40), fc.option(fragments, { nil: '' }));
    fc.assert(
      fc.property(edits, ([start, cut, pasted]) => loadsCleanly(SAMPLE_LAB.slice(0, start) + pasted + SAMPLE_LAB.slice(start + cut))),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  test(`on lab-shaped maps whose fields hold anything (${RUNS} runs)`, () => {
    const anything = fc.jsonValue({ maxDepth: 2 });
    const check = fc.record({ id: fc.oneof(fc.constantFrom('c1', 'c2'), anything), kind: fc.oneof(fc.constantFrom('answer', 'selector', 'resource'), anything), points: anything, title: anything, params: anything }, { requiredKeys: [] });
    const lab = fc.record(
      {
        id: anything,
        title: anything,
        answers: fc.array(fc.record({ key: fc.oneof(fc.constant('Answer1'), anything), question: anything }, { requiredKeys: [] }), { maxLength: 3 }),
        exercises: fc.array(fc.record({ id: anything, title: anything, checks: fc.array(check, { maxLength: 3 }) }, { requiredKeys: [] }), { maxLength: 3 }),
        mutations: fc.array(fc.record({ id: anything, fails: anything, answers: anything, delete: anything, facts: anything }, { requiredKeys: [] }), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(lab, (value) => loadsCleanly(stringify(value))), { numRuns: RUNS });
  }, TIMEOUT);
});
