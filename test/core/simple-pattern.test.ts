// The simple patterns matched without RE2 (src/core/simple-pattern.ts) must match as RE2 does:
// compared here with re2js on the labs' own patterns and on thousands of generated ones, over
// texts with newlines, non-ASCII and astral characters; and in time linear in the text.
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/seeded-random.js';
import { simplePattern } from '../../src/core/simple-pattern.js';
import { compilePattern } from '../../src/core/pattern.js';

const re2 = (source: string, text: string): number => {
  const matcher = RE2JS.compile(source).matcher(text);
  return matcher.find() ? matcher.start() : -1;
};

const texts = [
  '', 'a', 'registry.example.org/kubernetes-app:v0.2', 'kubernetes-app:v0.2@sha256:0123abcd', 'app:v0.2\n', 'app:v0.20', 'ab\nab', 'x-y_z 9',
  'aaa', 'ba', 'é:v0.2', '\u{1F600}a', 'a\u{1F600}', '\ud800a', 'A-Z', '[]', 'a.b', 'tab\there', ' ', '\n', 'abcabc', '--region', 'Ready', 'v1.2.3',
];

describe('simple patterns, matched without RE2', () => {
  it.each([':v0\\.2(@sha256:[0-9a-f]+)?$', '^kubernetes-app$', 'v0\\.[12]', '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', 'Ready|Running', '^$', '', '.', '\\d+', '^\\w+\\s\\S*$'])(
    'matches %s where RE2 does, starting where it does',
    (source) => {
      const simple = simplePattern(source);
      expect(simple).toBeDefined();
      for (const text of texts) {
        expect({ text, at: simple?.search(text) }).toEqual({ text, at: re2(source, text) });
        expect(simple?.test(text)).toBe(re2(source, text) !== -1);
      }
    },
  );

  it.each(['(?i)abc', 'a{2}', '\\bword', '\\p{L}', 'é', '(?P<n>a)', 'a**', '*a', '[[:alpha:]]', '\\1', '(a', 'a)', '[]a]', '[a-]b-c]', '\\x41', '^*', 'a|*'])(
    'leaves %s to RE2',
    (source) => {
      expect(simplePattern(source)).toBeUndefined();
    },
  );

  it('gives what RE2 gives on generated patterns and texts', () => {
    const { random, pick } = seededRandom(4);
    const atoms = ['a', 'b', 'c', '.', '\\.', '\\d', '\\w', '\\s', '\\S', '\\D', '\\W', '[ab]', '[^a]', '[a-c]', '[-a]', '[a-]', '[\\d.]', '[^\\s]', '^', '$', '-', ':', '\\-', '\\$', '\\(', ' ', '\\\\', '\\[', '[.^$|]'];
    const pattern = (depth: number): string => {
      let out = '';
      const length = Math.floor(random() * 4);
      for (let i = 0; i < length; i += 1) {
        const roll = random();
        let atom = roll < 0.2 && depth < 3 ? `(${random() < 0.3 ? '?:' : ''}${pattern(depth + 1)})` : pick(atoms);
        if (random() < 0.35 && atom !== '^' && atom !== '$') atom += pick(['*', '+', '?', '*?', '+?', '??']);
        out += atom;
      }
      return random() < 0.2 && depth < 3 ? `${out}|${pattern(depth + 1)}` : out;
    };
    const alphabet = ['a', 'b', 'c', '.', '1', ' ', '\n', '-', ':', 'é', '\u{1F600}', '$', '(', '\\', '[', '|', '^', 'A', '_', '\t', '\v', '\r', '\f', '\u00a0', '\ud800'];
    let simple = 0;
    for (let n = 0; n < 4000; n += 1) {
      const source = pattern(0);
      const compiled = simplePattern(source);
      if (compiled === undefined) continue;
      simple += 1;
      for (let k = 0; k < 6; k += 1) {
        const text = Array.from({ length: Math.floor(random() * 8) }, () => pick(alphabet)).join('');
        expect({ source, text, at: compiled.search(text) }).toEqual({ source, text, at: re2(source, text) });
        expect({ source, text, test: compiled.test(text) }).toEqual({ source, text, test: re2(source, text) !== -1 });
      }
    }
    // Most generated patterns are simple: the comparison is worth something.
    expect(simple).toBeGreaterThan(3000);
  });

  it('matches in time linear in the text, where a backtracking engine would not finish', () => {
    const simple = simplePattern('^(a+)+$');
    const text = `${'a'.repeat(100_000)}!`;
    expect(simple?.test(text)).toBe(false);
    expect(simplePattern('(x+x+)+y')?.search('x'.repeat(50_000))).toBe(-1);
  });

  it('leaves RE2 a long text with a large pattern, which it skips through where stepping every state at every character takes tens of seconds', () => {
    // 961 characters, ~640 states, over a log of 1 MB: ~6·10^8 steps here; RE2 sees the log has no `c`.
    const source = `${'(a|b)?'.repeat(160)}c`;
    const compiled = compilePattern(source);
    const log = 'ab'.repeat(500_000);
    expect(compiled.ok && compiled.search(log)).toBe(-1);
    expect(compiled.ok && compiled.search(`c${log}`)).toBe(0);
    // The same pattern on a short text stays here, and agrees with RE2.
    expect(compiled.ok && compiled.search('abc')).toBe(re2(source, 'abc'));
  });

  it('is what compilePattern gives for a simple pattern, and RE2 for the rest, refusals included', () => {
    const compiled = compilePattern(':v0\\.2(@sha256:[0-9a-f]+)?$');
    expect(compiled.ok && compiled.search('app:v0.2')).toBe(3);
    const flagged = compilePattern('(?i)V0\\.2$');
    expect(flagged.ok && flagged.test('app:v0.2')).toBe(true);
    expect(compilePattern('(a')).toMatchObject({ ok: false });
    expect(compilePattern('(?=a)')).toMatchObject({ ok: false });
  });
});
