// secret-value: a key of a Secret holds the value asked for. The snapshot keeps
// only whether it was equal (valueMatches), never the value; the check reads that.
import { describe, expect, it } from 'vitest';
import { object, testCheck } from './test-check.js';
import { redactSecret } from '../../src/cluster/redact.js';
import { secretComparisonConflicts } from '../../src/lab/secret-comparisons-agree.js';
import type { CheckSpec } from '../../src/lab/types.js';

const params = { secret: 'mysecret', key: 'password', equals: 'mypass' };
const base = { secret: 'mysecret', key: 'password' };

const secret = (dataKeys: string[], valueMatches?: Record<string, boolean>) =>
  object('Secret', 'mysecret', { type: 'Opaque', dataKeys, registries: [], ...(valueMatches && { valueMatches }) });

testCheck('secret-value', {
  valid: [
    {
      name: 'the key holds the value',
      params,
      objects: { secrets: [secret(['password'], { password: true })] },
      data: base,
      says: { fr: 'la clé password du Secret mysecret a la valeur demandée', en: 'key password of Secret mysecret holds the value asked for' },
    },
  ],
  invalid: [
    { name: 'no Secret', params, messageId: 'missing', data: base },
    { name: 'the value under another key', params, objects: { secrets: [secret(['pass'], {})] }, messageId: 'no-key', data: { ...base, keys: 'pass' } },
    {
      name: 'another value',
      params,
      objects: { secrets: [secret(['password'], { password: false })] },
      messageId: 'differs',
      data: base,
      says: { fr: 'la clé password du Secret mysecret n\'a pas la valeur demandée', en: 'key password of Secret mysecret does not hold the value asked for' },
    },
    {
      name: 'a snapshot that did not compare it (another version of the lab)',
      params,
      objects: { secrets: [secret(['password'])] },
      status: 'error',
      messageId: 'not-compared',
      data: base,
    },
  ],
  refused: [
    { name: 'no value asked', params: { secret: 'mysecret', key: 'password' } },
    { name: 'an unknown way to compare', params: { ...params, match: 'prefix' } },
  ],
});

const stored = (values: Record<string, string>) =>
  object('Secret', 'mysecret', { type: 'Opaque', data: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) });

describe('a Secret read with the values a lab compares', () => {
  const comparisons = new Map([['mysecret', new Map([
    ['password', { equals: 'mypass', match: 'exact' as const }],
    ['username', { equals: 'admin', match: 'trimmed' as const }],
    ['absent', { equals: 'x', match: 'exact' as const }],
  ])]]);

  it('keeps whether each value was equal, and nothing of the values', () => {
    const redacted = redactSecret(stored({ password: 'mypass', username: 'admin\n', other: 'mypass' }), comparisons);
    expect(redacted.valueMatches).toEqual({ password: true, username: true });
    expect(redacted).not.toHaveProperty('data');
    const text = JSON.stringify(redacted);
    for (const leak of ['mypass', 'admin', Buffer.from('mypass').toString('base64')]) expect(text).not.toContain(leak);
  });

  it('is exact unless the lab forgives whitespace', () => {
    expect(redactSecret(stored({ password: 'mypass\n', username: ' admin' }), comparisons).valueMatches).toEqual({ password: false, username: true });
    expect(redactSecret(stored({ password: 'MYPASS', username: 'root' }), comparisons).valueMatches).toEqual({ password: false, username: false });
  });

  it('compares nothing of a Secret the lab does not name, nor without comparisons', () => {
    const other = { ...stored({ password: 'mypass' }), metadata: { name: 'other', namespace: 'student' } };
    expect(redactSecret(other, comparisons)).not.toHaveProperty('valueMatches');
    expect(redactSecret(stored({ password: 'mypass' }))).not.toHaveProperty('valueMatches');
  });
});

describe('tp lab lint: one value per key of a Secret', () => {
  const check = (id: string, equals: string, match?: string): { check: CheckSpec; path: Array<string | number> } => ({
    check: { id, kind: 'secret-value', points: 1, title: { fr: id, en: id }, params: { secret: 'mysecret', key: 'password', equals, ...(match && { match }) } } as unknown as CheckSpec,
    path: ['exercises', 0, 'checks', id],
  });

  it('accepts the same comparison twice, refuses two different ones', () => {
    expect(secretComparisonConflicts([check('a', 'mypass'), check('b', 'mypass', 'exact')])).toEqual([]);
    const problems = secretComparisonConflicts([check('a', 'mypass'), check('b', 'other'), check('c', 'mypass', 'trimmed')]);
    expect(problems.map((p) => p.message)).toEqual([
      'check "b" compares key password of Secret mysecret with another value than check "a": a Secret\'s key is compared with one value per lab',
      'check "c" compares key password of Secret mysecret with another value than check "a": a Secret\'s key is compared with one value per lab',
    ]);
    expect(problems.map((p) => p.message).join()).not.toContain('mypass');
  });
});
