// answer: a short answer compared with accepted literals (plain or hashed) or
// with a fact of the kubeconfig in use.
import { defineCheck } from './define.js';
import { shortened } from '../core/quote.js';
import { STORED_HASH_PATTERN, matchesAnyHash, matchesHash } from './answer-hash.js';
import { normaliseAnswer } from '../answers/normalise.js';
import { type KubeconfigFacts, hostOf } from '../core/kubeconfig-facts.js';
import { namespaceTemplates } from '../answers/namespace-template.js';
import { NAMESPACE_PLACEHOLDER } from '../core/namespace-variable.js';

type Fact = 'contexts' | 'serverHost' | 'namespace';

export interface AnswerParams {
  answer: string;
  accept?: string[];
  /** Accepted normalised answers, hashed by `tp lab hash` (answer-hash.ts says the formats). */
  acceptHashed?: string[];
  fact?: Fact;
  caseSensitive?: boolean;
  /**
   * The accepted answers hold the checked namespace, written `${namespace}`: plain ones are filled
   * in (as in every check's params), hashed ones were made of the written form, so the answer is
   * compared with the namespace in it put back as `${namespace}` (answers/namespace-template.ts).
   */
  templated?: boolean;
  /** Where the answer lies, so lint can say when its hash can be enumerated (lab/hash-strength.ts). */
  answerSpace?: { alphabet: string; maxLength: number } | { candidates: number };
}

/** `https://192.168.49.2:8443/` and `192.168.49.2` both mean the host 192.168.49.2. */
const hostAnswer = (value: string): string => {
  const text = value.trim().toLowerCase();
  if (/^[a-z]+:\/\//.test(text)) return hostOf(text);
  return text.replace(/\/.*$/, '').replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/^([^:]+):\d+$/, '$1');
};

const factMatches = (fact: Fact, value: string, facts: KubeconfigFacts): boolean => {
  const text = value.trim();
  switch (fact) {
    case 'contexts':
      return /^\d+$/.test(text) && Number(text) === facts.contexts;
    case 'serverHost':
      return hostAnswer(text) === facts.serverHost.toLowerCase();
    case 'namespace':
      return text.toLowerCase() === facts.namespace.toLowerCase();
  }
};

const normalisedAnswer = (value: string, params: AnswerParams): string =>
  normaliseAnswer(value, { caseSensitive: params.caseSensitive ?? false, collapseSpaces: true });

/** Whether an accepted plain value is this answer: then no hash is derived. */
const plainMatch = (normalised: string, params: AnswerParams): boolean => (params.accept ?? []).some((option) => normalisedAnswer(option, params) === normalised);

/**
 * Whether the answer is one of the hashed ones. Templated, the hashes are of the written form: only
 * the answer with its namespace put back as `${namespace}` is compared, never an answer that
 * writes the placeholder itself.
 */
const hashedMatch = async (normalised: string, params: AnswerParams, namespace: string): Promise<boolean> => {
  const hashes = params.acceptHashed ?? [];
  if (params.templated !== true) return matchesAnyHash(normalised, hashes);
  if (normalised.includes(NAMESPACE_PLACEHOLDER)) return false;
  for (const spelling of namespaceTemplates(normalised, normalisedAnswer(namespace, params))) {
    if (await matchesAnyHash(spelling, hashes)) return true;
  }
  return false;
};

const FACT_MESSAGE = { contexts: 'wrong-contexts', serverHost: 'wrong-server', namespace: 'wrong-namespace' } as const;

export const answerCheck = defineCheck<AnswerParams, 'ok' | 'wrong' | 'wrong-contexts' | 'wrong-server' | 'wrong-namespace'>({
  kind: 'answer',
  schema: {
    type: 'object',
    required: ['answer'],
    additionalProperties: false,
    properties: {
      answer: { type: 'string', pattern: '^Answer[0-9]+$' },
      accept: { type: 'array', items: { type: 'string' }, minItems: 1 },
      acceptHashed: { type: 'array', items: { type: 'string', pattern: STORED_HASH_PATTERN }, minItems: 1 },
      fact: { type: 'string', enum: ['contexts', 'serverHost', 'namespace'] },
      caseSensitive: { type: 'boolean' },
      templated: { type: 'boolean' },
      answerSpace: {
        oneOf: [
          { type: 'object', required: ['alphabet', 'maxLength'], additionalProperties: false, properties: { alphabet: { type: 'string', minLength: 1 }, maxLength: { type: 'integer', minimum: 1, maximum: 64 } } },
          { type: 'object', required: ['candidates'], additionalProperties: false, properties: { candidates: { type: 'integer', minimum: 1 } } },
        ],
      },
    },
    anyOf: [{ required: ['accept'] }, { required: ['acceptHashed'] }, { required: ['fact'] }],
  },
  messages: {
    ok: { fr: '{answer} : « {value} » est juste', en: '{answer}: "{value}" is right' },
    wrong: { fr: '{answer} : « {value} » n\'est pas la réponse attendue', en: '{answer}: "{value}" is not the expected answer' },
    'wrong-contexts': {
      fr: '{answer} : « {value} » n\'est pas le nombre de contextes du kubeconfig utilisé',
      en: '{answer}: "{value}" is not the number of contexts in the kubeconfig in use',
    },
    'wrong-server': {
      fr: '{answer} : « {value} » n\'est pas l\'adresse du serveur du contexte {context}',
      en: '{answer}: "{value}" is not the server address of context {context}',
    },
    'wrong-namespace': {
      fr: '{answer} : « {value} » n\'est pas le namespace du contexte {context}',
      en: '{answer}: "{value}" is not the namespace of context {context}',
    },
  },
  needs: () => [],
  answers: (params) => [params.answer],
  async evaluate(params, { answers, facts, snapshot }) {
    const given = answers.get(params.answer);
    // The engine answers for missing and `<fix me>` answers before calling us.
    const value = given?.state === 'answered' ? given.value : '';
    const data = { answer: params.answer, value: shortened(value) };
    if (params.fact) {
      const ok = factMatches(params.fact, value, facts);
      return ok
        ? { status: 'pass', messageId: 'ok', data }
        : { status: 'fail', messageId: FACT_MESSAGE[params.fact], data: { ...data, context: facts.context } };
    }
    const normalised = normalisedAnswer(value, params);
    const plain = plainMatch(normalised, params);
    // Derived off the event loop (scrypt runs in libuv's pool), and only when no plain value matched.
    const hashed = !plain && (await hashedMatch(normalised, params, snapshot.namespace));
    return plain || hashed ? { status: 'pass', messageId: 'ok', data } : { status: 'fail', messageId: 'wrong', data };
  },
  prepare(params, answers) {
    const given = answers.get(params.answer);
    const first = params.acceptHashed?.[0];
    if (given?.state !== 'answered' || params.fact || params.templated === true || first === undefined) return;
    const normalised = normalisedAnswer(given.value, params);
    if (plainMatch(normalised, params)) return;
    // The first spelling's scrypt, kept by matchesHash for evaluate; its failure is evaluate's to report.
    matchesHash(normalised, first).catch(() => {});
  },
});
