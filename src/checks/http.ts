// http: GET a path of a Service and expect a status and a body. How the app
// is reached (service proxy or node port) is the probe's business (--http-via).
import { defineCheck } from './define.js';
import { shortened } from '../core/quote.js';
import { findObject, objectsOf, field } from './snapshot-read.js';
import type { KubeObject } from '../cluster/types.js';

export interface HttpParams {
  service: string;
  port: number | string;
  path: string;
  expect: { status?: number; body?: string; match?: 'exact' | 'trimmed' | 'contains' };
}

const SIMULATED_ANNOTATION = 'kwok.x-k8s.io/node';

const servicePort = (service: KubeObject, port: number | string): { port: number; nodePort?: number } | undefined => {
  const ports = (field(service, 'spec', 'ports') ?? []) as Array<{ port: unknown; name?: string; nodePort?: unknown }>;
  const found = ports.find((p) => p.port === Number(port) || (p.name !== undefined && p.name === port));
  // Ports as the API server validates them: a crafted one ("80/../../secrets") is no port.
  if (!found || typeof found.port !== 'number') return undefined;
  return { port: found.port, ...(typeof found.nodePort === 'number' ? { nodePort: found.nodePort } : {}) };
};

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

export const httpCheck = defineCheck<HttpParams, 'ok' | 'missing' | 'no-port' | 'status' | 'body' | 'unreachable' | 'simulated' | 'not-evaluable'>({
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
    status: { fr: 'GET {url} a répondu {status}, {expected} attendu', en: 'GET {url} answered {status}, {expected} expected' },
    body: { fr: 'GET {url} a répondu « {received} », « {expected} » attendu', en: 'GET {url} answered "{received}", "{expected}" expected' },
    unreachable: { fr: 'GET {url} : {reason}', en: 'GET {url}: {reason}' },
    simulated: { fr: 'non vérifiable ici : {reason}', en: 'cannot be checked here: {reason}' },
    'not-evaluable': { fr: 'impossible de joindre l\'application : {reason}', en: 'cannot reach the app: {reason}' },
  },
  needs: () => ['services', 'nodes'],
  async evaluate(params, { snapshot, http }) {
    const service = findObject(snapshot, 'services', params.service);
    const data = { service: params.service, path: params.path, port: String(params.port) };
    if (!service) return { status: 'fail', messageId: 'missing', data };
    const port = servicePort(service, params.port);
    if (!port) return { status: 'fail', messageId: 'no-port', data };
    const nodes = objectsOf(snapshot, 'nodes');
    const ordered = [...nodes.filter(isReady), ...nodes.filter((n) => !isReady(n))];
    const answer = await http.get({
      namespace: snapshot.namespace,
      service: params.service,
      port: port.port,
      nodePort: port.nodePort,
      nodeAddresses: ordered.map(internalIp).filter((a): a is string => a !== undefined),
      simulatedNodes: nodes.length > 0 && nodes.every((n) => n.metadata.annotations?.[SIMULATED_ANNOTATION] === 'fake'),
      path: params.path,
    });
    if (!answer.reached) {
      const more = { ...data, url: answer.url ?? params.path, reason: answer.reason };
      if (answer.evaluable) return { status: 'fail', messageId: 'unreachable', data: more };
      return answer.simulated
        ? { status: 'skip', messageId: 'simulated', data: more }
        : { status: 'error', messageId: 'not-evaluable', data: more };
    }
    // A longer answer than tp reads is judged on its first bytes, and the message says so.
    const received = answer.truncated ? `${shortened(answer.body)} [+ more: only the first ${Buffer.byteLength(answer.body)} bytes read]` : shortened(answer.body);
    const reached = { ...data, url: answer.url, via: answer.via, received };
    const wantStatus = params.expect.status ?? 200;
    if (answer.status !== wantStatus) return { status: 'fail', messageId: 'status', data: { ...reached, status: answer.status, expected: wantStatus } };
    if (params.expect.body !== undefined && !bodyMatches(answer.body, params.expect.body, params.expect.match ?? 'trimmed')) {
      return { status: 'fail', messageId: 'body', data: { ...reached, expected: params.expect.body } };
    }
    return { status: 'pass', messageId: 'ok', data: reached };
  },
});
