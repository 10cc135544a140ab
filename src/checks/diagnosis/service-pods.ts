// Why a Service's traffic finds no one, from the objects alone: no selector, a
// selector that matches no pod (and the labels the pods do carry), a targetPort
// that no container port of its pods matches, pods selected but not ready (and
// why, pod-state.ts). What the endpoints and http checks add when they fail.
import type { KubeObject } from '../../cluster/types.js';
import { shortened } from '../../core/quote.js';
import { field } from '../snapshot-read.js';
import { fewOf } from './explain.js';
import { firstTrouble, list, newestFirst } from './pod-state.js';
import type { Diagnosis } from './types.js';

/** A port of a Service as the API stores it: `targetPort` is a number or a container port's name. */
export interface ServicePort {
  port: number;
  targetPort?: number | string;
  name?: string;
}

/** Labels the controllers put on pods: they tell the pods apart, not what a student labelled. */
const CONTROLLER_LABEL = /(^|\/)(pod-template-hash|controller-revision-hash|pod-template-generation|pod-name|pod-index|job-name|controller-uid)$/;


const labelsText = (labels: Record<string, string>): string => Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(',');

export const selectorOf = (service: KubeObject): Record<string, string> => {
  const selector = field(service, 'spec', 'selector');
  return selector !== null && typeof selector === 'object' ? (selector as Record<string, string>) : {};
};

/** The pods a Service's selector matches (an equality on every key, as the endpoints controller reads it). */
export const podsOfService = (service: KubeObject, pods: readonly KubeObject[]): KubeObject[] => {
  const selector = Object.entries(selectorOf(service));
  if (selector.length === 0) return [];
  return pods.filter((pod) => selector.every(([key, value]) => pod.metadata.labels?.[key] === value));
};

const isReady = (pod: KubeObject): boolean =>
  list<{ type?: string; status?: string }>(field(pod, 'status', 'conditions')).some((c) => c.type === 'Ready' && c.status === 'True');

interface ContainerPort {
  containerPort?: unknown;
  name?: unknown;
}

/** The ports the pods' containers declare, as `8000 (http)`, each once. */
const declaredPorts = (pods: readonly KubeObject[]): ContainerPort[] => {
  const seen = new Map<string, ContainerPort>();
  for (const pod of pods) {
    for (const container of list<{ ports?: unknown }>(field(pod, 'spec', 'containers'))) {
      for (const port of list<ContainerPort>(container.ports)) seen.set(`${String(port.containerPort)}/${String(port.name)}`, port);
    }
  }
  return [...seen.values()];
};

const portWords = (ports: readonly ContainerPort[]) => {
  const shown = ports.map((port) => (typeof port.name === 'string' && port.name !== '' ? `${String(port.containerPort)} (${port.name})` : String(port.containerPort)));
  return shown.length === 0 ? { fr: 'aucun port', en: 'no port' } : fewOf(shown);
};

/** The labels the namespace's pods carry (without the controllers' own), each set once, for "its selector matches none of them". */
const labelWords = (pods: readonly KubeObject[]) => {
  const sets = new Set<string>();
  for (const pod of newestFirst(pods)) {
    const own = Object.fromEntries(Object.entries(pod.metadata.labels ?? {}).filter(([key]) => !CONTROLLER_LABEL.test(key)));
    sets.add(shortened(labelsText(own), 80));
  }
  const named = [...sets];
  const fr = fewOf(named.map((set) => set || 'aucun label'));
  const en = fewOf(named.map((set) => set || 'no label'));
  return { fr: fr.fr, en: en.en };
};

/** A targetPort that no container port of the selected pods matches: by name always, by number when they declare ports. */
export const targetPortDiagnosis = (port: ServicePort, selected: readonly KubeObject[]): Diagnosis | undefined => {
  if (selected.length === 0) return undefined;
  const target = port.targetPort ?? port.port;
  const declared = declaredPorts(selected);
  const data = { port: port.port, targetPort: shortened(String(target), 64) };
  if (typeof target === 'string' && !/^\d+$/.test(target)) {
    return declared.some((p) => p.name === target) ? undefined : { id: 'target-port-name-unknown', data, words: { ports: portWords(declared) } };
  }
  // A container may listen on a port it does not declare: only declared ports that all differ say something.
  if (declared.length === 0 || declared.some((p) => Number(p.containerPort) === Number(target))) return undefined;
  return { id: 'target-port-not-declared', data, words: { ports: portWords(declared) } };
};

export interface EndpointsFacts {
  /** The Service's ports that matter (one for an HTTP check, all for an endpoints count). */
  ports: readonly ServicePort[];
  /** The namespace's pods and Events. */
  pods: readonly KubeObject[];
  events: readonly KubeObject[];
  /** How many ready endpoints were wanted. */
  expected: number;
}

/** Why `service` has fewer ready endpoints than wanted, when its objects say. */
export const endpointsDiagnosis = (service: KubeObject, facts: EndpointsFacts): Diagnosis | undefined => {
  const selector = selectorOf(service);
  if (Object.keys(selector).length === 0) return { id: 'service-no-selector', data: {} };
  const selected = podsOfService(service, facts.pods);
  const selectorText = shortened(labelsText(selector), 120);
  if (selected.length === 0) {
    if (facts.pods.length === 0) return { id: 'no-pods', data: { selector: selectorText } };
    return { id: 'selector-matches-nothing', data: { selector: selectorText }, words: { labels: labelWords(facts.pods) } };
  }
  for (const port of facts.ports) {
    const named = typeof port.targetPort === 'string' ? targetPortDiagnosis(port, selected) : undefined;
    if (named) return named;
  }
  const ready = selected.filter(isReady).length;
  if (ready < Math.min(facts.expected, selected.length)) {
    const trouble = firstTrouble(selected, facts.events);
    const data = { ready, count: selected.length };
    if (!trouble) return { id: 'pods-not-ready-yet', data };
    return { id: 'pods-not-ready', data: { ...data, pod: trouble.pod, reason: trouble.reason }, cause: trouble.diagnosis };
  }
  if (selected.length < facts.expected) return { id: 'too-few-pods', data: { selector: selectorText, count: selected.length } };
  return undefined;
};
