// resource: objects (by name or label selector) exist and partially match `expect`, with a quantifier.
import { expect } from 'vitest';
import { object, testCheck } from './test-check.js';

const cm = (name: string, labels: Record<string, string>) => object('ConfigMap', name, { data: { message: 'hello' } }, { labels });
const configmaps = [cm('cm1', { version: '1.0', country: 'fr' }), cm('cm2', { version: '1.0', country: 'uk' }), cm('cm4', { version: '1.1', country: 'fr' })];
const objects = { configmaps };
const cm1 = { resource: 'ConfigMap', name: 'cm1', expect: { metadata: { labels: { version: '1.0', country: 'fr' } } } };
const base = { kind: 'ConfigMap', namespace: 'student' };

testCheck('resource', {
  valid: [
    { name: 'cm1 with its two labels', params: cm1, objects, data: { ...base, what: 'cm1' } },
    {
      name: 'every ConfigMap of country=fr has a version, found with an operator',
      params: { resource: 'cm', selector: 'country=fr', expect: { metadata: { labels: { version: { $regex: '^1\\.' } } } } },
      objects,
      data: { ...base, what: '-l country=fr' },
    },
    { name: 'any of them is version 1.1', params: { resource: 'configmaps', selector: 'country', expect: { metadata: { labels: { version: '1.1' } } }, quantifier: 'any' }, objects, data: { ...base, what: '-l country' } },
    { name: 'none is of country de', params: { resource: 'configmaps', selector: 'country=de', quantifier: 'none' }, objects, data: { ...base, what: '-l country=de' } },
    { name: 'exactly two are version 1.0', params: { resource: 'configmap', expect: { metadata: { labels: { version: '1.0' } } }, quantifier: { exactly: 2 } }, objects, data: { ...base, what: '', count: 2, total: 3, expected: 2 } },
  ],
  invalid: [
    {
      // `(a+)+$` backtracks for ever on JavaScript's RegExp; RE2 answers in one pass.
      name: 'a pattern that backtracks exponentially on RegExp still answers, in linear time',
      params: { resource: 'ConfigMap', name: 'cm1', expect: { metadata: { labels: { version: { $regex: '^(a+)+$' } } } } },
      objects: { configmaps: [cm('cm1', { version: `${'a'.repeat(5000)}!`, country: 'fr' })] },
      messageId: 'mismatch',
      data: { ...base, what: 'cm1', name: 'cm1', path: 'metadata.labels.version', expected: 'matching /^(a+)+$/', actual: `"${'a'.repeat(79)}…"` },
    },
    { name: 'no cm1', params: cm1, objects: { configmaps: configmaps.slice(1) }, messageId: 'missing', data: { ...base, what: 'cm1' } },
    {
      name: 'cm1 with another version: the field, expected and found',
      params: cm1,
      objects: { configmaps: [cm('cm1', { version: '1.1', country: 'fr' })] },
      messageId: 'mismatch',
      data: { ...base, what: 'cm1', name: 'cm1', path: 'metadata.labels.version', expected: '"1.0"', actual: '"1.1"' },
    },
    {
      name: 'a label missing is said absent',
      params: cm1,
      objects: { configmaps: [cm('cm1', { version: '1.0' })] },
      messageId: 'mismatch',
      data: { ...base, what: 'cm1', name: 'cm1', path: 'metadata.labels.country', expected: '"fr"', actual: 'absent' },
    },
    { name: 'the selector selects nothing', params: { resource: 'ConfigMap', selector: 'country=es' }, objects, messageId: 'none-selected', data: { ...base, what: '-l country=es' } },
    { name: 'one that should not be there', params: { resource: 'ConfigMap', selector: 'country=uk', quantifier: 'none' }, objects, messageId: 'unwanted', data: { ...base, what: '-l country=uk', name: 'cm2' } },
    { name: 'not exactly as many as asked', params: { resource: 'ConfigMap', selector: 'country=fr', quantifier: { exactly: 3 } }, objects, messageId: 'count', data: { ...base, what: '-l country=fr', count: 2, total: 2, expected: 3 } },
    {
      name: "the lab's own selector does not parse: an error, not the student's fault",
      params: { resource: 'ConfigMap', selector: 'country in fr' },
      objects,
      status: 'error',
      messageId: 'bad-selector',
      data: { reason: expect.stringContaining('expected "(" after "in"') as string },
    },
  ],
  refused: [
    { name: 'a kind tp does not read', params: { resource: 'Ingress', name: 'web' } },
    { name: 'a name and a selector at once', params: { resource: 'ConfigMap', name: 'cm1', selector: 'country=fr' } },
    { name: 'a negative count', params: { resource: 'ConfigMap', quantifier: { exactly: -1 } } },
    { name: 'an unknown quantifier', params: { resource: 'ConfigMap', quantifier: 'most' } },
  ],
});
