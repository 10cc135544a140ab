// The API server's service proxy answers for the app when it can, and for itself
// when it cannot: a Kubernetes Status object ({"kind":"Status","message":…}) whose
// message says why (no endpoints, a pod that refused the connection…). That is
// turned into a failure code here, never shown as JSON; any other answer is the
// app's own, whatever its status.
import type { HttpFailure } from './http-types.js';
import { shortened } from '../core/quote.js';

/** What of the proxy's message a report may quote: one short line. */
const MESSAGE_MAX = 120;

/** The Status message of an answer, when the answer is a Status object; only its head is parsed. */
const statusMessage = (body: string): string | undefined => {
  if (!body.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(body) as { kind?: unknown; message?: unknown };
    return parsed.kind === 'Status' ? (typeof parsed.message === 'string' ? parsed.message : '') : undefined;
  } catch {
    return undefined;
  }
};

/** The address the proxy dialled (`dial tcp 10.244.2.72:8080: …`), as it wrote it. */
const dialled = (message: string): string | undefined => /dial tcp (\S{1,64}?): /.exec(message)?.[1];

/**
 * The proxy's own refusal, as a failure; undefined when the answer is the app's. `status` is the
 * HTTP status of the answer, `body` its first bytes.
 */
export const proxyRefusal = (status: number, body: string): HttpFailure | undefined => {
  if (status < 400) return undefined;
  const found = statusMessage(body);
  if (found === undefined) return undefined;
  const message = found.slice(0, 1000);
  const target = dialled(message);
  const at = target === undefined ? {} : { target };
  if (status === 403) return { code: 'forbidden' };
  if (/no endpoints available/i.test(message)) return { code: 'no-endpoints' };
  if (/connection refused/i.test(message)) return { code: 'refused', ...at };
  if (/connection reset|broken pipe|\bEOF\b/i.test(message)) return { code: 'reset', ...at };
  if (/no route to host|host is unreachable|network is unreachable/i.test(message)) return { code: 'host-unreachable', ...at };
  if (/i\/o timeout|deadline exceeded|timed out/i.test(message)) return { code: 'timeout', ...at };
  return { code: 'proxy-error', status, message: shortened(message, MESSAGE_MAX) };
};
