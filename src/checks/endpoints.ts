// endpoints: a Service has N ready endpoints (read from its EndpointSlices).
import { defineCheck } from './define.js';
import { findObject, objectsOf, field, readOf } from './snapshot-read.js';
import { endpointsDiagnosis, type ServicePort } from './diagnosis/service-pods.js';
import { appended, diagnosisDetails, explain } from './diagnosis/explain.js';
import type { KubeObject, Snapshot } from '../cluster/types.js';
import type { Text } from '../core/text.js';

export interface EndpointsParams {
  service: string;
  /** Exactly this many ready endpoints… */
  ready?: number;
  /** …or at least this many. */
  atLeast?: number;
}

export const readyEndpoints = (slices: unknown[]): string[] => {
  const addresses = new Set<string>();
  for (const slice of slices) {
    for (const endpoint of (field(slice, 'endpoints') ?? []) as unknown[]) {
      // The API says an unset `ready` condition is to be read as ready.
      if (field(endpoint, 'conditions', 'ready') === false) continue;
      for (const address of (field(endpoint, 'addresses') ?? []) as string[]) addresses.add(address);
    }
  }
  return [...addresses].sort();
};

/** Said when the objects show no cause: what to look at. */
const ASK: Text = { fr: ' (ses pods sont-ils prêts et sélectionnés ?)', en: ' (are its pods ready and selected?)' };

/** Why the Service has fewer ready endpoints than `expected`, from its selector, its ports and its pods (`{diagnosis}`). */
const fewerBecause = (service: KubeObject, snapshot: Snapshot, expected: number, otherwise?: Text) => {
  // Pods unreadable (forbidden) say nothing, rather than "no pod".
  if (!readOf(snapshot, 'pods')?.ok) return { words: { diagnosis: otherwise ?? appended(undefined) } };
  const found = field(service, 'spec', 'ports');
  const ports = Array.isArray(found) ? (found.filter((port) => port !== null && typeof port === 'object') as ServicePort[]) : [];
  const diagnosis = endpointsDiagnosis(service, { ports, pods: objectsOf(snapshot, 'pods'), events: objectsOf(snapshot, 'events'), expected });
  if (!diagnosis) return { words: { diagnosis: otherwise ?? appended(undefined) } };
  return { words: { diagnosis: appended(explain(diagnosis)) }, details: diagnosisDetails(diagnosis) };
};

export const endpointsCheck = defineCheck<EndpointsParams, 'ok' | 'missing' | 'count' | 'too-few'>({
  kind: 'endpoints',
  schema: {
    type: 'object',
    required: ['service'],
    additionalProperties: false,
    properties: { service: { type: 'string', minLength: 1 }, ready: { type: 'integer', minimum: 0 }, atLeast: { type: 'integer', minimum: 1 } },
    oneOf: [{ required: ['ready'] }, { required: ['atLeast'] }],
  },
  messages: {
    ok: { fr: 'le service {service} a {count} endpoint(s) prêt(s)', en: 'service {service} has {count} ready endpoint(s)' },
    missing: { fr: 'Service {service} introuvable', en: 'Service {service} not found' },
    count: { fr: 'le service {service} a {count} endpoint(s) prêt(s), {expected} attendu(s){diagnosis}', en: 'service {service} has {count} ready endpoint(s), {expected} expected{diagnosis}' },
    'too-few': { fr: 'le service {service} a {count} endpoint(s) prêt(s), au moins {expected} attendu(s){diagnosis}', en: 'service {service} has {count} ready endpoint(s), at least {expected} expected{diagnosis}' },
  },
  needs: () => ['services', 'endpointslices'],
  explainedBy: () => ['pods', 'events'],
  evaluate(params, { snapshot }) {
    const service = params.service;
    const found = findObject(snapshot, 'services', service);
    if (!found) return { status: 'fail', messageId: 'missing', data: { service } };
    const slices = objectsOf(snapshot, 'endpointslices').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service);
    const count = readyEndpoints(slices).length;
    if (params.atLeast !== undefined) {
      const data = { service, count, expected: params.atLeast };
      return count >= params.atLeast ? { status: 'pass', messageId: 'ok', data } : { status: 'fail', messageId: 'too-few', data, ...fewerBecause(found, snapshot, params.atLeast, ASK) };
    }
    const data = { service, count, expected: params.ready };
    if (count === params.ready) return { status: 'pass', messageId: 'ok', data };
    // Too many endpoints is no failure of the pods: nothing to diagnose.
    return { status: 'fail', messageId: 'count', data, ...(count < (params.ready ?? 0) ? fewerBecause(found, snapshot, params.ready ?? 0) : { words: { diagnosis: appended(undefined) } }) };
  },
});
