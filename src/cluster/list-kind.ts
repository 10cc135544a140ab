// One LIST of one resource kind, turned into plain objects or a ReadFailure.
import type { ApiClient } from './api-client.js';
import { redactSecret } from './redact.js';
import { redactObjectCredentials } from './redact-credentials.js';
import type { KindRead, KubeObject } from './types.js';
import { listPath } from './api-paths.js';
import type { ResolvedKind } from '../discovery/types.js';
import { AnswerTooLarge, ApiFailure, sizeText } from './api-failure.js';
import { writersOf } from './writers.js';
import { LAST_APPLIED } from './made-with.js';

interface ListAnswer {
  items?: KubeObject[];
  metadata?: { continue?: string; resourceVersion?: string };
}

/** Pages of this size keep memory flat on big clusters without costing requests on small ones. */
const PAGE_SIZE = 2000;

/** An object as tp keeps it: its managedFields reduced to writers, registry credentials and Secret values gone. */
export const slimObject = (kind: ResolvedKind, object: KubeObject): KubeObject => {
  // managedFields are large: only who wrote, how and when is kept (provenance); Secrets lose their values here.
  const metadata = { ...object.metadata } as KubeObject['metadata'] & { managedFields?: unknown };
  const writers = writersOf(metadata.managedFields);
  const lastApplied = typeof metadata.annotations?.[LAST_APPLIED] === 'string';
  delete metadata.managedFields;
  // Credentials written in registry names (an image `user:pass@host/app`) go too, in every kind.
  const item = redactObjectCredentials({ ...object, metadata: { ...metadata, writers, ...(lastApplied && { lastApplied }) } });
  return kind.group === '' && kind.resource === 'secrets' ? redactSecret(item) : item;
};

/** A LIST and the resourceVersion it was read at, from which a WATCH carries on (the live class). */
export interface ListedKind {
  read: KindRead;
  resourceVersion?: string;
  /** The answer was larger than tp reads (one student's huge objects can make a cluster-wide LIST so). */
  tooLarge?: true;
}

/** LIST a kind in one namespace, or cluster-wide when `namespace` is undefined. */
export const listKind = async (client: ApiClient, kind: ResolvedKind, namespace?: string): Promise<KindRead> =>
  (await listKindAt(client, kind, namespace)).read;

/** listKind, with the resourceVersion of the list (every page of a paginated LIST has the first page's). */
export const listKindAt = async (client: ApiClient, kind: ResolvedKind, namespace?: string): Promise<ListedKind> => {
  const items: KubeObject[] = [];
  let token: string | undefined;
  let resourceVersion: string | undefined;
  try {
    do {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (token) query.set('continue', token);
      const answer = await client.getJson<ListAnswer>(`${listPath(kind, namespace)}?${query}`);
      if (!answer) {
        return { read: { ok: false, failure: { reason: 'other', message: `the API server does not serve ${kind.key}` } } };
      }
      for (const item of answer.items ?? []) items.push(slimObject(kind, item));
      resourceVersion ??= answer.metadata?.resourceVersion;
      token = answer.metadata?.continue || undefined;
    } while (token);
  } catch (error) {
    if (error instanceof AnswerTooLarge) {
      const where = namespace === undefined ? ' (cluster-wide)' : ` in ${namespace}`;
      return { read: { ok: false, failure: { reason: 'other', message: `list ${kind.key}${where}: the answer is over ${sizeText(error.capBytes)}, more than tp reads; nothing of it was graded` } }, tooLarge: true };
    }
    if (error instanceof ApiFailure) {
      const failure = error.failure.reason === 'forbidden'
        ? { reason: 'forbidden' as const, message: `forbidden: list ${kind.key}${namespace === undefined ? ' (cluster-wide)' : ` in ${namespace}`}` }
        : error.failure;
      return { read: { ok: false, failure } };
    }
    throw error;
  }
  return { read: { ok: true, items }, ...(resourceVersion ? { resourceVersion } : {}) };
};
