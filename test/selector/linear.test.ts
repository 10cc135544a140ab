// Selector answers are student text of any length: reading one costs time in
// proportion to its length, and a selector over the cap is refused with why.
import { describe, expect, it } from 'vitest';
import { extractSelector } from '../../src/selector/extract.js';
import { lexSelector } from '../../src/selector/lex.js';
import { SELECTOR_MAX_LENGTH, parseSelector } from '../../src/selector/parse.js';

// Generous: the linear reads below take milliseconds; a quadratic one takes hours.
const GENEROUS_MS = 5_000;

const timed = <T>(work: () => T): { value: T; ms: number } => {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
};

describe('reading a selector answer', () => {
  it('finds the selector after -l in one pass, even after 200 000 false starts', () => {
    // Each `-l` but the last is followed by text that crosses a line end: a backtracking
    // regular expression retries the rest of the answer from every one of them.
    const answer = `${' -l'.repeat(200_000)}\ncountry=fr`;
    const { value, ms } = timed(() => extractSelector(answer));
    expect(value).toBe('country=fr');
    expect(ms).toBeLessThan(GENEROUS_MS);
  });

  it('keeps reading what students paste as before', () => {
    expect(extractSelector('kubectl get cm -l "country=fr"')).toBe('country=fr');
    expect(extractSelector("kubectl get cm --selector='version=1.1,country=fr'")).toBe('version=1.1,country=fr');
    expect(extractSelector('`-l=country=fr`')).toBe('country=fr');
    expect(extractSelector('-l\ncountry=fr')).toBe('country=fr');
    expect(extractSelector('kubectl get cm -l a=b\nthen more')).toBe('kubectl get cm -l a=b\nthen more');
    expect(extractSelector('"country in (fr)"')).toBe('country in (fr)');
  });

  it('lexes a megabyte into one token per word and symbol', () => {
    const tokens = lexSelector('a,'.repeat(500_000));
    expect(tokens).toHaveLength(1_000_001);
  });

  it('parses a selector at the cap, and refuses one over it, saying why', () => {
    const atCap = `k in (${'v,'.repeat((SELECTOR_MAX_LENGTH - 8) / 2)}w)`;
    expect(atCap.length).toBeLessThanOrEqual(SELECTOR_MAX_LENGTH);
    const { value, ms } = timed(() => parseSelector(atCap));
    expect(value).toEqual({ ok: true, requirements: [{ key: 'k', operator: 'in', values: ['v', 'w'] }] });
    expect(ms).toBeLessThan(GENEROUS_MS);
    const over = parseSelector(`country=${'f'.repeat(SELECTOR_MAX_LENGTH)}`);
    expect(over).toEqual({ ok: false, reason: `a selector of ${SELECTOR_MAX_LENGTH + 8} characters: more than the ${SELECTOR_MAX_LENGTH} tp reads`, column: SELECTOR_MAX_LENGTH + 1 });
  });

  it('quotes a long key shortened in the reason', () => {
    const result = parseSelector(`${'k'.repeat(500)}=v`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeLessThan(200);
  });
});
