// endpoints: a Service has N ready endpoints (read from its EndpointSlices).
import { defineCheck } from './define.js';
import { findObject, objectsOf, field } from './snapshot-read.js';

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
    count: { fr: 'le service {service} a {count} endpoint(s) prêt(s), {expected} attendu(s)', en: 'service {service} has {count} ready endpoint(s), {expected} expected' },
    'too-few': { fr: 'le service {service} a {count} endpoint(s) prêt(s), au moins {expected} attendu(s) (ses pods sont-ils prêts et sélectionnés ?)', en: 'service {service} has {count} ready endpoint(s), at least {expected} expected (are its pods ready and selected?)' },
  },
  needs: () => ['services', 'endpointslices'],
  evaluate(params, { snapshot }) {
    const service = params.service;
    if (!findObject(snapshot, 'services', service)) return { status: 'fail', messageId: 'missing', data: { service } };
    const slices = objectsOf(snapshot, 'endpointslices').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service);
    const count = readyEndpoints(slices).length;
    if (params.atLeast !== undefined) {
      const data = { service, count, expected: params.atLeast };
      return count >= params.atLeast ? { status: 'pass', messageId: 'ok', data } : { status: 'fail', messageId: 'too-few', data };
    }
    const data = { service, count, expected: params.ready };
    return count === params.ready ? { status: 'pass', messageId: 'ok', data } : { status: 'fail', messageId: 'count', data };
  },
});
