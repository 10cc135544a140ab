// reach: "pods labelled A can (or cannot) open port P of pods labelled B",
// decided from the snapshot's NetworkPolicies, pods and namespaces by the
// rules of the NetworkPolicy API (src/checks/network/). Nothing is dialled:
// test/kind/reach.test.ts compares these answers with real traffic.
import { defineCheck, type Outcome } from './define.js';
import { objectsOf } from './snapshot-read.js';
import { connectionVerdict, type ConnectionVerdict, type PolicyPod, type Protocol } from './network/policy.js';
import { isLive, namespaceLabelsOf, policyPod } from './network/pods.js';
import { groupAlike, MAX_KINDS_PER_SIDE, pairsToJudge, usesIpBlocks } from './network/pairs.js';
import { selectorProblem } from './lint/params.js';
import { parseSelector } from '../selector/parse.js';
import { matchesSelector } from '../selector/match.js';
import type { Text } from '../core/text.js';

/** A pod of another namespace, which the snapshot does not hold: its labels and its namespace's. */
export interface OutsidePod {
  namespaceLabels: Record<string, string>;
  podLabels?: Record<string, string>;
}

export interface ReachParams {
  /** A label selector of pods of the checked namespace, or a pod of another namespace. */
  from: string | OutsidePod;
  to: string;
  /** A number, or the name of a container port of the destination pods. */
  port: number | string;
  protocol?: Protocol;
  /** Default `allowed`. */
  expect?: 'allowed' | 'denied';
}

type MessageId = 'allowed' | 'denied' | 'blocked-ingress' | 'blocked-egress' | 'open-unisolated' | 'open-allowed' | 'no-pods' | 'no-port' | 'too-many' | 'bad-selector' | 'only-itself';

// Far from any real namespace name: a DNS label cannot hold spaces.
const OUTSIDE_NAMESPACE = 'another namespace';

const labelsText = (labels: Readonly<Record<string, string>>): string => Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(',');

const outsideWords = (outside: OutsidePod): Text => {
  const namespace = labelsText(outside.namespaceLabels);
  const pod = labelsText(outside.podLabels ?? {});
  return pod === ''
    ? { fr: `de tout namespace aux labels ${namespace}`, en: `of any namespace labelled ${namespace}` }
    : { fr: `aux labels ${pod} d'un namespace aux labels ${namespace}`, en: `labelled ${pod} in a namespace labelled ${namespace}` };
};

const labelledWords = (selector: string): Text => ({ fr: `aux labels ${selector}`, en: `labelled ${selector}` });

const sideNames = (verdict: ConnectionVerdict): Text => {
  const parts: Text[] = [];
  if (verdict.ingress.allowedBy) parts.push({ fr: `NetworkPolicy ${verdict.ingress.allowedBy} (entrée)`, en: `NetworkPolicy ${verdict.ingress.allowedBy} (ingress)` });
  if (verdict.egress.allowedBy) parts.push({ fr: `NetworkPolicy ${verdict.egress.allowedBy} (sortie)`, en: `NetworkPolicy ${verdict.egress.allowedBy} (egress)` });
  return { fr: parts.map((part) => part.fr).join(' et '), en: parts.map((part) => part.en).join(' and ') };
};

type Selected = { ok: true; groups: PolicyPod[][] } | { ok: false; outcome: Outcome<MessageId> };

const selectPods = (selector: string, pods: PolicyPod[], namespace: string, withAddresses: boolean): Selected => {
  const parsed = parseSelector(selector);
  if (!parsed.ok) return { ok: false, outcome: { status: 'error', messageId: 'bad-selector', data: { selector, reason: parsed.reason } } };
  const chosen = pods.filter((pod) => matchesSelector(parsed.requirements, pod.labels));
  if (chosen.length === 0) return { ok: false, outcome: { status: 'fail', messageId: 'no-pods', data: { selector, namespace } } };
  const groups = groupAlike(chosen, withAddresses);
  if (groups.length > MAX_KINDS_PER_SIDE) return { ok: false, outcome: { status: 'error', messageId: 'too-many', data: { selector, count: groups.length, max: MAX_KINDS_PER_SIDE } } };
  return { ok: true, groups };
};

/** Why a pair goes against the lab: what lets it through, or what keeps it out. */
const wrongVerdict = (verdict: ConnectionVerdict, pair: Record<string, string>, sourceWords: Record<string, Text>): Outcome<MessageId> => {
  if (verdict.allowed) {
    const isolated = verdict.ingress.isolating.length > 0 || verdict.egress.isolating.length > 0;
    return isolated
      ? { status: 'fail', messageId: 'open-allowed', data: pair, words: { ...sourceWords, grants: sideNames(verdict) } }
      : { status: 'fail', messageId: 'open-unisolated', data: pair, words: sourceWords };
  }
  const blocking = verdict.ingress.isolating.length > 0 && verdict.ingress.allowedBy === undefined ? 'ingress' : 'egress';
  return {
    status: 'fail',
    messageId: blocking === 'ingress' ? 'blocked-ingress' : 'blocked-egress',
    data: { ...pair, policies: verdict[blocking].isolating.join(', ') },
    words: sourceWords,
  };
};

const portNumber = (port: number | string, protocol: Protocol, destination: PolicyPod): number | undefined =>
  typeof port === 'number' ? port : destination.ports.find((p) => p.name === port && p.protocol === protocol)?.containerPort;

export const reachCheck = defineCheck<ReachParams, MessageId>({
  kind: 'reach',
  schema: {
    type: 'object',
    required: ['from', 'to', 'port'],
    additionalProperties: false,
    properties: {
      from: {
        oneOf: [
          { type: 'string' },
          {
            type: 'object',
            required: ['namespaceLabels'],
            additionalProperties: false,
            properties: {
              namespaceLabels: { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } },
              podLabels: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
        ],
      },
      to: { type: 'string' },
      port: { oneOf: [{ type: 'integer', minimum: 1, maximum: 65535 }, { type: 'string', pattern: '^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$' }] },
      protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'] },
      expect: { type: 'string', enum: ['allowed', 'denied'] },
    },
  },
  messages: {
    allowed: { fr: 'les pods {fromWho} peuvent ouvrir le port {port} des pods {toWho}', en: 'pods {fromWho} can open port {port} of pods {toWho}' },
    denied: { fr: 'les pods {fromWho} ne peuvent pas ouvrir le port {port} des pods {toWho}, comme attendu', en: 'pods {fromWho} cannot open port {port} of pods {toWho}, as expected' },
    'blocked-ingress': {
      fr: 'le pod {source} ne peut pas ouvrir le port {port} du pod {destination} : NetworkPolicy {policies} isole {destination} en entrée et ne laisse pas passer cette connexion',
      en: 'pod {source} cannot open port {port} of pod {destination}: NetworkPolicy {policies} isolates {destination} for ingress and lets no such connection in',
    },
    'blocked-egress': {
      fr: 'le pod {source} ne peut pas ouvrir le port {port} du pod {destination} : NetworkPolicy {policies} isole {source} en sortie et ne laisse pas passer cette connexion',
      en: 'pod {source} cannot open port {port} of pod {destination}: NetworkPolicy {policies} isolates {source} for egress and lets no such connection out',
    },
    'open-unisolated': {
      fr: 'le pod {source} peut ouvrir le port {port} du pod {destination} : aucune NetworkPolicy n\'isole ces pods',
      en: 'pod {source} can open port {port} of pod {destination}: no NetworkPolicy isolates these pods',
    },
    'open-allowed': { fr: 'le pod {source} peut ouvrir le port {port} du pod {destination} : {grants} le permet', en: 'pod {source} can open port {port} of pod {destination}: {grants} allows it' },
    'no-pods': { fr: 'aucun pod aux labels {selector} dans le namespace {namespace}', en: 'no pod labelled {selector} in namespace {namespace}' },
    'no-port': { fr: 'le pod {destination} n\'a pas de port nommé {port}', en: 'pod {destination} has no port named {port}' },
    'too-many': {
      fr: 'les pods aux labels {selector} sont de {count} sortes (labels, ports) : tp n\'en juge pas plus de {max}',
      en: 'the pods labelled {selector} are of {count} kinds (labels, ports): tp judges no more than {max}',
    },
    'only-itself': { fr: 'le pod {pod} est le seul des deux côtés : un pod peut toujours s\'ouvrir à lui-même', en: 'pod {pod} is the only pod on both sides: a pod can always reach itself' },
    'bad-selector': { fr: 'sélecteur du lab invalide ({selector}) : {reason}', en: 'invalid selector in the lab ({selector}): {reason}' },
  },
  needs: () => ['pods', 'networkpolicies', 'namespaces'],
  lint: (params) => [...selectorProblem(['from'], params.from), ...selectorProblem(['to'], params.to)],
  evaluate(params, { snapshot }) {
    const { namespace } = snapshot;
    const protocol = params.protocol ?? 'TCP';
    const pods = objectsOf(snapshot, 'pods').filter(isLive).map((pod) => policyPod(pod, namespace));
    const outside = typeof params.from === 'string' ? undefined : params.from;
    const namespaceLabels = namespaceLabelsOf(objectsOf(snapshot, 'namespaces'), outside ? { [OUTSIDE_NAMESPACE]: outside.namespaceLabels } : {});
    const policies = objectsOf(snapshot, 'networkpolicies');
    const withAddresses = usesIpBlocks(policies);
    const sources = outside === undefined
      ? selectPods(params.from as string, pods, namespace, withAddresses)
      : { ok: true as const, groups: [[{ name: '', namespace: OUTSIDE_NAMESPACE, labels: outside.podLabels ?? {}, ips: [], ports: [] }]] };
    if (!sources.ok) return sources.outcome;
    const destinations = selectPods(params.to, pods, namespace, withAddresses);
    if (!destinations.ok) return destinations.outcome;
    const fromWho = outside === undefined ? labelledWords(params.from as string) : outsideWords(outside);
    const toWho = labelledWords(params.to);
    const wanted = (params.expect ?? 'allowed') === 'allowed';
    for (const group of destinations.groups) {
      const first = group[0] as PolicyPod;
      if (portNumber(params.port, protocol, first) === undefined) return { status: 'fail', messageId: 'no-port', data: { destination: first.name, port: String(params.port) } };
    }
    const pairs = pairsToJudge(sources.groups, destinations.groups);
    // Both selectors pick one same pod: a pod always reaches itself.
    const only = destinations.groups[0]?.[0];
    if (pairs.length === 0 && only !== undefined) return { status: wanted ? 'pass' : 'fail', messageId: 'only-itself', data: { pod: only.name } };
    for (const { from: source, to: destination } of pairs) {
      const number = portNumber(params.port, protocol, destination) as number;
      const verdict = connectionVerdict(policies, { from: source, to: destination, port: number, protocol }, namespaceLabels);
      if (verdict.allowed === wanted) continue;
      const port = typeof params.port === 'number' ? `${number}/${protocol}` : `${params.port} (${number}/${protocol})`;
      const pair = { destination: destination.name, port, ...(outside === undefined ? { source: source.name } : {}) };
      const sourceWords: Record<string, Text> = outside === undefined ? {} : { source: { fr: `(${fromWho.fr})`, en: `(${fromWho.en})` } };
      return wrongVerdict(verdict, pair, sourceWords);
    }
    const port = `${params.port}/${protocol}`;
    return { status: 'pass', messageId: wanted ? 'allowed' : 'denied', data: { port }, words: { fromWho, toWho } };
  },
});
