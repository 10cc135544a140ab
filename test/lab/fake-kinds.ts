// A small registry standing in for src/checks/, so lab loading is tested on its own.
import type { AnyCheckKind } from '../../src/checks/define.js';

const stringProp = (params: unknown, name: string): string => {
  const value: unknown = typeof params === 'object' && params !== null ? Reflect.get(params, name) : undefined;
  return typeof value === 'string' ? value : '';
};

const answer: AnyCheckKind = {
  kind: 'answer',
  schema: {
    type: 'object',
    required: ['answer'],
    properties: { answer: { type: 'string' }, expect: { type: 'string' } },
    additionalProperties: false,
  },
  messages: {},
  needs: () => [],
  answers: (params) => [stringProp(params, 'answer')],
  evaluate: () => ({ status: 'pass', messageId: 'ok' }),
};

const resource: AnyCheckKind = {
  kind: 'resource',
  schema: {
    type: 'object',
    required: ['kind', 'name'],
    properties: { kind: { type: 'string' }, name: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } } },
    additionalProperties: false,
  },
  messages: {},
  // Cast on purpose: a lab may name a kind tp does not read, which the semantic rules must catch.
  needs: (params) => [stringProp(params, 'kind')] as ReturnType<AnyCheckKind['needs']>,
  evaluate: () => ({ status: 'pass', messageId: 'ok' }),
};

const selector: AnyCheckKind = {
  kind: 'selector',
  schema: {
    type: 'object',
    required: ['answer', 'kind'],
    properties: {
      answer: { type: 'string' },
      kind: { type: 'string' },
      synthetic: { type: 'array', items: { type: 'object' } },
    },
    additionalProperties: false,
  },
  messages: {},
  needs: (params) => [stringProp(params, 'kind')] as ReturnType<AnyCheckKind['needs']>,
  answers: (params) => [stringProp(params, 'answer')],
  evaluate: () => ({ status: 'pass', messageId: 'ok' }),
};

export const fakeKinds: Readonly<Record<string, AnyCheckKind>> = { answer, resource, selector };

/** The same registry seen through a lookup function, as `findCheckKind` is. */
export const fakeLookup = (name: string): AnyCheckKind | undefined => (Object.hasOwn(fakeKinds, name) ? fakeKinds[name] : undefined);
