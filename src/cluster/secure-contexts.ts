// TLS contexts of one API client, one per set of certificates. Node would build a
// context from the PEM texts at every connection (parse the CA, the client
// certificate and its key, build the trust store): that was the largest part of
// what a connection cost tp. The files are still read at every request, so a
// certificate renewed on disk is used at the next request (its context is new).
import { createHash } from 'node:crypto';
import type { RequestOptions } from 'node:https';
import { createSecureContext, type SecureContext } from 'node:tls';

/** Contexts beyond this are certificates changing all the time: the oldest is dropped. */
const MAX_CONTEXTS = 16;

/** An HTTPS request's options: Node hands `secureContext` on to tls.connect. */
type TlsRequest = RequestOptions & { secureContext?: SecureContext };

/** Returns a function that sets `secureContext` on a request from its `ca`, `cert` and `key`. */
export const secureContexts = (): ((request: TlsRequest) => void) => {
  const contexts = new Map<string, SecureContext>();
  return (request) => {
    const { ca, cert, key } = request;
    // Only what credentials.ts sets (buffers): anything else is left to Node.
    const parts = [ca, cert, key];
    if (request.secureContext !== undefined || !parts.every((part) => part === undefined || Buffer.isBuffer(part))) return;
    const digest = createHash('sha256');
    for (const part of parts as Array<Buffer | undefined>) digest.update(part === undefined ? 'none:' : `${part.length}:`).update(part ?? '');
    const id = digest.digest('hex');
    let context = contexts.get(id);
    if (context === undefined) {
      context = createSecureContext({ ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) });
      if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value as string);
      contexts.set(id, context);
    }
    request.secureContext = context;
  };
};
