// One WATCH request, read as a stream of events with tp's own client (the
// kubeconfig's credentials and TLS, as reads have them). A student's API
// server is untrusted, so the stream is bounded: a line (one event) is at
// most `maxEventBytes`, a stream silent for `idleMs` (no event, no bookmark)
// is cut, and so is one that outlives the timeoutSeconds it was asked for.
// How it ended tells the reflector what to do next: watch again from the last
// resourceVersion, or LIST again (410 Gone).
import type { ClientRequest, IncomingMessage } from 'node:http';
import { requestTo, type ApiTarget } from './api-client.js';
import { ApiFailure, networkFailure, sizeText, statusFailure } from './api-failure.js';
import { secureContexts } from './secure-contexts.js';
import type { KubeObject, ReadFailure } from './types.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchEvent {
  type: WatchEventType;
  /** As the API server sent it (a BOOKMARK carries only its resourceVersion). */
  object: KubeObject;
}

export type StreamEnd =
  /** The server ended the stream (its timeoutSeconds): watch again from the last resourceVersion. */
  | { reason: 'closed' }
  /** 410 Gone: the resourceVersion is older than the server keeps; LIST again. */
  | { reason: 'gone' }
  /** The stream broke after it opened (a network blip, silence, too long): watch again. */
  | { reason: 'cut'; message: string }
  /** The stream never opened: the server cannot be reached, refused, or answered an error. */
  | { reason: 'refused'; failure: ReadFailure }
  /** The server sent what is not a watch event (garbage, an event over the bound, an error event). */
  | { reason: 'invalid'; message: string };

export interface WatchLimits {
  /** The longest line read: one event, one object. */
  maxEventBytes: number;
  /** Silence after which the stream is cut (the API server sends a bookmark about every minute). */
  idleMs: number;
  /** Time to get the answer's status line and headers. */
  connectMs: number;
  /** The most a stream is kept open, a margin past the timeoutSeconds asked of the server. */
  maxStreamMs: number;
}

export interface WatchHandlers {
  /** The server accepted the watch (status 200). */
  onOpen(): void;
  onEvent(event: WatchEvent): void;
}

/** Opens the WATCH at `path` (query included) and resolves when it ends, however it ends. */
export type WatchOpener = (path: string, limits: WatchLimits, handlers: WatchHandlers, signal: AbortSignal) => Promise<StreamEnd>;

const EVENT_TYPES: ReadonlySet<string> = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);
/** An error answer is a small Status object; more of it is not read. */
const MAX_ERROR_BODY = 64 * 1024;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What one line says: an event, or how the stream ends. */
const readLine = (line: Buffer): WatchEvent | StreamEnd | undefined => {
  const text = line.toString('utf8').trim();
  if (text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { reason: 'invalid', message: 'the watch sent a line that is not JSON' };
  }
  if (!isObject(value) || typeof value['type'] !== 'string' || !isObject(value['object'])) {
    return { reason: 'invalid', message: 'the watch sent a line that is not a watch event' };
  }
  const object = value['object'];
  if (value['type'] === 'ERROR') {
    if (object['code'] === 410) return { reason: 'gone' };
    const message = typeof object['message'] === 'string' ? object['message'].slice(0, 500) : 'no message';
    return { reason: 'invalid', message: `the watch ended with an error: ${message}` };
  }
  if (!EVENT_TYPES.has(value['type']) || !isObject(object['metadata'])) {
    return { reason: 'invalid', message: 'the watch sent a line that is not a watch event' };
  }
  return { type: value['type'] as WatchEventType, object: object as unknown as KubeObject };
};

const isEvent = (read: WatchEvent | StreamEnd): read is WatchEvent => 'type' in read;

const readStream = (
  send: (onResponse: (response: IncomingMessage) => void) => ClientRequest,
  server: string,
  path: string,
  limits: WatchLimits,
  handlers: WatchHandlers,
  signal: AbortSignal,
): Promise<StreamEnd> =>
  new Promise<StreamEnd>((resolve) => {
    let done = false;
    let opened = false;
    let request: ClientRequest | undefined;
    const timers: NodeJS.Timeout[] = [];
    let idle: NodeJS.Timeout | undefined;
    const finish = (end: StreamEnd) => {
      if (done) return;
      done = true;
      for (const timer of timers) clearTimeout(timer);
      clearTimeout(idle);
      signal.removeEventListener('abort', onAbort);
      request?.destroy();
      resolve(end);
    };
    const onAbort = () => finish({ reason: 'closed' });
    if (signal.aborted) return resolve({ reason: 'closed' });
    signal.addEventListener('abort', onAbort, { once: true });
    const resetIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => finish({ reason: 'cut', message: `the watch said nothing for ${Math.round(limits.idleMs / 1000)} s` }), limits.idleMs);
    };
    timers.push(
      setTimeout(() => {
        if (!opened) finish({ reason: 'refused', failure: networkFailure(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }), server, limits.connectMs) });
      }, limits.connectMs),
      setTimeout(() => finish({ reason: 'cut', message: 'the watch outlived the time it was asked for' }), limits.maxStreamMs),
    );

    const onResponse = (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_ERROR_BODY) chunks.push(chunk.subarray(0, MAX_ERROR_BODY - size));
          size += chunk.length;
          if (size >= MAX_ERROR_BODY) response.destroy();
        });
        const refuse = () => finish(status === 410 ? { reason: 'gone' } : { reason: 'refused', failure: statusFailure(status, Buffer.concat(chunks).toString('utf8'), path) });
        response.on('end', refuse);
        response.on('close', refuse);
        return;
      }
      opened = true;
      handlers.onOpen();
      resetIdle();
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const tooLarge = () => finish({ reason: 'invalid', message: `the watch sent an event over ${sizeText(limits.maxEventBytes)}, more than tp reads` });
      response.on('data', (chunk: Buffer) => {
        if (done) return;
        resetIdle();
        let start = 0;
        for (let newline = chunk.indexOf(10, start); newline >= 0; newline = chunk.indexOf(10, start)) {
          const part = chunk.subarray(start, newline);
          start = newline + 1;
          if (pendingBytes + part.length > limits.maxEventBytes) return tooLarge();
          const line = pending.length === 0 ? part : Buffer.concat([...pending, part]);
          pending = [];
          pendingBytes = 0;
          const read = readLine(line);
          if (read === undefined) continue;
          if (!isEvent(read)) return finish(read);
          try {
            handlers.onEvent(read);
          } catch (error) {
            return finish({ reason: 'invalid', message: `an event could not be kept: ${(error as Error).message}` });
          }
        }
        const rest = chunk.subarray(start);
        if (rest.length === 0) return;
        if (pendingBytes + rest.length > limits.maxEventBytes) return tooLarge();
        pending.push(rest);
        pendingBytes += rest.length;
      });
      response.on('end', () => finish({ reason: 'closed' }));
      response.on('error', (error) => finish({ reason: 'cut', message: error.message }));
      response.on('close', () => finish({ reason: 'cut', message: 'the connection was closed' }));
    };

    try {
      request = send(onResponse);
    } catch (error) {
      finish({ reason: 'refused', failure: networkFailure(error as NodeJS.ErrnoException, server, limits.connectMs) });
      return;
    }
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish(opened ? { reason: 'cut', message: error.message } : { reason: 'refused', failure: networkFailure(error, server, limits.connectMs) }));
    request.end();
  });

/** A WatchOpener on the server and credentials of `target`, with TLS contexts of its own. */
export const watchStreamsOf = (target: ApiTarget): WatchOpener => {
  const server = target.server.replace(/\/+$/, '');
  const withSecureContext = secureContexts();
  return async (path, limits, handlers, signal) => {
    let prepared: Awaited<ReturnType<typeof requestTo>>;
    try {
      prepared = await requestTo(target.credentials, withSecureContext, server, path, undefined);
    } catch (error) {
      if (error instanceof ApiFailure) return { reason: 'refused', failure: error.failure };
      throw error;
    }
    const { options, transport } = prepared;
    return readStream((onResponse) => transport.request(options, onResponse), server, path, limits, handlers, signal);
  };
};
