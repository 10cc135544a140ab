// Reaches an app over HTTP, as SPEC's `--http-via` says: through the API
// server's service proxy, through <node InternalIP>:<nodePort> as the course
// does, or the first then the second.
import http from 'node:http';
import { isIP } from 'node:net';
import type { ApiClient } from './api-client.js';
import { serviceProxyPath } from './api-paths.js';
import { boundedGet, TIMED_OUT } from './bounded-get.js';
import type { HttpAnswer, HttpProbe, HttpRequest, HttpVia } from './http-types.js';
import { isPort, nodeAddressRefusal } from './dial-policy.js';
import { shortened } from '../core/quote.js';

/** An app's answer is judged on its first 64 KiB: a lab expects a few words, not a download. */
export const MAX_HTTP_BODY_BYTES = 64 * 1024;

/** What of a service proxy's refusal is quoted: the line that says why (no endpoints, a dial error), no more. */
const PROXY_QUOTE_MAX = 120;

const viaProxy = async (client: ApiClient, request: HttpRequest, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> => {
  if (!isPort(request.port)) return { reached: false, via: 'proxy', reason: 'the service\'s port is not a port number', evaluable: true };
  const path = serviceProxyPath(request.namespace, request.service, request.port, request.path);
  const url = `${client.server}${path}`;
  if (request.simulatedNodes) {
    // The proxy would dial simulated pod IPs that are not real hosts: never do it.
    return { reached: false, via: 'proxy', url, reason: 'the pods run on simulated (KWOK) nodes and serve nothing through the proxy', evaluable: false, simulated: true };
  }
  try {
    const answer = await client.getRaw(path, timeoutMs, signal, MAX_HTTP_BODY_BYTES);
    // 503 "no endpoints available" and dial errors come from the proxy itself: a line of it says which.
    if (answer.status === 503 || answer.status === 502) {
      return { reached: false, via: 'proxy', url, reason: `the service proxy answered ${answer.status}: ${shortened(answer.body, PROXY_QUOTE_MAX)}`, evaluable: true };
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
// The host, port and path are given apart (no URL is parsed): the address is an IP literal
// already judged by dial-policy.ts.
const get = (address: string, port: number, path: string, timeoutMs: number, signal?: AbortSignal) =>
  boundedGet(
    (onResponse) => http.request({ host: address, family: isIP(address), port, path, method: 'GET', agent: false, ...(signal ? { signal } : {}) }, onResponse),
    timeoutMs,
    MAX_HTTP_BODY_BYTES,
  );

const hostForUrl = (address: string) => (address.includes(':') ? `[${address}]` : address);

/** The first node address tp may dial (Ready nodes come first), or why none. */
const dialableNode = (request: HttpRequest, apiServerHost: string): { address: string } | { refusal: string } => {
  const [first] = request.nodeAddresses;
  if (first === undefined) return { refusal: 'no node has an InternalIP' };
  const address = request.nodeAddresses.find((candidate) => nodeAddressRefusal(candidate, apiServerHost) === undefined);
  if (address !== undefined) return { address };
  return { refusal: `the node address "${shortened(first, 60)}" is ${nodeAddressRefusal(first, apiServerHost) ?? 'refused'}: tp does not dial it` };
};

const viaNodePort = async (request: HttpRequest, apiServerHost: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> => {
  if (request.nodePort === undefined) {
    return { reached: false, via: 'nodeport', reason: 'the service has no nodePort', evaluable: true };
  }
  if (!isPort(request.nodePort)) return { reached: false, via: 'nodeport', reason: 'the service\'s nodePort is not a port number', evaluable: true };
  const node = dialableNode(request, apiServerHost);
  if ('refusal' in node) return { reached: false, via: 'nodeport', reason: node.refusal, evaluable: false };
  const url = `http://${hostForUrl(node.address)}:${request.nodePort}${request.path}`;
  try {
    const answer = await get(node.address, request.nodePort, request.path, timeoutMs, signal);
    return { reached: true, via: 'nodeport', url, ...answer, body: answer.body };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = code === 'ECONNREFUSED' ? 'connection refused' : code === TIMED_OUT ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    // Refused or timed out: something was tried and did not answer — the student's app.
    return { reached: false, via: 'nodeport', url, reason, evaluable: true };
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
    if (request.simulatedNodes) {
      // Nothing can serve on simulated nodes unless a stand-in listens on the node port.
      return { ...direct, reason: `${direct.reason} (the pods run on simulated KWOK nodes and serve nothing)`, evaluable: false, simulated: true };
    }
    return proxied.reached || proxied.evaluable ? proxied : direct;
  },
});
