// resource: objects of a kind (by name or label selector) exist and partially
// match an expected shape, with a quantifier over the matched objects.
import { defineCheck } from './define.js';
import { objectsOf, labelsOf, kindNameOf } from './snapshot-read.js';
import { matchFields, type Mismatch } from './match/field-match.js';
import { mismatchDetails, mismatchWords } from './match/describe-mismatch.js';
import type { KubeObject } from '../cluster/types.js';
import { parseSelector } from '../selector/parse.js';
import { matchesSelector } from '../selector/match.js';
import { KIND_NAME_SCHEMA } from './kind-name-schema.js';

type Quantifier = 'all' | 'any' | 'none' | { exactly: number };

export interface ResourceParams {
  resource: string;
  name?: string;
  selector?: string;
  expect?: Record<string, unknown>;
  quantifier?: Quantifier;
}

const selectObjects = (objects: KubeObject[], params: ResourceParams): KubeObject[] | string => {
  if (params.name !== undefined) return objects.filter((object) => object.metadata.name === params.name);
  if (params.selector === undefined) return objects;
  const parsed = parseSelector(params.selector);
  if (!parsed.ok) return parsed.reason;
  return objects.filter((object) => matchesSelector(parsed.requirements, labelsOf(object)));
};

export const resourceCheck = defineCheck<ResourceParams, 'ok' | 'missing' | 'mismatch' | 'none-selected' | 'unwanted' | 'count' | 'bad-selector'>({
  kind: 'resource',
  schema: {
    type: 'object',
    required: ['resource'],
    additionalProperties: false,
    properties: {
      resource: KIND_NAME_SCHEMA,
      name: { type: 'string', minLength: 1 },
      selector: { type: 'string' },
      expect: { type: 'object' },
      quantifier: {
        oneOf: [
          { type: 'string', enum: ['all', 'any', 'none'] },
          { type: 'object', required: ['exactly'], additionalProperties: false, properties: { exactly: { type: 'integer', minimum: 0 } } },
        ],
      },
    },
    not: { required: ['name', 'selector'] },
  },
  messages: {
    ok: { fr: '{kind} {which} conforme', en: '{kind} {which} as expected' },
    missing: { fr: '{kind} {which} introuvable dans le namespace {namespace}', en: '{kind} {which} not found in namespace {namespace}' },
    mismatch: { fr: '{kind} {name} : {field} devrait être {expectation}, trouvé {found}', en: '{kind} {name}: {field} should be {expectation}, found {found}' },
    'none-selected': { fr: 'aucun objet {kind} {which}', en: 'no {kind} {which}' },
    unwanted: { fr: '{kind} {name} ne devrait pas être là ({which})', en: '{kind} {name} should not be there ({which})' },
    count: { fr: '{count} objet(s) {kind} conforme(s) sur {total}, {expected} attendu(s)', en: '{count} of {total} {kind} as expected, {expected} wanted' },
    'bad-selector': { fr: 'sélecteur du lab invalide : {reason}', en: 'invalid selector in the lab: {reason}' },
  },
  needs: (params) => [params.resource],
  evaluate(params, { snapshot }) {
    const kindName = kindNameOf(snapshot, params.resource);
    const what = params.name ?? (params.selector !== undefined ? `-l ${params.selector}` : '');
    const selected = selectObjects(objectsOf(snapshot, params.resource), params);
    if (typeof selected === 'string') return { status: 'error', messageId: 'bad-selector', data: { reason: selected } };
    const quantifier = params.quantifier ?? 'all';
    const results = selected.map((object) => ({ object, mismatches: matchFields(object, params.expect ?? {}) }));
    const matching = results.filter((r) => r.mismatches.length === 0);
    const data = { kind: kindName, what, namespace: snapshot.namespace };
    const which = params.name ?? (params.selector !== undefined ? `-l ${params.selector}` : '');
    const words = { which: params.selector !== undefined && params.name === undefined ? { fr: `aux labels ${params.selector}`, en: `labelled ${params.selector}` } : { fr: which, en: which } };

    if (quantifier === 'none') {
      const offender = matching[0];
      if (!offender) return { status: 'pass', messageId: 'ok', data, words };
      return { status: 'fail', messageId: 'unwanted', data: { ...data, name: offender.object.metadata.name }, words };
    }
    if (typeof quantifier === 'object') {
      const pass = matching.length === quantifier.exactly;
      return { status: pass ? 'pass' : 'fail', messageId: pass ? 'ok' : 'count', data: { ...data, count: matching.length, total: selected.length, expected: quantifier.exactly }, words };
    }
    if (selected.length === 0) {
      return { status: 'fail', messageId: params.name !== undefined ? 'missing' : 'none-selected', data, words };
    }
    const failing = results.find((r) => r.mismatches.length > 0);
    if (quantifier === 'any' ? matching.length > 0 : failing === undefined) return { status: 'pass', messageId: 'ok', data, words };
    const shown = (quantifier === 'any' ? results[0] : failing) as (typeof results)[number];
    const first = shown.mismatches[0] as Mismatch;
    return { status: 'fail', messageId: 'mismatch', data: { ...data, name: shown.object.metadata.name }, words: { ...words, ...mismatchWords(first) }, details: mismatchDetails(first) };
  },
});
