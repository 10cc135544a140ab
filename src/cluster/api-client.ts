// A small read-only client for the API server: GET a path, JSON back.
// Authentication, TLS and exec plugins come from the kubeconfig (credentials.ts);
// this file adds what grading needs: a timeout, bounded retries of transient
// answers (429, 5xx), a request counter for benchmarks, and typed failures
// (api-failure.ts).
// The timeout is the budget of one request, retries and their waits included,
// so `--timeout 5` means no read of a sick API server takes much more than 5 s.
import https from 'node:https';
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import type { Credentials } from './credentials.js';
import { AnswerTooLarge, ApiFailure, networkFailure, statusFailure } from './api-failure.js';
import { TIMED_OUT, boundedGet } from './bounded-get.js';
import { NOT_HTTP2, h2Connection } from './h2-connection.js';
import { secureContexts } from './secure-contexts.js';

export interface ApiClientOptions {
  /** Per request, retries included, in milliseconds. */
  timeoutMs: number;
  /** Extra tries after a 429 or 5xx answer (or a cut connection), as long as the timeout leaves time for them. */
  retries: number;
  /** Waits between tries grow from this, in milliseconds. */
  backoffMs: number;
  /** Aborts requests in flight and refuses new ones (Ctrl-C during `tp grade`). */
  signal?: AbortSignal;
  /** The largest answer read, in bytes: a bigger one is a failure, never half a JSON parsed as if whole. */
  maxBodyBytes: number;
  /**
   * Over HTTP/1.1 (a server that does not speak HTTP/2), how many connections the API reads
   * (getJson) keep open and share: one by default, as kubectl opens one. A TLS handshake costs tp
   * more CPU than a LIST of a namespace (and as much of the API server's); `tp grade` asks for as
   * many as the reads it runs at once on a shared cluster. Over HTTP/2 there is one, whatever this says.
   */
  connections: number;
}

/** Where requests go and how they are signed. */
export interface ApiTarget {
  server: string;
  credentials: Credentials;
}

export interface ApiResponse {
  status: number;
  body: string;
  /** Longer than the client's cap: `body` holds its first bytes only. */
  truncated?: true;
}

/** How one GET of JSON is bounded beyond the client's own options (a page of a LIST). */
export interface JsonRequestOptions {
  /** Stops this one request (a student's grading abandoned), on top of the client's own signal. */
  signal?: AbortSignal;
  /** The largest answer read for this request, when less than the client's cap (what is left of a LIST's bytes). */
  maxBodyBytes?: number;
  /** Told the size in bytes of the answer read. */
  onBody?: (bytes: number) => void;
}

export interface ApiClient {
  /** GET a JSON resource; 404 gives `undefined`. */
  getJson<T>(path: string, options?: JsonRequestOptions): Promise<T | undefined>;
  /**
   * GET and return the raw answer whatever its status (used by the service proxy and discovery);
   * `signal` stops this one request (a student's grading abandoned), on top of the client's own;
   * `accept` replaces `application/json` (the aggregated discovery document is asked for by type).
   */
  getRaw(path: string, timeoutMs?: number, signal?: AbortSignal, maxBodyBytes?: number, accept?: string): Promise<ApiResponse>;
  /**
   * Opens the connection the API reads will take, ahead of them: its TLS handshake goes on while
   * tp does other work (reads the answers). Never fails: the first request says what is wrong.
   */
  connectAhead?(): void;
  /** Requests sent so far (retries included), for benchmarks and tests. */
  readonly requestCount: number;
  /** Connections opened so far (a request on a kept-alive one opens none), for benchmarks and tests. */
  readonly connectionCount: number;
  readonly server: string;
  /** The largest answer read, in bytes (the pages of one LIST share it). */
  readonly maxBodyBytes: number;
}

/** One page of a LIST (PAGE_SIZE objects) is far below this on any cluster a lab runs on. */
export const MAX_API_BODY_BYTES = 64 * 1024 * 1024;

const DEFAULTS: ApiClientOptions = { timeoutMs: 10_000, retries: 3, backoffMs: 200, maxBodyBytes: MAX_API_BODY_BYTES, connections: 1 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const transient = (status: number) => status === 429 || status >= 500;

type Transport = typeof http | typeof https;

/** A GET on `path` of `server`, before the kubeconfig's credentials are applied to it. */
const baseRequest = (server: string, path: string, signal: AbortSignal | undefined, accept: string): { options: https.RequestOptions; url: URL } => {
  const url = new URL(server + path);
  const options: https.RequestOptions = {
    method: 'GET',
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port,
    path: url.pathname + url.search,
    headers: { Accept: accept },
    // A connection of its own unless the caller gives the client's kept-alive ones (keptAlive below).
    agent: false,
    ...(signal ? { signal } : {}),
  };
  return { options, url };
};

/** The request options of a GET on `path`, credentials and TLS applied from the kubeconfig (reads, and the live class's watches). */
export const requestTo = async (
  credentials: Credentials,
  withSecureContext: (request: https.RequestOptions) => void,
  server: string,
  path: string,
  signal: AbortSignal | undefined,
  accept = 'application/json',
): Promise<{ options: https.RequestOptions; transport: Transport }> => {
  try {
    const { options, url } = baseRequest(server, path, signal, accept);
    await credentials.apply(options);
    if (url.protocol === 'http:') return { options, transport: http };
    withSecureContext(options);
    return { options, transport: https };
  } catch (error) {
    // The kubeconfig cannot make a request (a bad server URL, a missing certificate file, a failing
    // credential plugin): nothing was sent, and no retry would change that.
    throw new ApiFailure({ reason: 'other', message: `${server || 'the cluster server'}: ${(error as Error).message}` });
  }
};

type Try = (timeoutMs: number, signal: AbortSignal | undefined) => Promise<ApiResponse>;

/** Tries again after a 429, a 5xx or a cut connection, with growing waits, as long as the budget `timeoutMs` lasts. */
const withRetries = async (tryOnce: Try, server: string, options: ApiClientOptions, timeoutMs: number, callSignal?: AbortSignal): Promise<ApiResponse & { tries: number }> => {
  const signals = [options.signal, callSignal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const deadline = Date.now() + timeoutMs;
  const backoff = (attempt: number) => options.backoffMs * 2 ** attempt;
  // A retry whose wait alone would overrun the budget is not made: the failure is reported instead.
  const mayRetry = (attempt: number) => attempt < options.retries && Date.now() + backoff(attempt) < deadline;
  for (let attempt = 0; ; attempt += 1) {
    let response: ApiResponse;
    try {
      response = await tryOnce(Math.max(1, deadline - Date.now()), signal);
    } catch (error) {
      if (error instanceof ApiFailure) throw error;
      if (signal?.aborted) throw new ApiFailure({ reason: 'other', message: `request to ${server} aborted` });
      const failure = networkFailure(error as NodeJS.ErrnoException, server, timeoutMs);
      // A refused connection will not heal in a second; a reset may.
      if (failure.reason !== 'unreachable' && mayRetry(attempt)) {
        await sleep(backoff(attempt));
        continue;
      }
      throw new ApiFailure(failure);
    }
    if (transient(response.status) && mayRetry(attempt)) {
      await sleep(backoff(attempt));
      continue;
    }
    return { ...response, tries: attempt + 1 };
  }
};

const parseJson = <T>(response: ApiResponse & { tries: number }, path: string, maxBodyBytes: number): T | undefined => {
  if (response.truncated) throw new AnswerTooLarge(path, maxBodyBytes);
  if (response.status === 404) return undefined;
  if (response.status < 200 || response.status >= 300) {
    throw new ApiFailure(statusFailure(response.status, response.body, path, response.tries), response.status);
  }
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new ApiFailure({ reason: 'other', message: `GET ${path}: the answer is not JSON` }, response.status);
  }
};

/**
 * The kept-alive connections of one client: one cluster, one set of credentials, never shared
 * with another client (another student's cluster, another kubeconfig). Node closes a connection
 * whose answer was cut (a body over its cap, a timeout, an abort) instead of reusing it, and does
 * not keep the process alive for an idle one.
 */
const keptAlive = (connections: number) => {
  const agents = new Map<Transport, http.Agent>();
  return (transport: Transport): http.Agent => {
    let agent = agents.get(transport);
    if (agent === undefined) {
      agent = new transport.Agent({ keepAlive: true, maxSockets: Math.max(1, connections) });
      agents.set(transport, agent);
    }
    return agent;
  };
};

export const makeApiClient = (target: ApiTarget, overrides: Partial<ApiClientOptions> = {}): ApiClient => {
  const options = { ...DEFAULTS, ...overrides };
  const server = target.server.replace(/\/+$/, '');
  let count = 0;
  let connectionCount = 0;
  const sockets = new WeakSet<object>();
  const withSecureContext = secureContexts();
  const agentFor = keptAlive(options.connections);
  // API reads go over one HTTP/2 connection when the server speaks it (every API server does;
  // some proxies in front of one do not): then over HTTP/1.1, on the kept-alive connections.
  const h2 = h2Connection();
  let http1Only = false;
  // The requests waiting for a kept-alive connection in use. When one ahead gets no answer in its
  // time, they fail with it at once: the server is not answering, and each waiting its own turn
  // would make a hung server cost a check the timeout once per kind.
  const waiting = new Set<ClientRequest>();
  const failWaiting = () => {
    for (const request of waiting) request.destroy(Object.assign(new Error('timeout'), { code: TIMED_OUT, behindStalled: true }));
  };
  // API reads share the kept-alive connections; getRaw (an app behind the service proxy, a log, discovery)
  // opens its own, so a slow app never holds up a LIST behind it.
  const get = (path: string, timeoutMs: number, signal?: AbortSignal, maxBodyBytes = options.maxBodyBytes, accept?: string, shared = false) =>
    withRetries(
      async (budget, anySignal) => {
        const { options: request, transport } = await requestTo(target.credentials, withSecureContext, server, path, anySignal, accept);
        count += 1;
        // Plain http (kubectl proxy) and a proxy client-node set up (its own agent) stay on HTTP/1.1.
        if (shared && !http1Only && transport === https && request.agent === false) {
          const answer = await h2.get(request, budget, maxBodyBytes);
          if (answer !== NOT_HTTP2) return answer;
          http1Only = true;
        }
        if (shared) request.agent = agentFor(transport);
        const send = (onResponse: (response: IncomingMessage) => void) => {
          const sent = transport.request(request, onResponse);
          if (shared) waiting.add(sent);
          // Counted by the socket itself: Node marks `reusedSocket` only on a socket idle when asked.
          sent.once('socket', (socket) => {
            waiting.delete(sent);
            if (sockets.has(socket)) return;
            sockets.add(socket);
            connectionCount += 1;
          });
          sent.once('close', () => waiting.delete(sent));
          return sent;
        };
        try {
          return await boundedGet(send, budget, maxBodyBytes);
        } catch (error) {
          // Failed with the request ahead: the same timeout, and no retry behind a server that does not answer.
          if ((error as { behindStalled?: boolean }).behindStalled) throw new ApiFailure(networkFailure(error as NodeJS.ErrnoException, server, timeoutMs));
          if (shared && (error as NodeJS.ErrnoException).code === TIMED_OUT) failWaiting();
          throw error;
        }
      },
      server,
      options,
      timeoutMs,
      signal,
    );
  return {
    server,
    maxBodyBytes: options.maxBodyBytes,
    get requestCount() {
      return count;
    },
    get connectionCount() {
      return connectionCount + h2.opened;
    },
    connectAhead() {
      // Only what the connection is made with: no token asked for, no credential plugin run ahead.
      const { tls } = target.credentials;
      if (tls === undefined || http1Only) return;
      try {
        const { options: request, url } = baseRequest(server, '/', undefined, 'application/json');
        if (url.protocol !== 'https:') return;
        tls(request);
        withSecureContext(request);
        h2.open(request);
      } catch {
        // A server URL or a certificate file tp cannot use: the first request reports it.
      }
    },
    async getRaw(path, timeoutMs, signal, maxBodyBytes, accept) {
      const { status, body, truncated } = await get(path, timeoutMs ?? options.timeoutMs, signal, maxBodyBytes, accept);
      return { status, body, ...(truncated ? { truncated } : {}) };
    },
    getJson: async <T>(path: string, request: JsonRequestOptions = {}): Promise<T | undefined> => {
      const maxBodyBytes = Math.min(request.maxBodyBytes ?? options.maxBodyBytes, options.maxBodyBytes);
      const answer = await get(path, options.timeoutMs, request.signal, maxBodyBytes, undefined, true);
      request.onBody?.(Buffer.byteLength(answer.body));
      return parseJson<T>(answer, path, maxBodyBytes);
    },
  };
};
