// selector: the answer is a label selector, judged by what it selects — on the
// live objects of the namespace AND on synthetic label sets listed in the lab,
// so that a selector right by luck on one cluster is not accepted.
import { defineCheck } from './define.js';
import { listed } from './message.js';
import { shortened } from '../core/quote.js';
import type { Text } from '../core/text.js';
import { objectsOf, labelsOf } from './snapshot-read.js';
import { parseSelector } from '../selector/parse.js';
import { extractSelector } from '../selector/extract.js';
import { matchesSelector } from '../selector/match.js';
import type { KubeObject } from '../cluster/types.js';
import { KIND_NAME_SCHEMA } from './kind-name-schema.js';

export interface SelectorParams {
  answer: string;
  resource: string;
  /** Which live objects must be selected: all of those that match every rule given. */
  live: { names?: string[]; withLabels?: Record<string, string>; withoutLabels?: string[] };
  synthetic: Array<{ labels: Record<string, string>; selected: boolean }>;
}

export { extractSelector } from '../selector/extract.js';

const expectedLive = (object: KubeObject, live: SelectorParams['live']): boolean => {
  const labels = labelsOf(object);
  if (live.names && !live.names.includes(object.metadata.name)) return false;
  if (live.withLabels && !Object.entries(live.withLabels).every(([k, v]) => labels[k] === v)) return false;
  if (live.withoutLabels && live.withoutLabels.some((k) => k in labels)) return false;
  return true;
};

const showLabels = (labels: Record<string, string>): string =>
  Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') || '{}';

export const selectorCheck = defineCheck<SelectorParams, 'ok' | 'invalid' | 'live-mismatch' | 'wrongly-selects' | 'wrongly-misses'>({
  kind: 'selector',
  schema: {
    type: 'object',
    required: ['answer', 'resource', 'live', 'synthetic'],
    additionalProperties: false,
    properties: {
      answer: { type: 'string', pattern: '^Answer[0-9]+$' },
      resource: KIND_NAME_SCHEMA,
      live: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          names: { type: 'array', items: { type: 'string' } },
          withLabels: { type: 'object', additionalProperties: { type: 'string' } },
          withoutLabels: { type: 'array', items: { type: 'string' } },
        },
      },
      synthetic: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['labels', 'selected'],
          additionalProperties: false,
          properties: { labels: { type: 'object', additionalProperties: { type: 'string' } }, selected: { type: 'boolean' } },
        },
      },
    },
  },
  messages: {
    ok: { fr: '{answer} : « {selector} » sélectionne {selected}', en: '{answer}: "{selector}" selects {selected}' },
    invalid: { fr: '{answer} : « {selector} » n\'est pas un sélecteur valide ({reason})', en: '{answer}: "{selector}" is not a valid selector ({reason})' },
    'live-mismatch': {
      fr: '{answer} : « {selector} » sélectionne {selected} ; attendu {expected}',
      en: '{answer}: "{selector}" selects {selected}; expected {expected}',
    },
    'wrongly-selects': {
      fr: '{answer} : « {selector} » sélectionnerait aussi un objet aux labels {labels}, qui ne devrait pas l\'être',
      en: '{answer}: "{selector}" would also select an object labelled {labels}, which it should not',
    },
    'wrongly-misses': {
      fr: '{answer} : « {selector} » ne sélectionnerait pas un objet aux labels {labels}, qui devrait l\'être',
      en: '{answer}: "{selector}" would miss an object labelled {labels}, which it should select',
    },
  },
  needs: (params) => [params.resource],
  answers: (params) => [params.answer],
  evaluate(params, { answers, snapshot }) {
    const given = answers.get(params.answer);
    const selector = extractSelector(given?.state === 'answered' ? given.value : '');
    const data = { answer: params.answer, selector: shortened(selector) };
    const parsed = parseSelector(selector);
    if (!parsed.ok) return { status: 'fail', messageId: 'invalid', data: { ...data, reason: shortened(parsed.reason, 160) } };
    const objects = objectsOf(snapshot, params.resource);
    const selected = objects.filter((o) => matchesSelector(parsed.requirements, labelsOf(o))).map((o) => o.metadata.name).sort();
    const expected = objects.filter((o) => expectedLive(o, params.live)).map((o) => o.metadata.name).sort();
    if (selected.length !== expected.length || selected.some((name, i) => name !== expected[i])) {
      const words: Readonly<Record<string, Text>> = { selected: listed(selected), expected: listed(expected) };
      return { status: 'fail', messageId: 'live-mismatch', data, words };
    }
    for (const sample of params.synthetic) {
      if (matchesSelector(parsed.requirements, sample.labels) !== sample.selected) {
        return { status: 'fail', messageId: sample.selected ? 'wrongly-misses' : 'wrongly-selects', data: { ...data, labels: showLabels(sample.labels) } };
      }
    }
    const words: Readonly<Record<string, Text>> = { selected: listed(selected) };
    return { status: 'pass', messageId: 'ok', data, words };
  },
});
