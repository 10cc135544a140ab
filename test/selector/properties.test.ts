import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSelector } from '../../src/selector/parse.js';
import { matchesSelector } from '../../src/selector/match.js';
import { describeRequirements } from '../../src/selector/describe.js';
import type { Operator, Requirement } from '../../src/selector/types.js';

const RUNS = 2000;

// Small pools so that random label sets often carry the keys and values a selector names.
const KEY_POOL = ['app', 'tier', 'in', 'notin', 'example.com/zone', 'k8s.io/a-b_c.1', 'n'];
const VALUE_POOL = ['', 'a', 'b', '1', '10', 'in', 'notin', 'x.y-z_w'];

const name = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/);
const prefix = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?){0,3}$/);
const randomKey = fc.tuple(fc.option(prefix, { nil: undefined }), name).map(([p, n]) => (p === undefined ? n : `${p}/${n}`));
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEY_POOL) }, { weight: 1, arbitrary: randomKey });
const value = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VALUE_POOL) }, { weight: 1, arbitrary: name });
const integer = fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String);

const requirement: fc.Arbitrary<Requirement> = fc
  .tuple(key, fc.constantFrom<Operator>('=', '==', '!=', 'in', 'notin', 'exists', '!', 'gt', 'lt'))
  .chain(([k, operator]): fc.Arbitrary<Requirement> => {
    if (operator === 'exists' || operator === '!') return fc.constant({ key: k, operator, values: [] });
    if (operator === 'gt' || operator === 'lt') return integer.map((v) => ({ key: k, operator, values: [v] }));
    if (operator === 'in' || operator === 'notin') {
      return fc.array(value, { minLength: 1, maxLength: 4 }).map((vs) => ({ key: k, operator, values: vs }));
    }
    return value.map((v) => ({ key: k, operator, values: [v] }));
  });

const blank = fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n');
const someBlank = fc.constantFrom(' ', '  ', '\t', '\n');

/** One spelling among the many a student could type for this requirement. */
const spell = (r: Requirement): fc.Arbitrary<string> => {
  const symbols = { '=': '=', '==': '==', '!=': '!=', gt: '>', lt: '<' } as const;
  switch (r.operator) {
    case 'exists':
      return fc.tuple(blank, blank).map(([a, b]) => `${a}${r.key}${b}`);
    case '!':
      return fc.tuple(blank, blank, blank).map(([a, b, c]) => `${a}!${b}${r.key}${c}`);
    case 'in':
    case 'notin':
      return fc
        .tuple(blank, someBlank, blank, fc.shuffledSubarray(r.values, { minLength: r.values.length }), blank, blank)
        .map(([a, b, c, vs, d, e]) => `${a}${r.key}${b}${r.operator}${c}(${d}${vs.join(`${d},${d}`)}${d})${e}`);
    default: {
      const symbol = symbols[r.operator];
      return fc.tuple(blank, blank, blank, blank).map(([a, b, c, d]) => `${a}${r.key}${b}${symbol}${c}${r.values[0] ?? ''}${d}`);
    }
  }
};

const spelledSelector = fc
  .array(requirement, { minLength: 1, maxLength: 4 })
  .chain((rs) => fc.tuple(fc.constant(rs), fc.tuple(...rs.map(spell)).map((parts) => parts.join(','))));

const labelSet = fc.dictionary(
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...KEY_POOL) }, { weight: 1, arbitrary: randomKey }),
  fc.oneof(fc.constantFrom(...VALUE_POOL), integer, fc.constantFrom('-5', '+7', '007')),
  { maxKeys: 6 },
);

const asKubernetesStoresIt = (r: Requirement): Requirement =>
  r.operator === 'in' || r.operator === 'notin' ? { ...r, values: [...new Set(r.values)].sort() } : r;

describe('selector properties', () => {
  it(`never throws on random text, and locates every refusal (${RUNS} runs x 2)`, () => {
    const selectorish = fc.string({ unit: fc.constantFrom('a', 'b', '=', '!', '(', ')', ',', ' ', 'in', 'notin', '<', '>', '/', '.', '-', '1', '\t') });
    for (const text of [fc.string({ unit: 'binary' }), selectorish]) {
      fc.assert(
        fc.property(text, (t) => {
          const result = parseSelector(t);
          if (!result.ok) {
            expect(result.reason.length).toBeGreaterThan(0);
            expect(result.column).toBeGreaterThanOrEqual(1);
            expect(result.column).toBeLessThanOrEqual(t.length + 1);
          }
        }),
        { numRuns: RUNS },
      );
    }
  });

  it(`parses every valid spelling into the requirements it spells (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(spelledSelector, ([requirements, text]) => {
        const result = parseSelector(text);
        expect(result).toEqual({ ok: true, requirements: requirements.map(asKubernetesStoresIt) });
      }),
      { numRuns: RUNS },
    );
  });

  it(`describe then parse selects the same objects (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(spelledSelector, fc.array(labelSet, { maxLength: 8 }), ([, text], labelSets) => {
        const first = parseSelector(text);
        if (!first.ok) throw new Error(first.reason);
        const canonical = describeRequirements(first.requirements);
        const again = parseSelector(canonical);
        if (!again.ok) throw new Error(`${canonical}: ${again.reason}`);
        expect(describeRequirements(again.requirements)).toBe(canonical);
        for (const labels of labelSets) {
          expect(matchesSelector(again.requirements, labels)).toBe(matchesSelector(first.requirements, labels));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
