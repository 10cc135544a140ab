// Reaches an app over HTTP, as SPEC's `--http-via` says: through the API
// server's service proxy, through <node InternalIP>:<nodePort> as the course
// does, or the first then the second. What went wrong is a failure code with
// its facts (http-types.ts): the check says it in the student's language.
import http from 'node:http';
import type { ApiClient } from './api-client.js';
import { ApiFailure } from './api-failure.js';
import { serviceProxyPath } from './api-paths.js';
import { boundedGet, TIMED_OUT } from './bounded-get.js';
import type { HttpAnswer, HttpFailure, HttpProbe, HttpRequest, HttpVia } from './http-types.js';
import { proxyRefusal } from './proxy-refusal.js';
import { podsServeNothing } from './simulated-nodes.js';
import { shortened } from '../core/quote.js';

/** An app's answer is judged on its first 64 KiB: a lab expects a few words, not a download. */
export const MAX_HTTP_BODY_BYTES = 64 * 1024;

/** What of a client error a report may quote: one short line. */
const ERROR_MAX = 120;

const viaProxy = async (client: ApiClient, request: HttpRequest, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> => {
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
const get = (url: string, timeoutMs: number, signal?: AbortSignal) =>
  boundedGet((onResponse) => http.request(url, { method: 'GET', agent: false, ...(signal ? { signal } : {}) }, onResponse), timeoutMs, MAX_HTTP_BODY_BYTES);

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

const viaNodePort = async (request: HttpRequest, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> => {
  if (request.nodePort === undefined) {
    return { reached: false, via: 'nodeport', failure: { code: 'no-node-port' }, evaluable: true };
  }
  const address = request.nodeAddresses[0];
  if (!address) return { reached: false, via: 'nodeport', failure: { code: 'no-node-address' }, evaluable: false };
  const url = `http://${hostForUrl(address)}:${request.nodePort}${request.path}`;
  try {
    const answer = await get(url, timeoutMs, signal);
    return { reached: true, via: 'nodeport', url, ...answer, body: answer.body };
  } catch (error) {
    // Refused or timed out: something was tried and did not answer — the student's app.
    return { reached: false, via: 'nodeport', url, failure: dialFailure(error as NodeJS.ErrnoException, timeoutMs), evaluable: true };
  }
};

/** `signal` abandons every request of this probe (a student whose grading timed out). */
export const makeHttpProbe = (client: ApiClient, via: HttpVia, timeoutMs: number, signal?: AbortSignal): HttpProbe => ({
  via,
  async get(request) {
    if (via === 'proxy') return viaProxy(client, request, timeoutMs, signal);
    if (via === 'nodeport') return viaNodePort(request, timeoutMs, signal);
    const proxied = await viaProxy(client, request, timeoutMs, signal);
    if (proxied.reached && proxied.status < 500) return proxied;
    const direct = await viaNodePort(request, timeoutMs, signal);
    if (direct.reached) return direct;
    // Nothing can serve on simulated nodes unless a stand-in listens on the node port.
    if (podsServeNothing(request.nodes)) return { ...direct, failure: { code: 'simulated' }, evaluable: false };
    return proxied.reached || proxied.evaluable ? proxied : direct;
  },
});
