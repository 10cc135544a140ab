// secret-value: one key of a Secret holds the value the lab asks for. The check
// never sees the value: the snapshot compared it while reading the Secret
// (cluster/secret-values.ts) and kept only whether it was equal.
import { defineCheck } from './define.js';
import { findObject } from './snapshot-read.js';

export interface SecretValueParams {
  secret: string;
  key: string;
  /** The decoded value asked for. It is the lab's, never the student's: messages still never show it. */
  equals: string;
  match?: 'exact' | 'trimmed';
}

const keysOf = (secret: Record<string, unknown>): string[] =>
  Array.isArray(secret.dataKeys) ? secret.dataKeys.filter((key): key is string => typeof key === 'string') : [];

const matchesOf = (secret: Record<string, unknown>): Record<string, unknown> =>
  typeof secret.valueMatches === 'object' && secret.valueMatches !== null ? (secret.valueMatches as Record<string, unknown>) : {};

export const secretValueCheck = defineCheck<SecretValueParams, 'ok' | 'missing' | 'no-key' | 'differs' | 'not-compared'>({
  kind: 'secret-value',
  schema: {
    type: 'object',
    required: ['secret', 'key', 'equals'],
    additionalProperties: false,
    properties: {
      secret: { type: 'string', minLength: 1 },
      key: { type: 'string', minLength: 1, maxLength: 253 },
      equals: { type: 'string', maxLength: 65536 },
      match: { enum: ['exact', 'trimmed'] },
    },
  },
  messages: {
    ok: { fr: 'la clé {key} du Secret {secret} a la valeur demandée', en: 'key {key} of Secret {secret} holds the value asked for' },
    missing: { fr: 'Secret {secret} introuvable', en: 'Secret {secret} not found' },
    'no-key': { fr: 'le Secret {secret} n\'a pas de clé {key} (ses clés : {keys})', en: 'Secret {secret} has no key {key} (its keys: {keys})' },
    differs: { fr: 'la clé {key} du Secret {secret} n\'a pas la valeur demandée', en: 'key {key} of Secret {secret} does not hold the value asked for' },
    'not-compared': {
      fr: 'la valeur de la clé {key} du Secret {secret} n\'a pas été comparée à sa lecture (lue avec une autre version du lab)',
      en: 'the value of key {key} of Secret {secret} was not compared when it was read (read with another version of the lab)',
    },
  },
  needs: () => ['secrets'],
  secretValues: (params) => [{ secret: params.secret, key: params.key, equals: params.equals, match: params.match ?? 'exact' }],
  evaluate(params, { snapshot }) {
    const data = { secret: params.secret, key: params.key };
    const secret = findObject(snapshot, 'secrets', params.secret);
    if (!secret) return { status: 'fail', messageId: 'missing', data };
    const keys = keysOf(secret);
    if (!keys.includes(params.key)) return { status: 'fail', messageId: 'no-key', data: { ...data, keys: keys.join(', ') || '∅' } };
    const equal = matchesOf(secret)[params.key];
    if (typeof equal !== 'boolean') return { status: 'error', messageId: 'not-compared', data };
    return equal ? { status: 'pass', messageId: 'ok', data } : { status: 'fail', messageId: 'differs', data };
  },
});
