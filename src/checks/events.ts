// events: what Kubernetes reported about objects since they were made — reasons
// required (all of them, or any one) or forbidden: a pod that got `BackOff`,
// `FailedMount`, `Unhealthy` or `Killing`, a Deployment `ScalingReplicaSet`.
import { defineCheck, type Outcome } from './define.js';
import { kindNameOf, objectsOf, selectByNameOrLabels } from './snapshot-read.js';
import { eventsAbout, eventsAboutGone, type EventSeen } from './events/about.js';
import { selectorProblem } from './lint/params.js';
import { KIND_NAME_SCHEMA } from './kind-name-schema.js';
import { shortened } from '../core/quote.js';
import type { Text } from '../core/text.js';

export interface EventsParams {
  resource: string;
  name?: string;
  selector?: string;
  reasons: { allOf?: string[]; anyOf?: string[]; noneOf?: string[] };
  /** The object must be gone (deleted, as `kubectl run --rm` does): its events are matched by kind and name. */
  gone?: boolean;
}

type MessageId = 'ok' | 'ok-none' | 'missing-reasons' | 'none-of' | 'forbidden' | 'missing' | 'none-selected' | 'bad-selector' | 'still-there' | 'no-trace';

/** What a message quotes of an event's text: one line. */
const MESSAGE_QUOTE = 120;

const reasonList = { type: 'array', items: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]*$' }, minItems: 1, maxItems: 30 };

interface Tally {
  count: number;
  latest: EventSeen;
}

const tallyByReason = (events: readonly EventSeen[]): Map<string, Tally> => {
  const tally = new Map<string, Tally>();
  for (const event of events) {
    const known = tally.get(event.reason);
    if (!known) tally.set(event.reason, { count: event.count, latest: event });
    else {
      known.count += event.count;
      if (event.at > known.latest.at || Number.isNaN(known.latest.at)) known.latest = event;
    }
  }
  return tally;
};

const countsText = (tally: Map<string, Tally>, reasons: readonly string[]): string =>
  reasons.filter((reason) => tally.has(reason)).map((reason) => `${reason} ×${tally.get(reason)?.count}`).join(', ');

const latestOf = (tally: Map<string, Tally>, reasons: readonly string[]): EventSeen | undefined =>
  reasons.map((reason) => tally.get(reason)?.latest).reduce<EventSeen | undefined>((latest, event) => (event && (!latest || event.at > latest.at) ? event : latest), undefined);

const whichWords = (params: EventsParams): Text => {
  if (params.name !== undefined) return { fr: params.name, en: params.name };
  if (params.selector !== undefined) return { fr: `aux labels ${params.selector}`, en: `labelled ${params.selector}` };
  return { fr: '(tous)', en: '(all)' };
};

export const eventsCheck = defineCheck<EventsParams, MessageId>({
  kind: 'events',
  schema: {
    type: 'object',
    required: ['resource', 'reasons'],
    additionalProperties: false,
    properties: {
      resource: KIND_NAME_SCHEMA,
      name: { type: 'string', minLength: 1 },
      selector: { type: 'string' },
      reasons: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: { allOf: reasonList, anyOf: reasonList, noneOf: reasonList },
      },
      gone: { type: 'boolean' },
    },
    not: { required: ['name', 'selector'] },
    // A gone object is known by its name only: its labels went with it.
    if: { required: ['gone'], properties: { gone: { const: true } } },
    then: { required: ['name'] },
  },
  messages: {
    ok: { fr: '{kind} {which} : {found} ; dernier : « {latest} »', en: '{kind} {which}: {found}; latest: "{latest}"' },
    'ok-none': { fr: '{kind} {which} : aucun événement {forbidden} depuis sa création', en: '{kind} {which}: no {forbidden} event since it was made' },
    'missing-reasons': { fr: '{kind} {which} : aucun événement {missing} depuis sa création (vus : {seen})', en: '{kind} {which}: no {missing} event since it was made (seen: {seen})' },
    'none-of': { fr: '{kind} {which} : aucun des événements {wanted} depuis sa création (vus : {seen})', en: '{kind} {which}: none of the events {wanted} since it was made (seen: {seen})' },
    forbidden: { fr: '{kind} {name} : événement {reason} ×{count} depuis sa création ; dernier : « {latest} »', en: '{kind} {name}: {reason} event ×{count} since it was made; latest: "{latest}"' },
    missing: { fr: '{kind} {which} introuvable dans le namespace {namespace}', en: '{kind} {which} not found in namespace {namespace}' },
    'none-selected': { fr: 'aucun objet {kind} {which} dans le namespace {namespace}', en: 'no {kind} {which} in namespace {namespace}' },
    'bad-selector': { fr: 'sélecteur du lab invalide : {reason}', en: 'invalid selector in the lab: {reason}' },
    'still-there': { fr: '{kind} {name} existe encore dans le namespace {namespace} : il devait être supprimé une fois terminé', en: '{kind} {name} still exists in namespace {namespace}: it should have been deleted once finished' },
    'no-trace': { fr: 'aucun événement sur {kind} {name} dans le namespace {namespace} : il n\'a pas été lancé ici, ou il y a plus longtemps que les événements ne durent (1 h par défaut)', en: 'no event about {kind} {name} in namespace {namespace}: it was not run here, or longer ago than events last (1 h by default)' },
  },
  needs: (params) => [params.resource, 'events'],
  lint: (params) => selectorProblem(['selector'], params.selector),
  evaluate(params, { snapshot }): Outcome<MessageId> {
    const kind = kindNameOf(snapshot, params.resource);
    const words = { which: whichWords(params) };
    const data = { kind, namespace: snapshot.namespace };
    const selected = selectByNameOrLabels(objectsOf(snapshot, params.resource), params.name, params.selector);
    if (typeof selected === 'string') return { status: 'error', messageId: 'bad-selector', data: { reason: selected } };
    const events = objectsOf(snapshot, 'events');
    let seenEvents: EventSeen[];
    if (params.gone === true && params.name !== undefined) {
      const goneData = { ...data, name: params.name };
      if (selected.length > 0) return { status: 'fail', messageId: 'still-there', data: goneData };
      seenEvents = eventsAboutGone(events, kind, params.name, snapshot.namespace);
      if (seenEvents.length === 0) return { status: 'fail', messageId: 'no-trace', data: goneData };
    } else {
      if (selected.length === 0) return { status: 'fail', messageId: params.name === undefined ? 'none-selected' : 'missing', data, words };
      seenEvents = selected.flatMap((object) => eventsAbout(events, kind, object));
    }
    const tally = tallyByReason(seenEvents);
    const seen: Text = tally.size === 0 ? { fr: 'aucun', en: 'none' } : { fr: countsText(tally, [...tally.keys()].sort()), en: countsText(tally, [...tally.keys()].sort()) };
    const quote = (event: EventSeen | undefined) => shortened(event?.message ?? '', MESSAGE_QUOTE);

    const forbidden = (params.reasons.noneOf ?? []).find((reason) => tally.has(reason));
    if (forbidden !== undefined) {
      const { count, latest } = tally.get(forbidden) as Tally;
      return { status: 'fail', messageId: 'forbidden', data: { ...data, name: latest.object, reason: forbidden, count, latest: quote(latest) } };
    }
    const missing = (params.reasons.allOf ?? []).filter((reason) => !tally.has(reason));
    if (missing.length > 0) return { status: 'fail', messageId: 'missing-reasons', data: { ...data, missing: missing.join(', ') }, words: { ...words, seen } };
    const anyOf = params.reasons.anyOf ?? [];
    if (anyOf.length > 0 && !anyOf.some((reason) => tally.has(reason))) {
      return { status: 'fail', messageId: 'none-of', data: { ...data, wanted: anyOf.join(', ') }, words: { ...words, seen } };
    }
    const required = [...(params.reasons.allOf ?? []), ...anyOf];
    if (required.length === 0) return { status: 'pass', messageId: 'ok-none', data: { ...data, forbidden: (params.reasons.noneOf ?? []).join(', ') }, words };
    return { status: 'pass', messageId: 'ok', data: { ...data, found: countsText(tally, [...new Set(required)]), latest: quote(latestOf(tally, required)) }, words };
  },
});
