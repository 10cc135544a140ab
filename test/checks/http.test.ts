// http: a GET through a Service answers the expected status and body. How the app is reached
// is the probe's business: these cases say what the probe is asked, and what comes of its answers.
import { expect } from 'vitest';
import type { HttpAnswer, HttpRequest } from '../../src/cluster/http-types.js';
import { NAMESPACE, object, testCheck } from './test-check.js';

const params = { service: 'kubernetes-app', port: 8000, path: '/', expect: { body: 'Hello Kubernetes!' } };
const base = { service: 'kubernetes-app', path: '/', port: '8000' };
const url = 'http://127.0.0.1:31000/';

const service = object('Service', 'kubernetes-app', { spec: { type: 'NodePort', ports: [{ name: 'http', port: 8000, nodePort: 31000 }] } });

const node = (name: string, address: string, ready: boolean, annotations: Record<string, string> = {}) =>
  object('Node', name, { status: { addresses: [{ type: 'InternalIP', address }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } }, { annotations });

// The node that is not ready comes first in the list; the probe must be given the ready one first.
const nodes = [node('tp-worker', '10.0.0.9', false), node('tp-control-plane', '127.0.0.1', true)];
const objects = { services: [service], nodes };

/** The app answers `body` with `status`, once the probe was asked the right thing. */
const app = (status: number, body: string) => (request: HttpRequest): HttpAnswer => {
  expect(request).toEqual({ namespace: NAMESPACE, service: 'kubernetes-app', port: 8000, nodePort: 31000, nodeAddresses: ['127.0.0.1', '10.0.0.9'], simulatedNodes: false, path: '/' });
  return { reached: true, via: 'nodeport', url, status, body };
};

const notReached = (answer: Omit<Extract<HttpAnswer, { reached: false }>, 'reached'>) => (): HttpAnswer => ({ reached: false, ...answer });

testCheck('http', {
  valid: [
    { name: 'the app answers the text asked, with a newline', params, objects, http: app(200, 'Hello Kubernetes!\n'), data: { ...base, url, via: 'nodeport', received: 'Hello Kubernetes!' } },
    {
      name: 'the port named instead of numbered, a body that contains the text',
      params: { ...params, port: 'http', expect: { body: 'Kubernetes', match: 'contains' } },
      objects,
      http: app(200, 'Hello Kubernetes!'),
      data: { ...base, port: 'http', url, via: 'nodeport', received: 'Hello Kubernetes!' },
    },
  ],
  invalid: [
    { name: 'no Service', params, objects: { nodes }, messageId: 'missing', data: base },
    { name: 'the Service does not expose the port', params: { ...params, port: 9000 }, objects, messageId: 'no-port', data: { ...base, port: '9000' }, says: { fr: 'le service kubernetes-app n\'expose pas le port 9000', en: 'service kubernetes-app does not expose port 9000' } },
    { name: 'the app answers 404', params, objects, http: app(404, 'not found'), messageId: 'status', data: { ...base, url, via: 'nodeport', received: 'not found', status: 404, expected: 200 } },
    { name: 'the app answers another text', params, objects, http: app(200, 'Hello World'), messageId: 'body', data: { ...base, url, via: 'nodeport', received: 'Hello World', expected: 'Hello Kubernetes!' }, says: { fr: `GET ${url} a répondu « Hello World », « Hello Kubernetes! » attendu`, en: `GET ${url} answered "Hello World", "Hello Kubernetes!" expected` } },
    {
      name: 'an answer longer than tp reads is judged on its first bytes, and says so',
      params,
      objects,
      http: (request) => ({ ...(app(200, 'Hello World')(request) as Extract<HttpAnswer, { reached: true }>), truncated: true }),
      messageId: 'body',
      data: { ...base, url, via: 'nodeport', received: 'Hello World [+ more: only the first 11 bytes read]', expected: 'Hello Kubernetes!' },
    },
    {
      name: 'nothing listens on the node port',
      params,
      objects,
      http: notReached({ via: 'nodeport', url, reason: 'connection refused', evaluable: true }),
      messageId: 'unreachable',
      data: { ...base, url, reason: 'connection refused' },
    },
    {
      name: 'pods on simulated nodes serve nothing: skipped, with the reason',
      params,
      objects: { services: [service], nodes: [node('tp-worker', '127.0.0.1', true, { 'kwok.x-k8s.io/node': 'fake' })] },
      http: (request) => {
        expect(request.simulatedNodes).toBe(true);
        return { reached: false, via: 'proxy', reason: 'the pods run on simulated (KWOK) nodes', evaluable: false, simulated: true };
      },
      status: 'skip',
      messageId: 'simulated',
      data: { ...base, url: '/', reason: 'the pods run on simulated (KWOK) nodes' },
    },
    {
      name: 'the service proxy is forbidden and no node port can be tried',
      params,
      objects,
      http: notReached({ via: 'proxy', url: 'https://127.0.0.1:6443/api/v1/namespaces/student/services/kubernetes-app:8000/proxy/', reason: 'forbidden: get services/proxy', evaluable: false }),
      status: 'error',
      messageId: 'not-evaluable',
      data: { ...base, url: 'https://127.0.0.1:6443/api/v1/namespaces/student/services/kubernetes-app:8000/proxy/', reason: 'forbidden: get services/proxy' },
    },
  ],
  refused: [
    { name: 'a path without its leading slash', params: { ...params, path: 'config' } },
    { name: 'nothing expected', params: { ...params, expect: {} } },
    { name: 'an unknown way to compare bodies', params: { ...params, expect: { body: 'x', match: 'regex' } } },
  ],
});
