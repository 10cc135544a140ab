import { describe, expect, it } from 'vitest';
import { parseSelector } from '../../src/selector/parse.js';
import { matchesSelector, selectNames } from '../../src/selector/match.js';
import type { Requirement } from '../../src/selector/types.js';

// The ConfigMaps of TP4 section 2.
const configMaps: { name: string; labels: Record<string, string> }[] = [
  { name: 'cm1', labels: { version: '1.0', country: 'fr' } },
  { name: 'cm2', labels: { version: '1.0', country: 'uk' } },
  { name: 'cm3', labels: { version: '1.1', country: 'de' } },
  { name: 'cm4', labels: { version: '1.1', country: 'fr' } },
  { name: 'cm5', labels: { country: 'fr' } },
];

const selector = (text: string): Requirement[] => {
  const result = parseSelector(text);
  if (!result.ok) throw new Error(result.reason);
  return result.requirements;
};

const select = (text: string): string[] => selectNames(selector(text), configMaps);

describe('selectNames on the TP4 ConfigMaps', () => {
  it.each([
    ['country=fr', ['cm1', 'cm4', 'cm5']],
    ['country==fr', ['cm1', 'cm4', 'cm5']],
    ['country in (fr)', ['cm1', 'cm4', 'cm5']],
    ['version=1.1,country=fr', ['cm4']],
    ['country=fr, version in (1.1)', ['cm4']],
    ['!version', ['cm5']],
    ['version', ['cm1', 'cm2', 'cm3', 'cm4']],
    ['version notin (1.0,1.1)', ['cm5']],
    ['version!=1.0', ['cm3', 'cm4', 'cm5']],
    ['country in (fr,uk),version=1.0', ['cm1', 'cm2']],
    ['', ['cm1', 'cm2', 'cm3', 'cm4', 'cm5']],
  ])('%j selects %j', (text, names) => {
    expect(select(text)).toEqual(names);
  });

  it('returns names sorted whatever the input order', () => {
    expect(selectNames([], [...configMaps].reverse())).toEqual(['cm1', 'cm2', 'cm3', 'cm4', 'cm5']);
  });
});

describe('matchesSelector', () => {
  it('compares > and < as integers and skips labels that are not integers', () => {
    expect(matchesSelector(selector('replicas>9'), { replicas: '10' })).toBe(true);
    expect(matchesSelector(selector('replicas<9'), { replicas: '10' })).toBe(false);
    expect(matchesSelector(selector('replicas>9'), { replicas: 'ten' })).toBe(false);
    expect(matchesSelector(selector('replicas<9'), {})).toBe(false);
  });

  it('matches the empty value only on a label set to ""', () => {
    expect(matchesSelector(selector('tier='), { tier: '' })).toBe(true);
    expect(matchesSelector(selector('tier='), {})).toBe(false);
    expect(matchesSelector(selector('tier in ()'), { tier: '' })).toBe(true);
  });

  it('does not mistake inherited properties for labels', () => {
    expect(matchesSelector(selector('constructor'), {})).toBe(false);
    expect(matchesSelector(selector('!toString'), {})).toBe(true);
  });
});
