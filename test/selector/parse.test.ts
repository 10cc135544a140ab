import { describe, expect, it } from 'vitest';
import { parseSelector } from '../../src/selector/parse.js';
import { describeRequirements } from '../../src/selector/describe.js';
import type { Requirement } from '../../src/selector/types.js';

const parsed = (text: string): Requirement[] => {
  const result = parseSelector(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.reason}`);
  return result.requirements;
};

const refusal = (text: string): { reason: string; column: number } => {
  const result = parseSelector(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused`);
  return { reason: result.reason, column: result.column };
};

describe('parseSelector accepts what kubectl accepts', () => {
  it.each([
    ['country=fr', 'country=fr'],
    ['country==fr', 'country=fr'],
    ['country in (fr)', 'country in (fr)'],
    [' country = fr ', 'country=fr'],
    ['country\t=\tfr', 'country=fr'],
    ['version=1.1,country=fr', 'country=fr,version=1.1'],
    ['country=fr, version in (1.1)', 'country=fr,version in (1.1)'],
    ['!version', '!version'],
    ['! version', '!version'],
    ['version notin (1.0,1.1)', 'version notin (1.0,1.1)'],
    ['version notin ( 1.1 , 1.0 , 1.1 )', 'version notin (1.0,1.1)'],
    ['version', 'version'],
    ['country!=fr', 'country!=fr'],
    ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/control-plane'],
    ['!node-role.kubernetes.io/control-plane', '!node-role.kubernetes.io/control-plane'],
    ['app.kubernetes.io/name=web', 'app.kubernetes.io/name=web'],
    ['tier=', 'tier='],
    ['tier=,app=web', 'app=web,tier='],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['in in (in)', 'in in (in)'],
    ['notin=in', 'notin=in'],
    ['replicas>1', 'replicas>1'],
    ['replicas < 10', 'replicas<10'],
    ['', ''],
    ['   ', ''],
  ])('%j reads as %j', (text, canonical) => {
    expect(describeRequirements(parsed(text))).toBe(canonical);
  });

  it('keeps the operator the student wrote', () => {
    expect(parsed('a==b')).toEqual([{ key: 'a', operator: '==', values: ['b'] }]);
    expect(parsed('a=b')).toEqual([{ key: 'a', operator: '=', values: ['b'] }]);
    expect(parsed('a in (c,b,c)')).toEqual([{ key: 'a', operator: 'in', values: ['b', 'c'] }]);
    expect(parsed('a')).toEqual([{ key: 'a', operator: 'exists', values: [] }]);
    expect(parsed('!a')).toEqual([{ key: 'a', operator: '!', values: [] }]);
    expect(parsed('a>3')).toEqual([{ key: 'a', operator: 'gt', values: ['3'] }]);
  });
});

describe('parseSelector refuses what kubectl refuses, saying why and where', () => {
  it.each([
    ['country in fr', 12, 'expected "(" after "in", found "fr" at column 12'],
    ['country in (fr', 12, 'missing ")" to close the list opened at column 12'],
    ['country in (fr de)', 16, 'expected "," or ")" in the list of values, found "de" at column 16'],
    ['-bad=1', 1, 'invalid label key "-bad" at column 1'],
    ['country=fr,', 12, 'expected a label key after ",", found the end of the selector at column 12'],
    [',country=fr', 1, 'expected a label key, found "," at column 1'],
    ['country fr', 9, 'expected an operator (=, ==, !=, in, notin, >, <) after "country", found "fr" at column 9'],
    ['country=fr and version=1.1', 12, 'expected "," or the end of the selector after "country=fr", found "and" at column 12'],
    ['country=fr;version=1.1', 9, 'invalid label value "fr;version" at column 9'],
    ['country=(fr)', 9, 'expected a value after "=", found "(" at column 9'],
    ['!version=1.1', 9, 'expected "," or the end of the selector after "!version", found "=" at column 9'],
    ['!', 2, 'expected a label key after "!", found the end of the selector at column 2'],
    ['=fr', 1, 'expected a label key, found "=" at column 1'],
    ['country: fr', 1, 'invalid label key "country:" at column 1'],
    ['a/b/c', 1, 'invalid label key "a/b/c" at column 1'],
    ['Example.com/a', 1, 'invalid label key "Example.com/a" at column 1'],
    ['/a', 1, 'invalid label key "/a" at column 1'],
    [`a=${'v'.repeat(64)}`, 3, 'must be at most 63 characters'],
    [`${'k'.repeat(64)}`, 1, 'must be at most 63 characters'],
    ['replicas>one', 10, 'expected an integer after ">", found "one" at column 10'],
    ['replicas>', 10, 'expected an integer after ">", found nothing at column 10'],
    ['replicas>-1', 10, 'invalid label value "-1" at column 10'],
    ['replicas>99999999999999999999', 10, 'expected an integer'],
    ['country\u00a0=fr', 1, 'invalid label key'],
    ['a=b=c', 4, 'expected "," or the end of the selector after "a=b", found "=" at column 4'],
    ['a===b', 4, 'expected a value after "==", found "=" at column 4'],
  ])('%j is refused at column %i', (text, column, reason) => {
    const problem = refusal(text);
    expect(problem.column).toBe(column);
    expect(problem.reason).toContain(reason);
  });

  it('explains what a valid key looks like', () => {
    expect(refusal('-bad').reason).toBe(
      'invalid label key "-bad" at column 1: the key may hold only letters, digits, "-", "_" and ".", and must start and end with a letter or digit',
    );
  });
});
