// http: a GET through a Service answers the expected status and body. How the app is reached
// is the probe's business: these cases say what the probe is asked, and what comes of its answers
// (a failure code, said in the student's language, with what the Service's objects show of the cause).
import { expect } from 'vitest';
import type { HttpAnswer, HttpFailure, HttpRequest } from '../../src/cluster/http-types.js';
import type { KubeObject } from '../../src/cluster/types.js';
import { NAMESPACE, object, testCheck } from './test-check.js';

const params = { service: 'kubernetes-app', port: 8000, path: '/', expect: { body: 'Hello Kubernetes!' } };
const base = { service: 'kubernetes-app', path: '/', port: '8000' };
const url = 'http://127.0.0.1:31000/';
const proxyUrl = 'https://127.0.0.1:6443/api/v1/namespaces/student/services/kubernetes-app:8000/proxy/';

const serviceWith = (spec: Record<string, unknown> = {}) =>
  object('Service', 'kubernetes-app', { spec: { type: 'NodePort', selector: { app: 'kubernetes-app' }, ports: [{ name: 'http', port: 8000, targetPort: 8000, nodePort: 31000 }], ...spec } });
const service = serviceWith();

const node = (name: string, address: string, ready: boolean, annotations: Record<string, string> = {}) =>
  object('Node', name, { status: { addresses: [{ type: 'InternalIP', address }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } }, { annotations });

// The node that is not ready comes first in the list; the probe must be given the ready one first.
const nodes = [node('tp-worker', '10.0.0.9', false), node('tp-control-plane', '127.0.0.1', true)];
const kwokNodes = [node('tp-worker', '127.0.0.1', true, { 'kwok.x-k8s.io/node': 'fake' })];

const ready = (yes: boolean) => [{ type: 'Ready', status: yes ? 'True' : 'False' }];
const appPod = (name: string, status: Record<string, unknown> = { conditions: ready(true) }, spec: Record<string, unknown> = {}): KubeObject =>
  object('Pod', name, { spec: { containers: [{ name: 'kubernetes-app', image: 'tp-registry:5000/dalk/app:v0.2', ports: [{ containerPort: 8000, name: 'http' }] }], ...spec }, status }, { labels: { app: 'kubernetes-app', 'pod-template-hash': '6bbdc8c4b6' }, uid: `uid-${name}`, creationTimestamp: '2026-12-04T20:22:00Z' });
const slice = (addresses: string[], isReady = true) =>
  object('EndpointSlice', 'kubernetes-app-x', { endpoints: addresses.map((address) => ({ addresses: [address], conditions: { ready: isReady } })) }, { labels: { 'kubernetes.io/service-name': 'kubernetes-app' } });

const pods = [appPod('kubernetes-app-1')];
const objects = { services: [service], nodes, pods, endpointslices: [slice(['10.244.1.79'])] };

/** The app answers `body` with `status`, once the probe was asked the right thing. */
const app = (status: number, body: string) => (request: HttpRequest): HttpAnswer => {
  expect(request).toEqual({ namespace: NAMESPACE, service: 'kubernetes-app', port: 8000, nodePort: 31000, nodeAddresses: ['127.0.0.1', '10.0.0.9'], nodes, path: '/' });
  return { reached: true, via: 'nodeport', url, status, body };
};

const notReached = (via: 'proxy' | 'nodeport' | 'none', failure: HttpFailure, evaluable = true, at?: string) => (): HttpAnswer =>
  ({ reached: false, via, ...(at === undefined ? {} : { url: at }), failure, evaluable });

// The kubelet's words for a pod whose pull Secret's password is wrong (kind, containerd 2).
const refusedPull = appPod('kubernetes-app-2', {
  conditions: ready(false),
  containerStatuses: [{ name: 'kubernetes-app', restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "tp-registry:5000/dalk/app:v0.2": ErrImagePull: failed to pull and unpack image "tp-registry:5000/dalk/app:v0.2": failed to resolve reference "tp-registry:5000/dalk/app:v0.2": unexpected status from HEAD request to http://tp-registry:5000/v2/dalk/app/manifests/v0.2: 401 Unauthorized' } } }],
}, { imagePullSecrets: [{ name: 'regsec' }] });

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
    {
      name: 'the app answers 404: what it said, quoted',
      params,
      objects,
      http: app(404, 'Not Found\n'),
      messageId: 'status',
      data: { ...base, url, via: 'nodeport', received: 'Not Found', status: 404, expected: 200 },
      says: { fr: `GET ${url} : l'application a répondu 404 (« Not Found »), 200 attendu`, en: `GET ${url}: the app answered 404 ("Not Found"), 200 expected` },
    },
    {
      name: 'the app answers 500 with nothing to quote',
      params,
      objects,
      http: app(500, ''),
      messageId: 'status',
      data: { ...base, url, via: 'nodeport', received: '', status: 500, expected: 200 },
      says: { fr: `GET ${url} : l'application a répondu 500, 200 attendu`, en: `GET ${url}: the app answered 500, 200 expected` },
    },
    {
      name: 'the app answers another text',
      params,
      objects,
      http: app(200, 'Hello World'),
      messageId: 'body',
      data: { ...base, url, via: 'nodeport', received: 'Hello World', expected: 'Hello Kubernetes!' },
      says: { fr: `GET ${url} : l'application a répondu « Hello World », « Hello Kubernetes! » attendu`, en: `GET ${url}: the app answered "Hello World", "Hello Kubernetes!" expected` },
    },
    {
      name: 'an answer longer than tp reads is judged on its first bytes, and says so in both languages',
      params,
      objects,
      http: (request) => ({ ...(app(200, 'Hello World')(request) as Extract<HttpAnswer, { reached: true }>), truncated: true }),
      messageId: 'body',
      data: { ...base, url, via: 'nodeport', received: 'Hello World', expected: 'Hello Kubernetes!' },
      says: {
        fr: `GET ${url} : l'application a répondu « Hello World » (seuls ses 11 premiers octets sont lus), « Hello Kubernetes! » attendu`,
        en: `GET ${url}: the app answered "Hello World" (only its first 11 bytes are read), "Hello Kubernetes!" expected`,
      },
    },
    {
      name: 'the proxy finds no endpoint: a selector that matches no pod, and the labels the pods carry',
      params,
      objects: { ...objects, services: [serviceWith({ selector: { app: 'kubernetes' } })], endpointslices: [] },
      http: notReached('proxy', { code: 'no-endpoints' }, true, proxyUrl),
      messageId: 'no-endpoints',
      data: { ...base, url: proxyUrl, via: 'proxy' },
      details: { failure: 'no-endpoints', via: 'proxy', url: proxyUrl, diagnosis: 'selector-matches-nothing', selector: 'app=kubernetes' },
      says: {
        fr: 'GET / (par le proxy de l\'API) : le service kubernetes-app n\'a aucun endpoint prêt, personne ne peut répondre : son sélecteur app=kubernetes ne choisit aucun pod ; les pods du namespace portent app=kubernetes-app',
        en: 'GET / (through the API server\'s proxy): service kubernetes-app has no ready endpoint, no one can answer: its selector app=kubernetes matches no pod; the namespace\'s pods carry app=kubernetes-app',
      },
    },
    {
      name: 'a pod refuses the connection the proxy made: the targetPort leads where the containers declare nothing',
      params,
      objects: { ...objects, services: [serviceWith({ ports: [{ port: 8000, targetPort: 8080, nodePort: 31000 }] })] },
      http: notReached('proxy', { code: 'refused', target: '10.244.1.79:8080' }, true, proxyUrl),
      messageId: 'refused',
      data: { ...base, url: proxyUrl, via: 'proxy' },
      details: { failure: 'refused', via: 'proxy', url: proxyUrl, target: '10.244.1.79:8080', diagnosis: 'target-port-not-declared', port: 8000, targetPort: '8080' },
      says: {
        fr: 'GET / (par le proxy de l\'API) : connexion refusée par 10.244.1.79:8080 ; le port 8000 du service mène au port 8080 de ses pods, mais leurs conteneurs déclarent 8000 (http)',
        en: 'GET / (through the API server\'s proxy): connection refused by 10.244.1.79:8080; the service\'s port 8000 leads to port 8080 of its pods, but their containers declare 8000 (http)',
      },
    },
    {
      name: 'nothing listens on the node port, and the objects show no cause',
      params,
      objects,
      http: notReached('nodeport', { code: 'refused' }, true, url),
      messageId: 'refused',
      data: { ...base, url, via: 'nodeport' },
      details: { failure: 'refused', via: 'nodeport', url },
      says: { fr: `GET ${url} : connexion refusée`, en: `GET ${url}: connection refused` },
    },
    {
      name: 'the node port refuses because no pod is ready: the pod the registry refuses, and why',
      params,
      objects: { ...objects, pods: [refusedPull], endpointslices: [slice(['10.244.1.80'], false)] },
      http: notReached('nodeport', { code: 'refused' }, true, url),
      messageId: 'no-endpoints',
      data: { ...base, url, via: 'nodeport' },
      details: {
        failure: 'refused', via: 'nodeport', url, diagnosis: 'pods-not-ready/pull-credentials-refused', ready: 0, count: 1, pod: 'kubernetes-app-2', reason: 'ImagePullBackOff',
        image: 'tp-registry:5000/dalk/app:v0.2', registry: 'tp-registry:5000', said: '401 Unauthorized', secrets: 'regsec',
      },
      says: {
        fr: `GET ${url} : le service kubernetes-app n'a aucun endpoint prêt, personne ne peut répondre : 0 pod(s) prêt(s) sur 1 ; le pod kubernetes-app-2 (ImagePullBackOff) : la registry tp-registry:5000 refuse les identifiants du secret regsec (« 401 Unauthorized ») : nom d'utilisateur ou mot de passe faux ?`,
        en: `GET ${url}: service kubernetes-app has no ready endpoint, no one can answer: 0 of its 1 pod(s) ready; pod kubernetes-app-2 (ImagePullBackOff): the registry tp-registry:5000 refuses the credentials of secret regsec ("401 Unauthorized"): a wrong username or password?`,
      },
    },
    {
      name: 'the app keeps silent past --timeout',
      params,
      objects,
      http: notReached('nodeport', { code: 'timeout', ms: 2000 }, true, url),
      messageId: 'timeout',
      data: { ...base, url, via: 'nodeport', seconds: 2 },
      says: { fr: `GET ${url} : pas de réponse en 2 s`, en: `GET ${url}: no answer within 2 s` },
    },
    {
      name: 'another refusal of the proxy: its Status message, never its JSON',
      params,
      objects,
      http: notReached('proxy', { code: 'proxy-error', status: 500, message: 'error trying to reach service: tls: first record does not look like a TLS handshake' }, true, proxyUrl),
      messageId: 'proxy-error',
      data: { ...base, url: proxyUrl, via: 'proxy', status: 500, reason: 'error trying to reach service: tls: first record does not look like a TLS handshake' },
      says: {
        fr: 'GET / (par le proxy de l\'API) : le proxy de l\'API a répondu 500 : « error trying to reach service: tls: first record does not look like a TLS handshake »',
        en: 'GET / (through the API server\'s proxy): the API server\'s proxy answered 500: "error trying to reach service: tls: first record does not look like a TLS handshake"',
      },
    },
    {
      name: 'pods on simulated nodes serve nothing: skipped, said in the student\'s language',
      params,
      objects: { ...objects, nodes: kwokNodes },
      http: (request) => {
        expect(request.nodes).toEqual(kwokNodes);
        return notReached('proxy', { code: 'simulated' }, false, proxyUrl)();
      },
      status: 'skip',
      messageId: 'simulated',
      data: { ...base, url: proxyUrl, via: 'proxy' },
      says: {
        fr: 'non vérifiable ici : les pods de ce cluster tournent sur des nœuds simulés (KWOK) et ne servent rien',
        en: 'cannot be checked here: this cluster\'s pods run on simulated nodes (KWOK) and serve nothing',
      },
    },
    {
      name: 'on simulated nodes, a targetPort that no container declares is noted',
      params,
      objects: { ...objects, nodes: kwokNodes, services: [serviceWith({ ports: [{ port: 8000, targetPort: 8080, nodePort: 31000 }] })] },
      http: notReached('proxy', { code: 'simulated' }, false, proxyUrl),
      status: 'skip',
      messageId: 'simulated',
      data: { ...base, url: proxyUrl, via: 'proxy' },
      details: { failure: 'simulated', via: 'proxy', url: proxyUrl, diagnosis: 'target-port-not-declared', port: 8000, targetPort: '8080' },
      says: {
        fr: 'non vérifiable ici : les pods de ce cluster tournent sur des nœuds simulés (KWOK) et ne servent rien ; à noter : le port 8000 du service mène au port 8080 de ses pods, mais leurs conteneurs déclarent 8000 (http)',
        en: 'cannot be checked here: this cluster\'s pods run on simulated nodes (KWOK) and serve nothing; note: the service\'s port 8000 leads to port 8080 of its pods, but their containers declare 8000 (http)',
      },
    },
    {
      name: 'on simulated nodes, a Service with no ready endpoint fails: nothing could answer anywhere',
      params,
      objects: { ...objects, nodes: kwokNodes, services: [serviceWith({ selector: { app: 'kubernetes' } })], endpointslices: [] },
      http: notReached('proxy', { code: 'simulated' }, false, proxyUrl),
      messageId: 'no-endpoints',
      data: { ...base, url: proxyUrl, via: 'proxy' },
      details: { failure: 'simulated', via: 'proxy', url: proxyUrl, diagnosis: 'selector-matches-nothing', selector: 'app=kubernetes' },
    },
    {
      name: 'the service proxy is forbidden and no node port can be tried',
      params,
      objects,
      http: notReached('proxy', { code: 'forbidden' }, false, proxyUrl),
      status: 'error',
      messageId: 'forbidden',
      data: { ...base, url: proxyUrl, via: 'proxy' },
      says: {
        fr: 'impossible de joindre l\'application par le proxy de l\'API : votre compte n\'a pas le droit get services/proxy (--http-via nodeport passe par le nodePort)',
        en: 'cannot reach the app through the API server\'s proxy: your account may not get services/proxy (--http-via nodeport goes through the nodePort)',
      },
    },
    {
      name: 'a ClusterIP Service through the node port',
      params,
      objects,
      http: notReached('nodeport', { code: 'no-node-port' }),
      messageId: 'no-node-port',
      data: { ...base, url: '/', via: 'nodeport' },
      says: {
        fr: 'le service kubernetes-app n\'a pas de nodePort : il n\'est joignable que depuis le cluster (est-il de type NodePort ?)',
        en: 'service kubernetes-app has no nodePort: it can only be reached from inside the cluster (is it of type NodePort?)',
      },
    },
    {
      name: 'the API server cannot be reached for the proxy: an error, with the client\'s words',
      params,
      objects,
      http: notReached('proxy', { code: 'network', message: 'cannot reach https://127.0.0.1:6443 (ECONNREFUSED)' }, false, proxyUrl),
      status: 'error',
      messageId: 'network',
      data: { ...base, url: proxyUrl, via: 'proxy', reason: 'cannot reach https://127.0.0.1:6443 (ECONNREFUSED)' },
      says: {
        fr: 'GET / (par le proxy de l\'API) : impossible de joindre l\'application : cannot reach https://127.0.0.1:6443 (ECONNREFUSED)',
        en: 'GET / (through the API server\'s proxy): cannot reach the app: cannot reach https://127.0.0.1:6443 (ECONNREFUSED)',
      },
    },
  ],
  refused: [
    { name: 'a path without its leading slash', params: { ...params, path: 'config' } },
    { name: 'nothing expected', params: { ...params, expect: {} } },
    { name: 'an unknown way to compare bodies', params: { ...params, expect: { body: 'x', match: 'regex' } } },
  ],
});
