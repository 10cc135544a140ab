// A small read-only client for the API server: GET a path, JSON back.
// Authentication, TLS and exec plugins come from client-node's KubeConfig;
// this file adds what grading needs: a timeout, bounded retries of transient
// answers (429, 5xx), a request counter for benchmarks, and typed failures.
// The timeout is the budget of one request, retries and their waits included,
// so `--timeout 5` means no read of a sick API server takes much more than 5 s.
import https from 'node:https';
import http from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ReadFailure } from './types.js';

export interface ApiClientOptions {
  /** Per request, retries included, in milliseconds. */
  timeoutMs: number;
  /** Extra tries after a 429 or 5xx answer (or a cut connection), as long as the timeout leaves time for them. */
  retries: number;
  /** Waits between tries grow from this, in milliseconds. */
  backoffMs: number;
  /** Aborts requests in flight and refuses new ones (Ctrl-C during `tp grade`). */
  signal?: AbortSignal;
}

export class ApiFailure extends Error {
  constructor(
    readonly failure: ReadFailure,
    readonly status?: number,
  ) {
    super(failure.message);
    this.name = 'ApiFailure';
  }
}

export interface ApiResponse {
  status: number;
  body: string;
}

export interface ApiClient {
  /** GET a JSON resource; 404 gives `undefined`. */
  getJson<T>(path: string): Promise<T | undefined>;
  /** GET and return the raw answer whatever its status (used by the service proxy). */
  /** `signal` stops this one request (a student's grading abandoned), on top of the client's own. */
  getRaw(path: string, timeoutMs?: number, signal?: AbortSignal): Promise<ApiResponse>;
  /** Requests sent so far (retries included), for benchmarks and tests. */
  readonly requestCount: number;
  readonly server: string;
}

const DEFAULTS: ApiClientOptions = { timeoutMs: 10_000, retries: 3, backoffMs: 200 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const transient = (status: number) => status === 429 || status >= 500;

const networkFailure = (error: NodeJS.ErrnoException, server: string, timeoutMs: number): ReadFailure => {
  if (error.code === 'ETIMEDOUT' || error.message === 'timeout') {
    return { reason: 'timeout', message: `no answer from ${server} within ${timeoutMs / 1000} s (see --timeout)` };
  }
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
    return { reason: 'other', message: `the connection to ${server} was cut (${error.code})` };
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(error.code ?? '')) {
    return { reason: 'unreachable', message: `cannot reach ${server} (${error.code})` };
  }
  return { reason: 'other', message: `${server}: ${error.message}` };
};

export const statusFailure = (status: number, body: string, path: string, tries = 1): ReadFailure => {
  let detail = '';
  try {
    detail = (JSON.parse(body) as { message?: string }).message ?? '';
  } catch {
    detail = body.slice(0, 200);
  }
  if (status === 403) return { reason: 'forbidden', message: detail || `forbidden: GET ${path}` };
  if (status === 401) return { reason: 'forbidden', message: `unauthorized: the credentials of this context were refused (${detail})` };
  const after = tries > 1 ? ` (after ${tries} tries)` : '';
  return { reason: 'other', message: `GET ${path} answered ${status}${detail ? `: ${detail}` : ''}${after}` };
};

export const makeApiClient = (kc: KubeConfig, overrides: Partial<ApiClientOptions> = {}): ApiClient => {
  const options = { ...DEFAULTS, ...overrides };
  const cluster = kc.getCurrentCluster();
  const server = (cluster?.server ?? '').replace(/\/+$/, '');
  let count = 0;

  const prepare = async (path: string, signal: AbortSignal | undefined) => {
    try {
      const url = new URL(server + path);
      const requestOptions: https.RequestOptions = {
        method: 'GET',
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port,
        path: url.pathname + url.search,
        headers: { Accept: 'application/json' },
        ...(signal ? { signal } : {}),
      };
      await kc.applyToHTTPSOptions(requestOptions);
      return { requestOptions, transport: url.protocol === 'http:' ? http : https };
    } catch (error) {
      // The kubeconfig cannot make a request (a bad server URL, a missing certificate file, a failing
      // credential plugin): nothing was sent, and no retry would change that.
      throw new ApiFailure({ reason: 'other', message: `${server || 'the cluster server'}: ${(error as Error).message}` });
    }
  };

  const once = async (path: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<ApiResponse> => {
    const { requestOptions, transport } = await prepare(path, signal);
    count += 1;
    return new Promise<ApiResponse>((resolve, reject) => {
      const timeout = Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
      let timedOut = false;
      // Whatever the request was doing when cut (a TLS handshake, half a body), the cause is the timeout.
      const fail = (error: Error) => reject(timedOut ? timeout : error);
      const request = transport.request(requestOptions, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', fail);
      });
      // A bound on the whole try, not on idleness: a server that stalls a TLS handshake or trickles its answer is cut too.
      const timer = setTimeout(() => {
        timedOut = true;
        request.destroy(timeout);
      }, timeoutMs);
      request.on('close', () => clearTimeout(timer));
      request.on('error', fail);
      request.end();
    });
  };

  const backoff = (attempt: number) => options.backoffMs * 2 ** attempt;

  const withRetries = async (path: string, timeoutMs: number, callSignal?: AbortSignal): Promise<ApiResponse & { tries: number }> => {
    const signals = [options.signal, callSignal].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const deadline = Date.now() + timeoutMs;
    // A retry whose wait alone would overrun the budget is not made: the failure is reported instead.
    const mayRetry = (attempt: number) => attempt < options.retries && Date.now() + backoff(attempt) < deadline;
    for (let attempt = 0; ; attempt += 1) {
      let response: ApiResponse;
      try {
        response = await once(path, Math.max(1, deadline - Date.now()), signal);
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

  return {
    server,
    get requestCount() {
      return count;
    },
    async getRaw(path, timeoutMs, signal) {
      const { status, body } = await withRetries(path, timeoutMs ?? options.timeoutMs, signal);
      return { status, body };
    },
    async getJson<T>(path: string): Promise<T | undefined> {
      const response = await withRetries(path, options.timeoutMs);
      if (response.status === 404) return undefined;
      if (response.status < 200 || response.status >= 300) {
        throw new ApiFailure(statusFailure(response.status, response.body, path, response.tries), response.status);
      }
      try {
        return JSON.parse(response.body) as T;
      } catch {
        throw new ApiFailure({ reason: 'other', message: `GET ${path}: the answer is not JSON` }, response.status);
      }
    },
  };
};
