// The warnings Kubernetes recorded about a pod (core v1 Events, as the LIST of
// `events` gives them: events.k8s.io ones are served there too): what
// `kubectl describe pod` shows at its end. A pod's events are matched by name
// and, when both say it, uid (a pod of the same name made since is another pod).
import type { KubeObject } from '../../cluster/types.js';
import { shortened } from '../../core/quote.js';
import type { Text } from '../../core/text.js';
import { field } from '../snapshot-read.js';

export interface PodEvent {
  reason: string;
  message: string;
  /** Milliseconds since the epoch; 0 when the event says no time. */
  at: number;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const timeOf = (event: KubeObject): number => {
  const times = [field(event, 'lastTimestamp'), field(event, 'eventTime'), field(event, 'series', 'lastObservedTime'), field(event, 'firstTimestamp'), field(event, 'metadata', 'creationTimestamp')]
    .map((value) => (typeof value === 'string' ? Date.parse(value) : Number.NaN))
    .filter((value) => !Number.isNaN(value));
  return times.length === 0 ? 0 : Math.max(...times);
};

/** Index of Warning events by pod name, built once per snapshot's list (several checks ask about the same pods). */
const indexes = new WeakMap<readonly KubeObject[], Map<string, KubeObject[]>>();

const warningsByPod = (events: readonly KubeObject[]): Map<string, KubeObject[]> => {
  const known = indexes.get(events);
  if (known) return known;
  const index = new Map<string, KubeObject[]>();
  for (const event of events) {
    if (field(event, 'type') !== 'Warning' || field(event, 'involvedObject', 'kind') !== 'Pod') continue;
    const name = text(field(event, 'involvedObject', 'name'));
    const list = index.get(name);
    if (list) list.push(event);
    else index.set(name, [event]);
  }
  indexes.set(events, index);
  return index;
};

/** The pod's Warning events, the latest first. */
export const podWarnings = (events: readonly KubeObject[], pod: KubeObject): PodEvent[] =>
  (warningsByPod(events).get(pod.metadata.name) ?? [])
    .filter((event) => {
      const uid = text(field(event, 'involvedObject', 'uid'));
      return uid === '' || pod.metadata.uid === undefined || uid === pod.metadata.uid;
    })
    .map((event) => ({ reason: text(field(event, 'reason')), message: text(field(event, 'message')), at: timeOf(event) }))
    .sort((a, b) => b.at - a.at);

/** How many events a message quotes: the latest of distinct reasons. */
const EVENTS_QUOTED = 2;

/** What a message quotes of events: each reason with one short line of its message, the latest reasons first. */
export const eventWords = (events: readonly PodEvent[]): Text | undefined => {
  const seen = new Set<string>();
  const quoted = events.filter((event) => !seen.has(event.reason) && seen.add(event.reason)).slice(0, EVENTS_QUOTED);
  if (quoted.length === 0) return undefined;
  const line = (event: PodEvent) => shortened(event.message, 120);
  return {
    fr: quoted.map((event) => `${event.reason} « ${line(event)} »`).join(', '),
    en: quoted.map((event) => `${event.reason} "${line(event)}"`).join(', '),
  };
};
