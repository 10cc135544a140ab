// endpoints: a Service has N (or at least N) ready endpoints, read from its EndpointSlices.
import { object, testCheck } from './test-check.js';

const service = object('Service', 'kubernetes-app', { spec: { selector: { app: 'kubernetes-app' }, ports: [{ port: 8000, targetPort: 8000 }] } });

const pod = (name: string, labels: Record<string, string>, ready: boolean, containerStatuses: unknown[] = []) =>
  object('Pod', name, { spec: { containers: [{ name: 'app', image: 'tp-registry:5000/dalk/app:v0.3', ports: [{ containerPort: 8000 }] }] }, status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], containerStatuses } }, { labels, uid: `uid-${name}` });
const running = [pod('kubernetes-app-1', { app: 'kubernetes-app' }, true), pod('kubernetes-app-2', { app: 'kubernetes-app' }, true)];

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
    {
      name: 'fewer ready endpoints than asked: the selector matches only the pods there are',
      params: { service: 'kubernetes-app', ready: 3 },
      objects: { services: [service], endpointslices: slices, pods: running },
      messageId: 'count',
      data: { service: 'kubernetes-app', count: 2, expected: 3 },
      details: { diagnosis: 'too-few-pods', selector: 'app=kubernetes-app', count: 2 },
      says: {
        fr: 'le service kubernetes-app a 2 endpoint(s) prêt(s), 3 attendu(s) : son sélecteur app=kubernetes-app ne choisit que 2 pod(s)',
        en: 'service kubernetes-app has 2 ready endpoint(s), 3 expected: its selector app=kubernetes-app matches only 2 pod(s)',
      },
    },
    {
      name: 'more ready endpoints than asked: nothing to diagnose',
      params: { service: 'kubernetes-app', ready: 1 },
      objects: { services: [service], endpointslices: slices, pods: running },
      messageId: 'count',
      data: { service: 'kubernetes-app', count: 2, expected: 1 },
      says: { fr: 'le service kubernetes-app a 2 endpoint(s) prêt(s), 1 attendu(s)', en: 'service kubernetes-app has 2 ready endpoint(s), 1 expected' },
    },
    {
      name: 'a Service whose selector matches no pod: the labels the pods carry',
      params: { service: 'kubernetes-app', atLeast: 1 },
      objects: { services: [service], pods: [pod('web-1', { app: 'kubernetes', 'pod-template-hash': '5c8bcdc56f' }, true)] },
      messageId: 'too-few',
      data: { service: 'kubernetes-app', count: 0, expected: 1 },
      details: { diagnosis: 'selector-matches-nothing', selector: 'app=kubernetes-app' },
      says: {
        fr: 'le service kubernetes-app a 0 endpoint(s) prêt(s), au moins 1 attendu(s) : son sélecteur app=kubernetes-app ne choisit aucun pod ; les pods du namespace portent app=kubernetes',
        en: 'service kubernetes-app has 0 ready endpoint(s), at least 1 expected: its selector app=kubernetes-app matches no pod; the namespace\'s pods carry app=kubernetes',
      },
    },
    {
      name: 'pods selected but none ready: the one that says why',
      params: { service: 'kubernetes-app', atLeast: 1 },
      objects: {
        services: [service],
        pods: [pod('kubernetes-app-9', { app: 'kubernetes-app' }, false, [{ name: 'app', state: { waiting: { reason: 'ErrImagePull', message: 'rpc error: code = NotFound desc = failed to pull and unpack image "tp-registry:5000/dalk/app:v0.3": failed to resolve reference "tp-registry:5000/dalk/app:v0.3": tp-registry:5000/dalk/app:v0.3: not found' } } }])],
      },
      messageId: 'too-few',
      data: { service: 'kubernetes-app', count: 0, expected: 1 },
      details: { diagnosis: 'pods-not-ready/image-not-found', ready: 0, count: 1, pod: 'kubernetes-app-9', reason: 'ErrImagePull', image: 'tp-registry:5000/dalk/app:v0.3', registry: 'tp-registry:5000', said: 'not found' },
    },
    {
      name: 'no pod in sight and nothing in the objects to say: what to look at',
      params: { service: 'kubernetes-app', atLeast: 1 },
      objects: { services: [service], pods: [pod('kubernetes-app-1', { app: 'kubernetes-app' }, true)] },
      messageId: 'too-few',
      data: { service: 'kubernetes-app', count: 0, expected: 1 },
      says: {
        fr: 'le service kubernetes-app a 0 endpoint(s) prêt(s), au moins 1 attendu(s) (ses pods sont-ils prêts et sélectionnés ?)',
        en: 'service kubernetes-app has 0 ready endpoint(s), at least 1 expected (are its pods ready and selected?)',
      },
    },
  ],
  refused: [
    { name: 'both an exact count and a minimum', params: { service: 'kubernetes-app', ready: 2, atLeast: 1 } },
    { name: 'no count at all', params: { service: 'kubernetes-app' } },
    { name: 'a minimum of 0', params: { service: 'kubernetes-app', atLeast: 0 } },
  ],
});
