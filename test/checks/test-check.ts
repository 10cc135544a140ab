// testCheck(kind, { valid, invalid }): the tests of one check kind, in the style
// of ESLint's RuleTester. Each case is a student's state (objects in the
// namespace, answers, kubeconfig facts, what the app answers) and what the
// check says of it: its status, its messageId and the message's data. Params go
// through the kind's schema compiled by the production ajv (strict), so a typo
// in a schema fails here, not in a user's hands; and every `{placeholder}` of
// the message, in French and English, must be filled by the data.
import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../src/answers/types.js';
import { checkKinds, type CheckKindName } from '../../src/checks/index.js';
import type { HttpAnswer, HttpProbe, HttpRequest } from '../../src/cluster/http-types.js';
import type { LogAnswer, LogRequest } from '../../src/cluster/log-types.js';
import type { KubeObject, Snapshot } from '../../src/cluster/types.js';
import type { CheckStatus } from '../../src/core/check-status.js';
import type { KubeconfigFacts } from '../../src/core/kubeconfig-facts.js';
import { resolveBuiltins } from '../support/kinds.js';
import { namesOf } from '../../src/cluster/snapshot.js';
import type { TextData } from '../../src/core/text.js';
import { paramsErrors } from '../../src/lab/ajv.js';
import { renderMessage } from '../../src/checks/message.js';

/**
 * What a student must never read: a regular expression, the path syntax of the
 * objects' fields, an operator of the lab files, a JSON object.
 */
export const JARGON = /\[(name|type)=|\[\*\]|\$(regex|oneOf|present|absent|quantity|contains|gte|lte|length|not|as)\b|\\[.dws]|\(\?:|\bspec\.|\bmetadata\.|\bstatus\.|\{"|matching \//;

export interface CheckCase {
  /** What the student did, in a few words: the name of the test. */
  name: string;
  params: Record<string, unknown>;
  /** The namespace's objects by kind (any name of it: `configmaps`, `deploy`…); a kind the check reads and not given is read empty. */
  objects?: Partial<Record<string, KubeObject[]>>;
  /** The answers file, `AnswerN` → what the student wrote. */
  answers?: Record<string, string>;
  facts?: Partial<KubeconfigFacts>;
  /** What the HTTP probe answers (http checks); other kinds must not ask it anything. */
  http?: (request: HttpRequest) => HttpAnswer;
  /** What the container logs read (logs checks); other kinds must not read any. */
  logs?: (request: LogRequest) => LogAnswer;
  /** Default: `pass` for a valid case, `fail` for an invalid one. */
  status?: CheckStatus;
  /** Default for a valid case: `ok`. */
  messageId?: string;
  /** The message's data, all of it. */
  data: TextData;
  /** What the student reads, in both languages. */
  says?: { fr: string; en: string };
  /** The report's `details` for tools (the exact path, pattern, value found). */
  details?: TextData;
}

export interface InvalidCase extends CheckCase {
  messageId: string;
}

export interface CheckCases {
  valid: CheckCase[];
  invalid: InvalidCase[];
  /** Params the kind's schema must refuse (a lab lint error), by what is wrong with them. */
  refused?: Array<{ name: string; params: Record<string, unknown> }>;
}

export const NAMESPACE = 'student';

export const FACTS: KubeconfigFacts = {
  contexts: 2,
  context: 'kind-kind',
  server: 'https://127.0.0.1:6443',
  serverHost: '127.0.0.1',
  namespace: 'default',
};

/** A Kubernetes object of the student's namespace: `object('ConfigMap', 'cm1', { data: … })`. */
export const object = (kind: string, name: string, fields: Record<string, unknown> = {}, metadata: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, namespace: NAMESPACE, ...metadata },
  ...fields,
});

const noHttp: HttpProbe['get'] = () => {
  throw new Error('this check kind must not reach anything over HTTP');
};

const noLogs = (): LogAnswer => {
  throw new Error('this check kind must not read any log');
};

const keyOf = (name: string): string | undefined => {
  const resolution = resolveBuiltins([name]).get(name);
  return resolution?.ok ? resolution.kind.key : undefined;
};

/** The snapshot of the kinds a check needs, resolved as tp resolves Kubernetes' own kinds; objects given under any of a kind's names. */
const snapshotFor = (needs: readonly string[], objects: CheckCase['objects'], facts: KubeconfigFacts): Snapshot => {
  const resolved = resolveBuiltins(needs);
  const kinds: Snapshot['kinds'] = {};
  for (const resolution of resolved.values()) {
    if (!resolution.ok) continue;
    const given = Object.entries(objects ?? {}).find(([name]) => keyOf(name) === resolution.kind.key)?.[1];
    kinds[resolution.kind.key] ??= { ok: true, items: given ?? [] };
  }
  return { namespace: NAMESPACE, facts, kinds, names: namesOf(resolved) };
};

const answersOf = (answers: Record<string, string> = {}): ReadonlyMap<string, AnswerValue> =>
  new Map(Object.entries(answers).map(([key, value], index) => [key, { state: 'answered', value, line: index + 2 }]));

const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');

/** Frozen to its leaves: a check that changed its params or what it read would throw here (the engine hands every student the lab's params, and a cluster's objects). */
const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

const run = async (name: CheckKindName, test: CheckCase, expected: { status: CheckStatus; messageId: string }) => {
  const kind = checkKinds[name];
  expect(paramsErrors(kind.schema, test.params), 'the params fit the schema').toEqual([]);
  const facts = { ...FACTS, ...test.facts };
  const params = deepFreeze(structuredClone(test.params));
  const outcome = await kind.evaluate(params as never, {
    snapshot: deepFreeze(snapshotFor([...kind.needs(params as never), ...(kind.explainedBy?.(params as never) ?? [])], structuredClone(test.objects), facts)),
    facts,
    answers: answersOf(test.answers),
    variables: {},
    http: { via: 'auto', get: async (request) => (test.http ?? noHttp)(request) },
    logs: { read: async (request) => (test.logs ?? noLogs)(request) },
  });
  expect({ status: outcome.status, messageId: outcome.messageId }).toEqual(expected);
  expect(outcome.data ?? {}).toEqual(test.data);
  if (test.details !== undefined) expect(outcome.details).toEqual(test.details);
  const messages: Record<string, { fr: string; en: string }> = kind.messages;
  const message = messages[outcome.messageId];
  expect(message, `a message "${outcome.messageId}" in the kind's messages`).toBeDefined();
  for (const template of [message?.fr ?? '', message?.en ?? '']) {
    for (const placeholder of placeholders(template)) {
      expect(outcome.data?.[placeholder] ?? outcome.words?.[placeholder], `{${placeholder}} of "${template}"`).toBeDefined();
    }
  }
  const said = { fr: renderMessage(message ?? { fr: '', en: '' }, outcome, 'fr'), en: renderMessage(message ?? { fr: '', en: '' }, outcome, 'en') };
  for (const text of [said.fr, said.en]) expect(text, 'no regular expression, field path or operator in what a student reads').not.toMatch(JARGON);
  if (test.says !== undefined) expect(said).toEqual(test.says);
};

export const testCheck = (name: CheckKindName, cases: CheckCases): void => {
  describe(`check kind ${name}`, () => {
    for (const test of cases.valid) {
      it(`${test.status ?? 'pass'}: ${test.name}`, () => run(name, test, { status: test.status ?? 'pass', messageId: test.messageId ?? 'ok' }));
    }
    for (const test of cases.invalid) {
      it(`${test.status ?? 'fail'}: ${test.name}`, () => run(name, test, { status: test.status ?? 'fail', messageId: test.messageId }));
    }
    for (const test of cases.refused ?? []) {
      it(`refused by the schema: ${test.name}`, () => {
        expect(paramsErrors(checkKinds[name].schema, test.params)).not.toEqual([]);
      });
    }
  });
};
