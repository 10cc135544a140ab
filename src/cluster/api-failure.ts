// How a failed request to the API server is said: a ReadFailure (forbidden,
// timeout, unreachable, other) with a message the user can act on, carried by
// an ApiFailure so list-kind.ts can turn it into an `error` check.
import type { ReadFailure } from './types.js';
import { redactCredentialsIn } from './redact-credentials.js';
import { oneLine } from '../core/clean-text.js';
import { shortened } from '../core/quote.js';

export class ApiFailure extends Error {
  readonly failure: ReadFailure;

  constructor(
    failure: ReadFailure,
    readonly status?: number,
  ) {
    // The API server echoes what it was sent, and a server URL may hold `user:pass@`; what it says
    // is quoted inside one line of tp's (a student's server writing line breaks prints no line of its own).
    const message = oneLine(redactCredentialsIn(failure.message));
    super(message);
    this.failure = { ...failure, message };
    this.name = 'ApiFailure';
  }
}

/** A size as people read it: `64 MiB`, `512 KiB`, `300 bytes`. */
export const sizeText = (bytes: number): string => {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  return bytes >= 1024 ? `${Math.round((bytes / 1024) * 10) / 10} KiB` : `${bytes} bytes`;
};

/** An answer longer than the client reads: said, never parsed from its first bytes as if whole. */
export class AnswerTooLarge extends ApiFailure {
  constructor(
    readonly path: string,
    readonly capBytes: number,
  ) {
    super({ reason: 'other', message: `GET ${path}: the answer is over ${sizeText(capBytes)}, more than tp reads` });
    this.name = 'AnswerTooLarge';
  }
}

/** A request that got no HTTP answer: timed out, cut, refused, or else. */
export const networkFailure = (error: NodeJS.ErrnoException, server: string, timeoutMs: number): ReadFailure => {
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

/** What of an API server's message is quoted: a Kubernetes Status says why in a sentence. */
const STATUS_QUOTE_MAX = 200;

/** The `message` of a Kubernetes Status answer, one line and short; nothing of any other answer. */
export const statusMessage = (body: string): string => {
  try {
    const parsed: unknown = JSON.parse(body);
    const message = parsed !== null && typeof parsed === 'object' ? (parsed as { message?: unknown }).message : undefined;
    return typeof message === 'string' ? shortened(message, STATUS_QUOTE_MAX) : '';
  } catch {
    // Not the API server speaking (a proxy's page, a metadata service): quoted, it would carry what tp was never meant to read.
    return '';
  }
};

/** An answer that is not a success, with the API server's own message when it gave one. */
export const statusFailure = (status: number, body: string, path: string, tries = 1): ReadFailure => {
  const detail = statusMessage(body);
  if (status === 403) return { reason: 'forbidden', message: detail || `forbidden: GET ${path}` };
  if (status === 401) return { reason: 'forbidden', message: `unauthorized: the credentials of this context were refused (${detail})` };
  const after = tries > 1 ? ` (after ${tries} tries)` : '';
  return { reason: 'other', message: `GET ${path} answered ${status}${detail ? `: ${detail}` : ''}${after}` };
};
