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
  metadata?: { continue?: string };
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

const slim = (kind: ResolvedKind, object: KubeObject, comparisons?: SecretComparisons): KubeObject => {
  // managedFields are large: only who wrote, how and when is kept (provenance); Secrets lose their values here.
  const metadata = { ...object.metadata } as KubeObject['metadata'] & { managedFields?: unknown };
  const writers = writersOf(metadata.managedFields);
  const lastApplied = typeof metadata.annotations?.[LAST_APPLIED] === 'string';
  delete metadata.managedFields;
  // Credentials written in registry names (an image `user:pass@host/app`) go too, in every kind.
  const item = redactObjectCredentials({ ...object, metadata: { ...metadata, writers, ...(lastApplied && { lastApplied }) } });
  return kind.group === '' && kind.resource === 'secrets' ? redactSecret(item, comparisons) : item;
};

/**
 * LIST a kind in one namespace, or cluster-wide when `namespace` is undefined; `maxItems`
 * (default: the kind's own bound) bounds what is held; `comparisons`, the Secret values the lab
 * compares (only whether each was equal is kept).
 */
export const listKind = async (
  client: ApiClient,
  kind: ResolvedKind,
  namespace?: string,
  maxItems: number | undefined = maxItemsOf(kind),
  comparisons?: SecretComparisons,
): Promise<KindRead> => {
  const items: KubeObject[] = [];
  let token: string | undefined;
  try {
    do {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (token) query.set('continue', token);
      const answer = await client.getJson<ListAnswer>(`${listPath(kind, namespace)}?${query}`);
      if (!answer) {
        return { ok: false, failure: { reason: 'other', message: `the API server does not serve ${kind.key}` } };
      }
      for (const item of answer.items ?? []) items.push(slim(kind, item, comparisons));
      token = answer.metadata?.continue || undefined;
      if (maxItems !== undefined && items.length > maxItems) {
        const where = namespace === undefined ? ' (cluster-wide)' : ` in ${namespace}`;
        return { ok: false, failure: { reason: 'other', message: `list ${kind.key}${where}: more than ${maxItems} objects, more than tp reads; nothing of it was graded` } };
      }
    } while (token);
  } catch (error) {
    if (error instanceof AnswerTooLarge) {
      const where = namespace === undefined ? ' (cluster-wide)' : ` in ${namespace}`;
      return { ok: false, failure: { reason: 'other', message: `list ${kind.key}${where}: the answer is over ${sizeText(error.capBytes)}, more than tp reads; nothing of it was graded` } };
    }
    if (error instanceof ApiFailure) {
      const failure = error.failure.reason === 'forbidden'
        ? { reason: 'forbidden' as const, message: `forbidden: list ${kind.key}${namespace === undefined ? ' (cluster-wide)' : ` in ${namespace}`}` }
        : error.failure;
      return { ok: false, failure };
    }
    throw error;
  }
  return { ok: true, items };
};
