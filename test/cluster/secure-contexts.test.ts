// The TLS contexts of an API client: built once per set of certificates, built
// again when a certificate changes on disk (it is read at every request).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secureContexts } from '../../src/cluster/secure-contexts.js';

const selfSigned = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', `/CN=${name}`], { stdio: 'ignore' });
  return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
};

describe('TLS contexts of one client', () => {
  const server = selfSigned('server');
  const alice = selfSigned('alice');
  const renewed = selfSigned('alice');

  it('are built once for the same CA, certificate and key, read again at each request', () => {
    const withContext = secureContexts();
    const first = { ca: Buffer.from(server.cert), cert: Buffer.from(alice.cert), key: Buffer.from(alice.key) };
    const second = { ca: Buffer.from(server.cert), cert: Buffer.from(alice.cert), key: Buffer.from(alice.key) };
    withContext(first);
    withContext(second);
    expect((first as { secureContext?: unknown }).secureContext).toBeDefined();
    expect((second as { secureContext?: unknown }).secureContext).toBe((first as { secureContext?: unknown }).secureContext);
  });

  it('are built anew for a renewed certificate, and per client', () => {
    const withContext = secureContexts();
    const before = { ca: server.cert, cert: alice.cert, key: alice.key };
    const after = { ca: server.cert, cert: renewed.cert, key: renewed.key };
    withContext(before);
    withContext(after);
    const other = { ca: server.cert, cert: alice.cert, key: alice.key };
    secureContexts()(other);
    const contextOf = (request: object) => (request as { secureContext?: unknown }).secureContext;
    expect(contextOf(after)).not.toBe(contextOf(before));
    expect(contextOf(other)).not.toBe(contextOf(before));
  });

  it('a broken key is refused when the request is made, as Node would', () => {
    expect(() => secureContexts()({ cert: alice.cert, key: Buffer.from('not a key') })).toThrow();
  });
});
