// http: GET a path of a Service and expect a status and a body. How the app
// is reached (service proxy or node port) is the probe's business (--http-via);
// what went wrong comes back as a failure code, said here in the student's
// language, with what the Service's objects show of the cause.
import { defineCheck, type Outcome } from './define.js';
import { shortened } from '../core/quote.js';
import type { Text, TextData } from '../core/text.js';
import { findObject, objectsOf, field, readOf } from './snapshot-read.js';
import { readyEndpoints } from './endpoints.js';
import { endpointsDiagnosis, podsOfService, targetPortDiagnosis, type ServicePort } from './diagnosis/service-pods.js';
import { appended, diagnosisDetails, explain } from './diagnosis/explain.js';
import type { Diagnosis } from './diagnosis/types.js';
import type { KubeObject, Snapshot } from '../cluster/types.js';
import type { HttpAnswer, HttpFailure } from '../cluster/http-types.js';
import type { NodeAddressRefusal } from '../cluster/dial-policy.js';

export interface HttpParams {
  service: string;
  port: number | string;
  path: string;
  expect: { status?: number; body?: string; match?: 'exact' | 'trimmed' | 'contains' };
}

type MessageId =
  | 'ok'
  | 'missing'
  | 'no-port'
  | 'status'
  | 'body'
  | 'no-endpoints'
  | 'refused'
  | 'reset'
  | 'timeout'
  | 'host-unreachable'
  | 'proxy-error'
  | 'forbidden'
  | 'no-node-port'
  | 'no-node-address'
  | 'not-a-port'
  | 'node-refused'
  | 'not-recorded'
  | 'simulated'
  | 'network';

// Ports as the API server validates them are checked by the caller and the probe: a crafted one ("80/../../secrets") is no port.
const servicePort = (service: KubeObject, port: number | string): (ServicePort & { nodePort?: number }) | undefined =>
  ((field(service, 'spec', 'ports') ?? []) as Array<ServicePort & { nodePort?: number }>).find((p) => p.port === Number(port) || (p.name !== undefined && p.name === port));

const internalIp = (node: KubeObject): string | undefined => {
  const addresses = (field(node, 'status', 'addresses') ?? []) as Array<{ type: string; address: string }>;
  return addresses.find((a) => a.type === 'InternalIP')?.address;
};

const isReady = (node: KubeObject): boolean =>
  ((field(node, 'status', 'conditions') ?? []) as Array<{ type: string; status: string }>).some((c) => c.type === 'Ready' && c.status === 'True');

const bodyMatches = (body: string, expected: string, match: 'exact' | 'trimmed' | 'contains'): boolean => {
  if (match === 'exact') return body === expected;
  if (match === 'contains') return body.includes(expected);
  return body.trim() === expected.trim();
};

/** The request as the student would make it: the URL of the node port, or the path through the API server's proxy. */
const requestWords = (answer: HttpAnswer, path: string): Text => {
  if (answer.via === 'nodeport' && answer.url !== undefined) return { fr: `GET ${answer.url}`, en: `GET ${answer.url}` };
  if (answer.via === 'proxy') return { fr: `GET ${path} (par le proxy de l'API)`, en: `GET ${path} (through the API server's proxy)` };
  return { fr: `GET ${path}`, en: `GET ${path}` };
};

/** What the app said, as a message quotes it (when it said anything); a longer answer than tp reads says so. */
const receivedOf = (answer: Extract<HttpAnswer, { reached: true }>) => ({
  received: shortened(answer.body),
  excerpt: answer.body.trim() === '' ? { fr: '', en: '' } : { fr: ` (« ${shortened(answer.body)} »)`, en: ` ("${shortened(answer.body)}")` },
  truncated: answer.truncated
    ? { fr: ` (seuls ses ${Buffer.byteLength(answer.body)} premiers octets sont lus)`, en: ` (only its first ${Buffer.byteLength(answer.body)} bytes are read)` }
    : { fr: '', en: '' },
});

/** The facts of a failure its message quotes: how long tp waited, what the proxy or the client said. */
const failureData = (failure: HttpFailure): TextData => {
  if (failure.code === 'timeout') return failure.ms === undefined ? {} : { seconds: failure.ms / 1000 };
  if (failure.code === 'proxy-error') return { status: failure.status, reason: failure.message };
  if (failure.code === 'network') return { reason: failure.message };
  if (failure.code === 'not-a-port') return { field: failure.which };
  if (failure.code === 'node-refused') return { address: failure.address };
  return {};
};

/** Where it failed, after the failure's words: the pod the proxy dialled ("refused by 10.244.1.79:8080"). */
const atWords = (failure: HttpFailure): Text => {
  const target = 'target' in failure ? failure.target : undefined;
  if (target === undefined) return { fr: '', en: '' };
  if (failure.code === 'timeout') return { fr: ` de ${target}`, en: ` from ${target}` };
  if (failure.code === 'host-unreachable') return { fr: ` (${target})`, en: ` (${target})` };
  return { fr: ` par ${target}`, en: ` by ${target}` };
};

/** Why tp does not dial a node's address (cluster/dial-policy.ts), in the student's words. */
const NODE_REFUSAL_WORDS: Readonly<Record<NodeAddressRefusal, Text>> = {
  'not-ip': { fr: "ce n'est pas une adresse IP (tp ne joint aucun nom d'hôte donné par un cluster)", en: 'it is not an IP address (tp dials no host name a cluster reports)' },
  'link-local': { fr: 'c\'est une adresse link-local (le service de métadonnées d\'un cloud y vit)', en: "it is a link-local address (a cloud's metadata service lives there)" },
  unspecified: { fr: "c'est une adresse non spécifiée", en: 'it is an unspecified address' },
  'not-one-host': { fr: "ce n'est pas l'adresse d'un hôte (multicast, broadcast ou réservée)", en: 'it is not the address of one host (multicast, broadcast or reserved)' },
  nat64: { fr: "c'est une adresse NAT64", en: 'it is a NAT64 address' },
  loopback: { fr: "c'est une adresse de boucle locale, alors que l'API server n'est pas sur cette machine", en: 'it is a loopback address, while the API server is not on this machine' },
};

/** Failures after which what the Service's objects show is worth saying. */
const DIAGNOSED = new Set<HttpFailure['code']>(['no-endpoints', 'refused', 'reset', 'timeout', 'host-unreachable', 'proxy-error', 'simulated']);

/** What the objects say of a Service the app could not be reached through: no ready endpoint and why, or a targetPort that leads nowhere. */
const serviceCause = (snapshot: Snapshot, service: KubeObject, port: ServicePort): { noEndpoints: boolean; diagnosis?: Diagnosis } => {
  // Kinds read to explain may be unreadable (forbidden): then they say nothing, rather than "none".
  if (!readOf(snapshot, 'pods')?.ok) return { noEndpoints: false };
  const slices = objectsOf(snapshot, 'endpointslices').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service.metadata.name);
  const pods = objectsOf(snapshot, 'pods');
  if (readOf(snapshot, 'endpointslices')?.ok && readyEndpoints(slices).length === 0) {
    const diagnosis = endpointsDiagnosis(service, { ports: [port], pods, events: objectsOf(snapshot, 'events'), expected: 1 });
    return diagnosis ? { noEndpoints: true, diagnosis } : { noEndpoints: true };
  }
  const diagnosis = targetPortDiagnosis(port, podsOfService(service, pods));
  return diagnosis ? { noEndpoints: false, diagnosis } : { noEndpoints: false };
};

const notReached = (
  answer: Extract<HttpAnswer, { reached: false }>,
  snapshot: Snapshot,
  service: KubeObject,
  port: ServicePort,
  data: TextData,
): Outcome<MessageId> => {
  const { failure } = answer;
  const said = { ...data, url: answer.url ?? String(data.path), via: answer.via, ...failureData(failure) };
  const request = requestWords(answer, String(data.path));
  const target = 'target' in failure ? failure.target : undefined;
  const details = { failure: failure.code, via: answer.via, ...(answer.url === undefined ? {} : { url: answer.url }), ...(target === undefined ? {} : { target }) };
  const cause = DIAGNOSED.has(failure.code) ? serviceCause(snapshot, service, port) : { noEndpoints: false };
  const within: Text = failure.code === 'timeout' && failure.ms !== undefined ? { fr: ` en ${failure.ms / 1000} s`, en: ` within ${failure.ms / 1000} s` } : { fr: '', en: '' };
  const withCause = (prefix: Text) => ({
    words: { request, within, at: atWords(failure), why: failure.code === 'node-refused' ? NODE_REFUSAL_WORDS[failure.why] : { fr: '', en: '' }, diagnosis: appended(cause.diagnosis && explain(cause.diagnosis), prefix) },
    details: cause.diagnosis ? { ...details, ...diagnosisDetails(cause.diagnosis) } : details,
  });
  // No ready endpoint behind the Service: nothing could answer, on a real cluster or a simulated one.
  if (cause.noEndpoints && DIAGNOSED.has(failure.code)) return { status: 'fail', messageId: 'no-endpoints', data: said, ...withCause({ fr: ' : ', en: ': ' }) };
  const status = failure.code === 'simulated' ? 'skip' : answer.evaluable ? 'fail' : 'error';
  const note = failure.code === 'simulated' ? { fr: ' ; à noter : ', en: '; note: ' } : { fr: ' ; ', en: '; ' };
  // Each failure code has a message of its own name.
  return { status, messageId: failure.code, data: said, ...withCause(note) };
};

export const httpCheck = defineCheck<HttpParams, MessageId>({
  kind: 'http',
  schema: {
    type: 'object',
    required: ['service', 'port', 'path', 'expect'],
    additionalProperties: false,
    properties: {
      service: { type: 'string', minLength: 1 },
      port: { type: ['integer', 'string'] },
      path: { type: 'string', pattern: '^/' },
      expect: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: { status: { type: 'integer' }, body: { type: 'string' }, match: { type: 'string', enum: ['exact', 'trimmed', 'contains'] } },
      },
    },
  },
  messages: {
    ok: { fr: 'GET {path} via {via} : « {received} »', en: 'GET {path} via {via}: "{received}"' },
    missing: { fr: 'Service {service} introuvable', en: 'Service {service} not found' },
    'no-port': { fr: 'le service {service} n\'expose pas le port {port}', en: 'service {service} does not expose port {port}' },
    status: { fr: '{request} : l\'application a répondu {status}{excerpt}, {expected} attendu', en: '{request}: the app answered {status}{excerpt}, {expected} expected' },
    body: { fr: '{request} : l\'application a répondu « {received} »{truncated}, « {expected} » attendu', en: '{request}: the app answered "{received}"{truncated}, "{expected}" expected' },
    'no-endpoints': {
      fr: '{request} : le service {service} n\'a aucun endpoint prêt, personne ne peut répondre{diagnosis}',
      en: '{request}: service {service} has no ready endpoint, no one can answer{diagnosis}',
    },
    refused: { fr: '{request} : connexion refusée{at}{diagnosis}', en: '{request}: connection refused{at}{diagnosis}' },
    reset: { fr: '{request} : connexion coupée sans réponse{at}{diagnosis}', en: '{request}: connection closed without an answer{at}{diagnosis}' },
    timeout: { fr: '{request} : pas de réponse{at}{within}{diagnosis}', en: '{request}: no answer{at}{within}{diagnosis}' },
    'host-unreachable': { fr: '{request} : aucune route vers l\'hôte{at}{diagnosis}', en: '{request}: no route to the host{at}{diagnosis}' },
    'proxy-error': { fr: '{request} : le proxy de l\'API a répondu {status} : « {reason} »{diagnosis}', en: '{request}: the API server\'s proxy answered {status}: "{reason}"{diagnosis}' },
    forbidden: {
      fr: 'impossible de joindre l\'application par le proxy de l\'API : votre compte n\'a pas le droit get services/proxy (--http-via nodeport passe par le nodePort)',
      en: 'cannot reach the app through the API server\'s proxy: your account may not get services/proxy (--http-via nodeport goes through the nodePort)',
    },
    'no-node-port': {
      fr: 'le service {service} n\'a pas de nodePort : il n\'est joignable que depuis le cluster (est-il de type NodePort ?)',
      en: 'service {service} has no nodePort: it can only be reached from inside the cluster (is it of type NodePort?)',
    },
    'no-node-address': { fr: 'impossible de joindre l\'application : aucun nœud n\'a d\'adresse InternalIP', en: 'cannot reach the app: no node has an InternalIP address' },
    'not-a-port': {
      fr: 'le {field} du port {port} du service {service} n\'est pas un numéro de port : tp ne le joint pas',
      en: 'the {field} of port {port} of service {service} is not a port number: tp does not dial it',
    },
    'node-refused': { fr: 'tp ne joint pas l\'adresse de nœud « {address} » : {why}', en: 'tp does not dial the node address "{address}": {why}' },
    'not-recorded': {
      fr: '{request} : absent de la soumission (faite avec une autre version du TP, ou le Service n\'existait pas alors)',
      en: '{request}: not in the submission (it was made with another version of the lab, or the Service was not found then)',
    },
    simulated: {
      fr: 'non vérifiable ici : les pods de ce cluster tournent sur des nœuds simulés (KWOK) et ne servent rien{diagnosis}',
      en: 'cannot be checked here: this cluster\'s pods run on simulated nodes (KWOK) and serve nothing{diagnosis}',
    },
    network: { fr: '{request} : impossible de joindre l\'application : {reason}', en: '{request}: cannot reach the app: {reason}' },
  },
  needs: () => ['services', 'nodes'],
  explainedBy: () => ['endpointslices', 'pods', 'events'],
  async evaluate(params, { snapshot, http }) {
    const service = findObject(snapshot, 'services', params.service);
    const data = { service: params.service, path: params.path, port: String(params.port) };
    if (!service) return { status: 'fail', messageId: 'missing', data };
    const port = servicePort(service, params.port);
    if (!port || typeof port.port !== 'number') return { status: 'fail', messageId: 'no-port', data };
    const nodes = objectsOf(snapshot, 'nodes');
    const ordered = [...nodes.filter(isReady), ...nodes.filter((n) => !isReady(n))];
    const answer = await http.get({
      namespace: snapshot.namespace,
      service: params.service,
      port: port.port,
      ...(typeof port.nodePort === 'number' ? { nodePort: port.nodePort } : {}),
      nodeAddresses: ordered.map(internalIp).filter((a): a is string => a !== undefined),
      nodes,
      path: params.path,
    });
    if (!answer.reached) return notReached(answer, snapshot, service, port, data);
    const { received, excerpt, truncated } = receivedOf(answer);
    const reached = { ...data, url: answer.url, via: answer.via, received };
    const words = { request: requestWords(answer, params.path), excerpt, truncated };
    const wantStatus = params.expect.status ?? 200;
    if (answer.status !== wantStatus) return { status: 'fail', messageId: 'status', data: { ...reached, status: answer.status, expected: wantStatus }, words };
    if (params.expect.body !== undefined && !bodyMatches(answer.body, params.expect.body, params.expect.match ?? 'trimmed')) {
      return { status: 'fail', messageId: 'body', data: { ...reached, expected: params.expect.body }, words };
    }
    return { status: 'pass', messageId: 'ok', data: reached };
  },
});
