// One HTTP GET bounded as a whole: connecting, a TLS handshake, a trickled
// answer, all of it within `timeoutMs` of its having a connection. A server that stalls is cut when the
// time is up, not when it goes quiet. The API client and the HTTP probe both
// reach servers through this, so `--timeout` means the same for both.
import type { ClientRequest, IncomingMessage } from 'node:http';

export interface BoundedAnswer {
  status: number;
  body: string;
  /** The answer was longer than `maxBody`: `body` is its first `maxBody` bytes, the rest was never read. */
  truncated?: true;
}

/** A body read up to `maxBody` bytes (over HTTP/1.1 here, over HTTP/2 in h2-connection.ts). */
export const boundedBody = (maxBody: number) => {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    /** Keeps the chunk, or its first bytes when it goes past the cap: then false, and the rest is not to be read. */
    add(chunk: Buffer): boolean {
      const room = maxBody - size;
      if (chunk.length <= room) {
        chunks.push(chunk);
        size += chunk.length;
        return true;
      }
      chunks.push(chunk.subarray(0, room));
      return false;
    },
    answer: (status: number, truncated = false): BoundedAnswer => ({ status, body: Buffer.concat(chunks).toString('utf8'), ...(truncated ? { truncated: true as const } : {}) }),
  };
};

/** The code of the error a request cut by its deadline rejects with. */
export const TIMED_OUT = 'ETIMEDOUT';

/**
 * `send` starts the request (http.request or https.request with its options).
 * The body is kept up to `maxBody` bytes; past that the connection is closed
 * (a server sending gigabytes costs nothing more) and the answer is marked
 * `truncated`: the caller decides whether its first bytes are enough.
 */
export const boundedGet = (
  send: (onResponse: (response: IncomingMessage) => void) => ClientRequest,
  timeoutMs: number,
  maxBody = Number.POSITIVE_INFINITY,
): Promise<BoundedAnswer> =>
  new Promise<BoundedAnswer>((resolve, reject) => {
    const timeout = Object.assign(new Error('timeout'), { code: TIMED_OUT });
    let timedOut = false;
    // Whatever the request was doing when cut (a TLS handshake, half a body), the cause is the timeout.
    const fail = (error: Error) => reject(timedOut ? timeout : error);
    const request = send((response) => {
      const body = boundedBody(maxBody);
      const status = response.statusCode ?? 0;
      response.on('data', (chunk: Buffer) => {
        if (body.add(chunk)) return;
        resolve(body.answer(status, true));
        request.destroy();
      });
      response.on('end', () => resolve(body.answer(status)));
      response.on('error', fail);
    });
    // From the moment the request has its connection: one waiting for a kept-alive connection in
    // use (api-client.ts) is not charged for the wait, which the request ahead bounds.
    let timer: NodeJS.Timeout | undefined;
    request.once('socket', () => {
      timer = setTimeout(() => {
        timedOut = true;
        request.destroy(timeout);
      }, timeoutMs);
    });
    request.on('close', () => clearTimeout(timer));
    request.on('error', fail);
    request.end();
  });
