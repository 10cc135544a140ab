// endpoints: a Service has N (or at least N) ready endpoints, read from its EndpointSlices.
import { object, testCheck } from './test-check.js';

const service = object('Service', 'kubernetes-app');

const slice = (name: string, serviceName: string, endpoints: unknown[]) =>
  object('EndpointSlice', name, { endpoints }, { labels: { 'kubernetes.io/service-name': serviceName } });

// Two ready addresses (an unset `ready` reads as ready), one not ready, one repeated in a second slice.
const slices = [
  slice('kubernetes-app-a', 'kubernetes-app', [
    { addresses: ['10.244.0.5'], conditions: { ready: true } },
    { addresses: ['10.244.0.6'] },
    { addresses: ['10.244.0.7'], conditions: { ready: false } },
  ]),
  slice('kubernetes-app-b', 'kubernetes-app', [{ addresses: ['10.244.0.5'], conditions: { ready: true } }]),
  slice('other-a', 'other', [{ addresses: ['10.244.0.9'] }]),
];

testCheck('endpoints', {
  valid: [
    { name: 'exactly the 2 ready endpoints asked', params: { service: 'kubernetes-app', ready: 2 }, objects: { services: [service], endpointslices: slices }, data: { service: 'kubernetes-app', count: 2, expected: 2 } },
    { name: 'at least 1 ready endpoint', params: { service: 'kubernetes-app', atLeast: 1 }, objects: { services: [service], endpointslices: slices }, data: { service: 'kubernetes-app', count: 2, expected: 1 } },
  ],
  invalid: [
    { name: 'no Service', params: { service: 'kubernetes-app', ready: 2 }, objects: { endpointslices: slices }, messageId: 'missing', data: { service: 'kubernetes-app' }, says: { fr: 'Service kubernetes-app introuvable', en: 'Service kubernetes-app not found' } },
    { name: 'fewer ready endpoints than asked', params: { service: 'kubernetes-app', ready: 3 }, objects: { services: [service], endpointslices: slices }, messageId: 'count', data: { service: 'kubernetes-app', count: 2, expected: 3 }, says: { fr: 'le service kubernetes-app a 2 endpoint(s) prêt(s), 3 attendu(s)', en: 'service kubernetes-app has 2 ready endpoint(s), 3 expected' } },
    { name: 'more ready endpoints than asked', params: { service: 'kubernetes-app', ready: 1 }, objects: { services: [service], endpointslices: slices }, messageId: 'count', data: { service: 'kubernetes-app', count: 2, expected: 1 } },
    { name: 'a Service selecting no pod', params: { service: 'kubernetes-app', atLeast: 1 }, objects: { services: [service] }, messageId: 'too-few', data: { service: 'kubernetes-app', count: 0, expected: 1 } },
  ],
  refused: [
    { name: 'both an exact count and a minimum', params: { service: 'kubernetes-app', ready: 2, atLeast: 1 } },
    { name: 'no count at all', params: { service: 'kubernetes-app' } },
    { name: 'a minimum of 0', params: { service: 'kubernetes-app', atLeast: 0 } },
  ],
});
