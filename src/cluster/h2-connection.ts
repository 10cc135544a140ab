// The API reads of one client over one HTTP/2 connection, as kubectl keeps one: the LISTs of a
// check go at once on it (one TLS handshake, no LIST waiting for another's turn, one round trip
// for all of them to a cluster far away). A server that does not speak HTTP/2 (a proxy in front
// of the API server, a TLS server without ALPN) says so when the connection is made: the client
// then reads it over HTTP/1.1 (api-client.ts). Every GET is bounded as bounded-get.ts bounds
// one: a time for the whole of it, connecting included, and a size past which it is cut.
import { createHash } from 'node:crypto';
import http2, { type ClientHttp2Session, type ClientHttp2Stream, type OutgoingHttpHeaders } from 'node:http2';
import type { RequestOptions } from 'node:https';
import type { SecureContext } from 'node:tls';
import { TIMED_OUT, boundedBody, type BoundedAnswer } from './bounded-get.js';

/** The options credentials.ts and secure-contexts.ts made for a request. */
export type H2Request = RequestOptions & { secureContext?: SecureContext };

/** What `get` answers when the server does not speak HTTP/2: nothing was read, ask again over HTTP/1.1. */
export const NOT_HTTP2 = Symbol('not HTTP/2');

export interface H2Connection {
  get(request: H2Request, timeoutMs: number, maxBody: number): Promise<BoundedAnswer | typeof NOT_HTTP2>;
  /** Opens the connection a request like this one will take, if none is open: the requests that follow share it. */
  open(request: H2Request): void;
  /** Connections made so far. */
  readonly opened: number;
}

interface Session {
  /** What the connection was made with: a request made with other credentials needs another. */
  key: string;
  session: ClientHttp2Session;
  /** Whether the server chose HTTP/2 when the connection was made (false: it does not speak it, or the connection failed). */
  speaksHttp2: Promise<boolean>;
}

// Objects have no text of their own: a TLS context is told apart from another by a number given to it.
const contextIds = new WeakMap<object, number>();
let lastId = 0;
const idOf = (value: object | undefined): number => {
  if (value === undefined) return 0;
  const known = contextIds.get(value);
  if (known !== undefined) return known;
  lastId += 1;
  contextIds.set(value, lastId);
  return lastId;
};

// The certificates are read again for each request (a renewed one is used at once): the same ones
// have the same TLS context (secure-contexts.ts), or else the same text.
const credentialsId = (request: H2Request): string => {
  if (request.secureContext) return `context ${idOf(request.secureContext)}`;
  const digest = createHash('sha256');
  for (const part of [request.ca, request.cert, request.key]) digest.update(part === undefined ? 'none:' : `${String(part).length}:${String(part)}`);
  return digest.digest('hex');
};

const keyOf = (request: H2Request): string => JSON.stringify([request.hostname, request.port, request.servername, request.rejectUnauthorized, credentialsId(request)]);

/** The request's headers as HTTP/2 has them: lower case, basic credentials as a header. */
const headersOf = (request: H2Request): OutgoingHttpHeaders => {
  const headers: OutgoingHttpHeaders = { ':method': 'GET', ':path': request.path ?? '/' };
  for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  if (request.auth) headers['authorization'] = `Basic ${Buffer.from(request.auth).toString('base64')}`;
  return headers;
};

const { NGHTTP2_CANCEL: CANCEL, NGHTTP2_NO_ERROR: NO_ERROR } = http2.constants;

// How much a server may send before it waits for tp to say it has read it. HTTP/2's default is
// 64 KiB, for each read and for the whole connection: a cluster far away then spends a round trip
// per 64 KiB (a cohort's cluster-wide LISTs, megabytes from a cluster 50 ms away, passed a 5 s
// timeout: bench/README.md). 4 MiB per read is client-go's figure; the connection's is lower than
// its 1 GiB. Neither bounds what tp keeps: each read is cut at its size cap as it arrives.
export const STREAM_WINDOW_BYTES = 4 * 1024 * 1024;
export const CONNECTION_WINDOW_BYTES = 32 * 1024 * 1024;

export const h2Connection = (): H2Connection => {
  let current: Session | undefined;
  let opened = 0;

  const connect = (request: H2Request, key: string): Session => {
    const host = String(request.hostname ?? 'localhost');
    const authority = `https://${host.includes(':') ? `[${host}]` : host}:${request.port ?? 443}`;
    const session = http2.connect(authority, {
      ...(request.secureContext ? { secureContext: request.secureContext } : { ca: request.ca, cert: request.cert, key: request.key }),
      ...(request.servername ? { servername: request.servername } : {}),
      ...(request.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
      // A student's API server may not send what tp did not ask for.
      settings: { enablePush: false, initialWindowSize: STREAM_WINDOW_BYTES },
    });
    opened += 1;
    // An idle connection does not keep the process alive; a request waiting keeps it by its timer.
    session.unref();
    const forget = () => {
      if (current?.session === session) current = undefined;
    };
    const speaksHttp2 = new Promise<boolean>((resolve) => {
      session.once('connect', (_, socket) => {
        const h2 = (socket as { alpnProtocol?: string | false }).alpnProtocol === 'h2';
        // Sent before the first request's headers, which wait for this answer.
        if (h2) session.setLocalWindowSize(CONNECTION_WINDOW_BYTES);
        resolve(h2);
      });
      // Failed before it was made: HTTP/1.1 is tried, and says what is wrong if it fails the same way.
      session.once('close', () => resolve(false));
    });
    void speaksHttp2.then((yes) => {
      if (yes) return;
      forget();
      session.destroy();
    });
    // Errors reach the streams that were on it; the session is only forgotten, and the next request makes another.
    session.on('error', forget);
    session.on('goaway', forget);
    session.on('close', forget);
    const made = { key, session, speaksHttp2 };
    current = made;
    return made;
  };

  const sessionFor = (request: H2Request): Session => {
    const key = keyOf(request);
    if (current && current.key === key && !current.session.closed && !current.session.destroyed) return current;
    // Credentials renewed: the old connection ends once its streams are done.
    current?.session.close();
    return connect(request, key);
  };

  const get = (request: H2Request, timeoutMs: number, maxBody: number): Promise<BoundedAnswer | typeof NOT_HTTP2> =>
    new Promise((resolve, reject) => {
      let settled = false;
      let stream: ClientHttp2Stream | undefined;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        finish();
      };
      const fail = (error: Error) => settle(() => reject(error));
      const timer = setTimeout(() => {
        stream?.close(CANCEL);
        fail(Object.assign(new Error('timeout'), { code: TIMED_OUT }));
      }, timeoutMs);
      const onAbort = () => {
        stream?.close(CANCEL);
        fail(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }));
      };
      if (request.signal?.aborted) return onAbort();
      request.signal?.addEventListener('abort', onAbort, { once: true });
      const { session, speaksHttp2 } = sessionFor(request);
      void speaksHttp2.then((yes) => {
        if (settled) return;
        if (!yes) return settle(() => resolve(NOT_HTTP2));
        let status = 0;
        const body = boundedBody(maxBody);
        try {
          stream = session.request(headersOf(request), { endStream: true });
        } catch (error) {
          // The connection closed between its making and this request: a cut connection, tried again by the client.
          return fail(Object.assign(error as Error, { code: 'ECONNRESET' }));
        }
        stream.on('response', (headers) => {
          status = Number(headers[':status'] ?? 0);
        });
        stream.on('data', (chunk: Buffer) => {
          if (body.add(chunk)) return;
          // The rest is never read: the stream is cancelled, the connection goes on serving the others.
          stream?.close(CANCEL);
          settle(() => resolve(body.answer(status, true)));
        });
        stream.on('end', () => settle(() => resolve(body.answer(status))));
        stream.on('error', fail);
        // Closed by a reset (the connection lost, the server cancelling): a cut connection. Closed
        // well, its last data may still be on their way to 'end', which settles it.
        stream.on('close', () => {
          if (stream?.rstCode !== NO_ERROR) fail(Object.assign(new Error(`the HTTP/2 stream was reset (code ${stream?.rstCode})`), { code: 'ECONNRESET' }));
        });
      });
    });

  return {
    get,
    open(request) {
      sessionFor(request);
    },
    get opened() {
      return opened;
    },
  };
};
