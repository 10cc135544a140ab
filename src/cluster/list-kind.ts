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
import type { SecretComparisons } from './secret-values.js';

interface ListAnswer {
  items?: KubeObject[];
  metadata?: { continue?: string; resourceVersion?: string };
}

/** Pages of this size keep memory flat on big clusters without costing requests on small ones. */
const PAGE_SIZE = 2000;

/**
 * Past this many objects of a kind in a namespace (or in the cluster, for a cluster-scoped kind)
 * the read fails (an `error`, said), rather than hold an unbounded list or judge part of it.
 * Events pile up by themselves for an hour after every change; the RBAC objects and policies the
 * `access` and `reach` checks read stay far below these on any cluster a lab runs on.
 * By `group/resource`.
 */
const MAX_ITEMS: Readonly<Record<string, number>> = {
  '/events': 20_000,
  'events.k8s.io/events': 20_000,
  'networking.k8s.io/networkpolicies': 10_000,
  'rbac.authorization.k8s.io/roles': 20_000,
  'rbac.authorization.k8s.io/rolebindings': 20_000,
  'rbac.authorization.k8s.io/clusterroles': 20_000,
  'rbac.authorization.k8s.io/clusterrolebindings': 20_000,
};

/** The bound of a kind's read, if it has one. */
export const maxItemsOf = (kind: ResolvedKind): number | undefined => MAX_ITEMS[`${kind.group}/${kind.resource}`];

/**
 * A LIST's bounds, whatever its API server answers: this many pages (an API server that
 * answers "continue" forever, with empty pages, is cut there), the bytes of one answer
 * in all its pages together (the client's cap, MAX_API_BODY_BYTES: full pages forever are
 * cut where one huge page would be), and a `continue` token of a few kilobytes (real ones are a few hundred bytes).
 */
export const MAX_LIST_PAGES = 100;
const MAX_CONTINUE_LENGTH = 8 * 1024;

export interface ListOptions {
  /** Stops the LIST between and during its pages (the student's time is up, Ctrl-C). */
  signal?: AbortSignal;
  /** How many objects are held at most (default: the kind's own bound, maxItemsOf). */
  maxItems?: number;
  /** The Secret values the lab compares: only whether each was equal is kept (secret-values.ts). */
  comparisons?: SecretComparisons;
}

/**
 * An object as tp keeps it: its managedFields reduced to writers, registry credentials and Secret
 * values gone (of the values `comparisons` names, only whether each was equal is kept).
 */
export const slimObject = (kind: ResolvedKind, object: KubeObject, comparisons?: SecretComparisons): KubeObject => {
  // managedFields are large: only who wrote, how and when is kept (provenance); Secrets lose their values here.
  const metadata = { ...object.metadata } as KubeObject['metadata'] & { managedFields?: unknown };
  const writers = writersOf(metadata.managedFields);
  const lastApplied = typeof metadata.annotations?.[LAST_APPLIED] === 'string';
  delete metadata.managedFields;
  // Credentials written in registry names (an image `user:pass@host/app`) go too, in every kind.
  const item = redactObjectCredentials({ ...object, metadata: { ...metadata, writers, ...(lastApplied && { lastApplied }) } });
  return kind.group === '' && kind.resource === 'secrets' ? redactSecret(item, comparisons) : item;
};

/** Why a LIST was given up before its end: its pages, its `continue` token or its objects go past what tp reads. */
class ListTooLong extends Error {}

/** A LIST and the resourceVersion it was read at, from which a WATCH carries on (the live class). */
export interface ListedKind {
  /** Over tp's bounds (one student's huge objects can make a cluster-wide LIST so), its failure says `overCap`. */
  read: KindRead;
  resourceVersion?: string;
}

/** LIST a kind in one namespace, or cluster-wide when `namespace` is undefined, within the bounds above. */
export const listKind = async (client: ApiClient, kind: ResolvedKind, namespace?: string, options: ListOptions = {}): Promise<KindRead> =>
  (await listKindAt(client, kind, namespace, options)).read;

/** listKind, with the resourceVersion of the list (every page of a paginated LIST has the first page's). */
export const listKindAt = async (client: ApiClient, kind: ResolvedKind, namespace?: string, options: ListOptions = {}): Promise<ListedKind> => {
  const maxItems = options.maxItems ?? maxItemsOf(kind);
  const items: KubeObject[] = [];
  const where = namespace === undefined ? ' (cluster-wide)' : ` in ${namespace}`;
  let token: string | undefined;
  let pages = 0;
  let bytes = 0;
  let resourceVersion: string | undefined;
  try {
    do {
      if (pages === MAX_LIST_PAGES) throw new ListTooLong(`more than ${MAX_LIST_PAGES} pages (the API server keeps answering "continue")`);
      if (token !== undefined && token.length > MAX_CONTINUE_LENGTH) throw new ListTooLong(`a "continue" token of ${token.length} characters`);
      options.signal?.throwIfAborted();
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (token) query.set('continue', token);
      const answer = await client.getJson<ListAnswer>(`${listPath(kind, namespace)}?${query}`, {
        ...(options.signal ? { signal: options.signal } : {}),
        // The pages of one LIST share one cap: what is left of it bounds the next page.
        maxBodyBytes: client.maxBodyBytes - bytes,
        onBody: (size) => {
          bytes += size;
        },
      });
      pages += 1;
      if (!answer) {
        return { read: { ok: false, failure: { reason: 'other', message: `the API server does not serve ${kind.key}` } } };
      }
      for (const item of answer.items ?? []) items.push(slimObject(kind, item, options.comparisons));
      // A WATCH carries on from it: only a string of a sane length is one (a hostile server may send anything).
      const version = answer.metadata?.resourceVersion;
      if (resourceVersion === undefined && typeof version === 'string' && version.length <= MAX_CONTINUE_LENGTH) resourceVersion = version;
      const next = answer.metadata?.continue;
      token = typeof next === 'string' && next !== '' ? next : undefined;
      if (maxItems !== undefined && items.length > maxItems) throw new ListTooLong(`more than ${maxItems} objects`);
    } while (token);
  } catch (error) {
    if (error instanceof AnswerTooLarge) {
      return { read: { ok: false, failure: { reason: 'other', overCap: true, message: `list ${kind.key}${where}: the answer is over ${sizeText(client.maxBodyBytes)}, more than tp reads; nothing of it was graded` } } };
    }
    if (error instanceof ListTooLong) {
      return { read: { ok: false, failure: { reason: 'other', overCap: true, message: `list ${kind.key}${where}: ${error.message}, more than tp reads; nothing of it was graded` } } };
    }
    if (error instanceof ApiFailure) {
      const failure = error.failure.reason === 'forbidden'
        ? { reason: 'forbidden' as const, message: `forbidden: list ${kind.key}${where}` }
        : error.failure;
      return { read: { ok: false, failure } };
    }
    throw error;
  }
  return { read: { ok: true, items }, ...(resourceVersion ? { resourceVersion } : {}) };
};
