// selector: the answer is a label selector, judged by what it selects on the live objects
// and on the lab's synthetic label sets, whatever its spelling.
import { expect } from 'vitest';
import { object, testCheck } from './test-check.js';

const cm = (name: string, labels: Record<string, string>) => object('ConfigMap', name, {}, { labels });
const objects = {
  configmaps: [
    cm('cm1', { version: '1.0', country: 'fr' }),
    cm('cm2', { version: '1.0', country: 'uk' }),
    cm('cm3', { version: '1.1', country: 'de' }),
    cm('cm4', { version: '1.1', country: 'fr' }),
    cm('cm5', { country: 'fr' }),
  ],
};

// Answer4 of TP4: the ConfigMaps of country=fr that have a version.
const params = (synthetic: Array<{ labels: Record<string, string>; selected: boolean }>) => ({
  answer: 'Answer4',
  resource: 'configmaps',
  live: { names: ['cm1', 'cm4'] },
  synthetic,
});
const frWithVersion = params([
  { labels: { country: 'fr', version: '2.0' }, selected: true },
  { labels: { country: 'it', version: '1.0' }, selected: false },
]);

testCheck('selector', {
  valid: [
    { name: 'written as the course does', params: frWithVersion, objects, answers: { Answer4: 'country=fr,version' }, data: { answer: 'Answer4', selector: 'country=fr,version' }, says: { fr: 'Answer4 : « country=fr,version » sélectionne cm1, cm4', en: 'Answer4: "country=fr,version" selects cm1, cm4' } },
    {
      name: 'the whole kubectl command pasted, with ==',
      params: frWithVersion,
      objects,
      answers: { Answer4: 'kubectl get cm -l "country==fr, version"' },
      data: { answer: 'Answer4', selector: 'country==fr, version' },
      says: { fr: 'Answer4 : « country==fr, version » sélectionne cm1, cm4', en: 'Answer4: "country==fr, version" selects cm1, cm4' },
    },
    { name: 'a set-based spelling', params: frWithVersion, objects, answers: { Answer4: 'country in (fr),version' }, data: { answer: 'Answer4', selector: 'country in (fr),version' } },
  ],
  invalid: [
    {
      name: 'not a selector: the parser says why',
      params: frWithVersion,
      objects,
      answers: { Answer4: 'country in fr' },
      messageId: 'invalid',
      data: { answer: 'Answer4', selector: 'country in fr', reason: expect.stringContaining('expected "(" after "in"') as string },
    },
    {
      name: 'selects other objects than asked',
      params: frWithVersion,
      objects,
      answers: { Answer4: 'country=fr' },
      messageId: 'live-mismatch',
      data: { answer: 'Answer4', selector: 'country=fr' },
      says: { fr: 'Answer4 : « country=fr » sélectionne cm1, cm4, cm5 ; attendu cm1, cm4', en: 'Answer4: "country=fr" selects cm1, cm4, cm5; expected cm1, cm4' },
    },
    {
      name: 'selects thousands of objects: a few are named, the rest counted',
      params: frWithVersion,
      objects: { configmaps: [...objects.configmaps, ...Array.from({ length: 3000 }, (_, i) => cm(`extra-${String(i).padStart(4, '0')}`, { country: 'fr' }))] },
      answers: { Answer4: 'country=fr' },
      messageId: 'live-mismatch',
      data: { answer: 'Answer4', selector: 'country=fr' },
      says: {
        fr: 'Answer4 : « country=fr » sélectionne cm1, cm4, cm5, extra-0000, extra-0001 et 2998 autres ; attendu cm1, cm4',
        en: 'Answer4: "country=fr" selects cm1, cm4, cm5, extra-0000, extra-0001 and 2998 more; expected cm1, cm4',
      },
    },
    {
      name: 'right here by luck, wrong on a label set the lab lists',
      params: frWithVersion,
      objects,
      answers: { Answer4: 'version,country notin (uk,de)' },
      messageId: 'wrongly-selects',
      data: { answer: 'Answer4', selector: 'version,country notin (uk,de)', labels: 'country=it,version=1.0' },
    },
    {
      name: 'right here by luck, missing a label set the lab lists',
      params: frWithVersion,
      objects,
      answers: { Answer4: 'country=fr,version in (1.0,1.1)' },
      messageId: 'wrongly-misses',
      data: { answer: 'Answer4', selector: 'country=fr,version in (1.0,1.1)', labels: 'country=fr,version=2.0' },
    },
  ],
  refused: [
    { name: 'no synthetic label sets', params: params([]) },
    { name: 'no rule for the live objects', params: { ...frWithVersion, live: {} } },
    { name: 'a key that is not AnswerN', params: { ...frWithVersion, answer: 'selector' } },
  ],
});
