// Reaches an app over HTTP, as SPEC's `--http-via` says: through the API
// server's service proxy, through <node InternalIP>:<nodePort> as the course
// does, or the first then the second. What went wrong is a failure code with
// its facts (http-types.ts): the check says it in the student's language.
import http from 'node:http';
import { isIP } from 'node:net';
import type { ApiClient } from './api-client.js';
import { ApiFailure } from './api-failure.js';
import { serviceProxyPath } from './api-paths.js';
import { boundedGet, TIMED_OUT } from './bounded-get.js';
import type { HttpAnswer, HttpFailure, HttpProbe, HttpRequest, HttpVia } from './http-types.js';
import { isPort, nodeAddressRefused } from './dial-policy.js';
import { proxyRefusal } from './proxy-refusal.js';
import { podsServeNothing } from './simulated-nodes.js';
import { shortened } from '../core/quote.js';

/** An app's answer is judged on its first 64 KiB: a lab expects a few words, not a download. */
export const MAX_HTTP_BODY_BYTES = 64 * 1024;

/** What of a client error a report may quote: one short line. */
const ERROR_MAX = 120;

const viaProxy = async (client: ApiClient, request: HttpRequest, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> => {
  if (!isPort(request.port)) return { reached: false, via: 'proxy', failure: { code: 'not-a-port', which: 'port' }, evaluable: true };
  const path = serviceProxyPath(request.namespace, request.service, request.port, request.path);
  const url = `${client.server}${path}`;
  if (podsServeNothing(request.nodes)) {
    // The proxy would dial simulated pod IPs that are not real hosts: never do it.
    return { reached: false, via: 'proxy', url, failure: { code: 'simulated' }, evaluable: false };
  }
  try {
    const answer = await client.getRaw(path, timeoutMs, signal, MAX_HTTP_BODY_BYTES);
    const refusal = proxyRefusal(answer.status, answer.body);
    if (refusal) return { reached: false, via: 'proxy', url, failure: refusal, evaluable: refusal.code !== 'forbidden' };
    return { reached: true, via: 'proxy', url, status: answer.status, body: answer.body, ...(answer.truncated ? { truncated: true as const } : {}) };
  } catch (error) {
    // The API server itself did not answer in time (the app may be the one keeping it waiting), or could not be reached.
    const failure: HttpFailure =
      error instanceof ApiFailure && error.failure.reason === 'timeout'
        ? { code: 'timeout', ms: timeoutMs }
        : { code: 'network', message: shortened((error as Error).message, ERROR_MAX) };
    return { reached: false, via: 'proxy', url, failure, evaluable: false };
  }
};

// Bounded as the API client's requests are: the whole GET within the time, not each silence.
// A connection of its own, as curl opens one (agent: false): Node's default agent keeps
// connections alive, and one kept to a node port stays DNATed to the pod that answered
// first, after its Service has changed or gone (seen with nginx, which keeps them 65 s).
// The host, port and path are given apart (no URL is parsed): the address is an IP literal
// already judged by dial-policy.ts.
const get = (address: string, port: number, path: string, timeoutMs: number, signal?: AbortSignal) =>
  boundedGet(
    (onResponse) => http.request({ host: address, family: isIP(address), port, path, method: 'GET', agent: false, ...(signal ? { signal } : {}) }, onResponse),
    timeoutMs,
    MAX_HTTP_BODY_BYTES,
  );

const hostForUrl = (address: string) => (address.includes(':') ? `[${address}]` : address);

/** A connection to a node port that got no HTTP answer, as a failure code (the URL says where). */
const dialFailure = (error: NodeJS.ErrnoException, timeoutMs: number): HttpFailure => {
  switch (error.code) {
    case 'ECONNREFUSED':
      return { code: 'refused' };
    case 'ECONNRESET':
    case 'EPIPE':
      return { code: 'reset' };
    case TIMED_OUT:
      return { code: 'timeout', ms: timeoutMs };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { code: 'host-unreachable' };
    default:
      return { code: 'network', message: shortened(error.message, ERROR_MAX) };
  }
};

/** The first node address tp may dial (Ready nodes come first), or why none. */
const dialableNode = (request: HttpRequest, apiServerHost: string): { address: string } | { refusal: HttpFailure } => {
  const [first] = request.nodeAddresses;
  if (first === undefined) return { refusal: { code: 'no-node-address' } };
  const address = request.nodeAddresses.find((candidate) => nodeAddressRefused(candidate, apiServerHost) === undefined);
  if (address !== undefined) return { address };
  return { refusal: { code: 'node-refused', address: shortened(first, 60), why: nodeAddressRefused(first, apiServerHost) ?? 'not-ip' } };
};

const viaNodePort = async (request: HttpRequest, apiServerHost: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> => {
  if (request.nodePort === undefined) {
    return { reached: false, via: 'nodeport', failure: { code: 'no-node-port' }, evaluable: true };
  }
  if (!isPort(request.nodePort)) return { reached: false, via: 'nodeport', failure: { code: 'not-a-port', which: 'nodePort' }, evaluable: true };
  const node = dialableNode(request, apiServerHost);
  if ('refusal' in node) return { reached: false, via: 'nodeport', failure: node.refusal, evaluable: false };
  const url = `http://${hostForUrl(node.address)}:${request.nodePort}${request.path}`;
  try {
    const answer = await get(node.address, request.nodePort, request.path, timeoutMs, signal);
    return { reached: true, via: 'nodeport', url, ...answer, body: answer.body };
  } catch (error) {
    // Refused or timed out: something was tried and did not answer — the student's app.
    return { reached: false, via: 'nodeport', url, failure: dialFailure(error as NodeJS.ErrnoException, timeoutMs), evaluable: true };
  }
};

/** The host of the API server's URL (`[::1]` as URL writes it), to judge node addresses by. */
const hostOfServer = (server: string): string => {
  try {
    return new URL(server).hostname;
  } catch {
    return '';
  }
};

/** `signal` abandons every request of this probe (a student whose grading timed out). */
export const makeHttpProbe = (client: ApiClient, via: HttpVia, timeoutMs: number, signal?: AbortSignal): HttpProbe => ({
  via,
  async get(request) {
    const apiServerHost = hostOfServer(client.server);
    if (via === 'proxy') return viaProxy(client, request, timeoutMs, signal);
    if (via === 'nodeport') return viaNodePort(request, apiServerHost, timeoutMs, signal);
    const proxied = await viaProxy(client, request, timeoutMs, signal);
    if (proxied.reached && proxied.status < 500) return proxied;
    const direct = await viaNodePort(request, apiServerHost, timeoutMs, signal);
    if (direct.reached) return direct;
    // Nothing can serve on simulated nodes unless a stand-in listens on the node port.
    if (podsServeNothing(request.nodes)) return { ...direct, failure: { code: 'simulated' }, evaluable: false };
    return proxied.reached || proxied.evaluable ? proxied : direct;
  },
});
