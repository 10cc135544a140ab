// Reaches an app over HTTP, as SPEC's `--http-via` says: through the API
// server's service proxy, through <node InternalIP>:<nodePort> as the course
// does, or the first then the second.
import http from 'node:http';
import type { ApiClient } from './api-client.js';
import { serviceProxyPath } from './api-paths.js';
import { boundedGet, TIMED_OUT } from './bounded-get.js';
import type { HttpAnswer, HttpProbe, HttpRequest, HttpVia } from './http-types.js';

/** An app's answer is judged on its first 64 KiB: a lab expects a few words, not a download. */
export const MAX_HTTP_BODY_BYTES = 64 * 1024;

const viaProxy = async (client: ApiClient, request: HttpRequest, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> => {
  const path = serviceProxyPath(request.namespace, request.service, request.port, request.path);
  const url = `${client.server}${path}`;
  if (request.simulatedNodes) {
    // The proxy would dial simulated pod IPs that are not real hosts: never do it.
    return { reached: false, via: 'proxy', url, reason: 'the pods run on simulated (KWOK) nodes and serve nothing through the proxy', evaluable: false, simulated: true };
  }
  try {
    const answer = await client.getRaw(path, timeoutMs, signal, MAX_HTTP_BODY_BYTES);
    // 503 "no endpoints available" and dial errors come from the proxy itself.
    if (answer.status === 503 || answer.status === 502) {
      return { reached: false, via: 'proxy', url, reason: `the service proxy answered ${answer.status}: ${answer.body.slice(0, 200).trim()}`, evaluable: true };
    }
    if (answer.status === 403) {
      return { reached: false, via: 'proxy', url, reason: 'forbidden: get services/proxy', evaluable: false };
    }
    return { reached: true, via: 'proxy', url, status: answer.status, body: answer.body, ...(answer.truncated ? { truncated: true as const } : {}) };
  } catch (error) {
    return { reached: false, via: 'proxy', url, reason: (error as Error).message, evaluable: false };
  }
};

// Bounded as the API client's requests are: the whole GET within the time, not each silence.
// A connection of its own, as curl opens one (agent: false): Node's default agent keeps
// connections alive, and one kept to a node port stays DNATed to the pod that answered
// first, after its Service has changed or gone (seen with nginx, which keeps them 65 s).
const get = (url: string, timeoutMs: number, signal?: AbortSignal) =>
  boundedGet((onResponse) => http.request(url, { method: 'GET', agent: false, ...(signal ? { signal } : {}) }, onResponse), timeoutMs, MAX_HTTP_BODY_BYTES);

const hostForUrl = (address: string) => (address.includes(':') ? `[${address}]` : address);

const viaNodePort = async (request: HttpRequest, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> => {
  if (request.nodePort === undefined) {
    return { reached: false, via: 'nodeport', reason: 'the service has no nodePort', evaluable: true };
  }
  const address = request.nodeAddresses[0];
  if (!address) return { reached: false, via: 'nodeport', reason: 'no node has an InternalIP', evaluable: false };
  const url = `http://${hostForUrl(address)}:${request.nodePort}${request.path}`;
  try {
    const answer = await get(url, timeoutMs, signal);
    return { reached: true, via: 'nodeport', url, ...answer, body: answer.body };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = code === 'ECONNREFUSED' ? 'connection refused' : code === TIMED_OUT ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    // Refused or timed out: something was tried and did not answer — the student's app.
    return { reached: false, via: 'nodeport', url, reason, evaluable: true };
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
    if (request.simulatedNodes) {
      // Nothing can serve on simulated nodes unless a stand-in listens on the node port.
      return { ...direct, reason: `${direct.reason} (the pods run on simulated KWOK nodes and serve nothing)`, evaluable: false, simulated: true };
    }
    return proxied.reached || proxied.evaluable ? proxied : direct;
  },
});
