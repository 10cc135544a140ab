// The events about an object since it was made, read from Event objects of
// either API: core v1 (`involvedObject`, `message`, `count`, `lastTimestamp`)
// or events.k8s.io/v1 (`regarding`, `note`, `series`, `eventTime`). An event
// names its object by kind, name and uid: the uid keeps out the events of an
// earlier object of the same name, the time those of an object made since. An
// object that is gone (`kubectl run --rm`) has only its events left: by kind and name.
import type { KubeObject } from '../../cluster/types.js';
import { field } from '../snapshot-read.js';

export interface EventSeen {
  reason: string;
  message: string;
  count: number;
  /** Milliseconds since the epoch, NaN when the event says no time. */
  at: number;
  object: string;
}

interface ObjectRef {
  kind?: unknown;
  name?: unknown;
  namespace?: unknown;
  uid?: unknown;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const referenceOf = (event: KubeObject): ObjectRef => (field(event, 'regarding') ?? field(event, 'involvedObject') ?? {}) as ObjectRef;

/** The last time the event was seen: the latest of the times either API writes. */
const lastSeen = (event: KubeObject): number => {
  const times = [
    field(event, 'series', 'lastObservedTime'),
    field(event, 'lastTimestamp'),
    field(event, 'deprecatedLastTimestamp'),
    field(event, 'eventTime'),
    field(event, 'firstTimestamp'),
    event.metadata.creationTimestamp,
  ].map((value) => (typeof value === 'string' ? Date.parse(value) : Number.NaN)).filter((value) => !Number.isNaN(value));
  return times.length === 0 ? Number.NaN : Math.max(...times);
};

const countOf = (event: KubeObject): number => {
  const counts = [field(event, 'series', 'count'), field(event, 'count'), field(event, 'deprecatedCount')].filter((value): value is number => typeof value === 'number' && value > 0);
  return counts.length === 0 ? 1 : Math.max(...counts);
};

/** Index of events by `Kind/name`, built once per list (a lab asks several checks of one snapshot). */
const indexes = new WeakMap<readonly KubeObject[], Map<string, KubeObject[]>>();

const byObject = (events: readonly KubeObject[]): Map<string, KubeObject[]> => {
  const known = indexes.get(events);
  if (known) return known;
  const index = new Map<string, KubeObject[]>();
  for (const event of events) {
    const ref = referenceOf(event);
    const key = `${text(ref.kind)}/${text(ref.name)}`;
    const list = index.get(key);
    if (list) list.push(event);
    else index.set(key, [event]);
  }
  indexes.set(events, index);
  return index;
};

/** The events about `object` (of kind `kind`, `Pod`…) since its creation. */
export const eventsAbout = (events: readonly KubeObject[], kind: string, object: KubeObject): EventSeen[] => {
  const { uid, creationTimestamp } = object.metadata;
  const created = typeof creationTimestamp === 'string' ? Date.parse(creationTimestamp) : Number.NaN;
  return (byObject(events).get(`${kind}/${object.metadata.name}`) ?? []).flatMap((event) => {
    const ref = referenceOf(event);
    if (uid !== undefined && typeof ref.uid === 'string' && ref.uid !== '' && ref.uid !== uid) return [];
    if (typeof ref.namespace === 'string' && object.metadata.namespace !== undefined && ref.namespace !== object.metadata.namespace) return [];
    const at = lastSeen(event);
    // Events carry times to the second, as creationTimestamp does: an event of that second counts.
    if (!Number.isNaN(created) && !Number.isNaN(at) && at < created) return [];
    return [{ reason: text(field(event, 'reason')), message: text(field(event, 'note')) || text(field(event, 'message')), count: countOf(event), at, object: object.metadata.name }];
  });
};

/**
 * The events about an object of kind `kind` named `name` that no longer exists (a pod made with
 * `kubectl run --rm`): only its events remain, matched by kind, name and namespace, whatever uid.
 */
export const eventsAboutGone = (events: readonly KubeObject[], kind: string, name: string, namespace: string): EventSeen[] =>
  (byObject(events).get(`${kind}/${name}`) ?? []).flatMap((event) => {
    const ref = referenceOf(event);
    if (typeof ref.namespace === 'string' && ref.namespace !== '' && ref.namespace !== namespace) return [];
    return [{ reason: text(field(event, 'reason')), message: text(field(event, 'note')) || text(field(event, 'message')), count: countOf(event), at: lastSeen(event), object: name }];
  });
