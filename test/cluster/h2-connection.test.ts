// API reads over one HTTP/2 connection, as kubectl keeps one (src/cluster/h2-connection.ts):
// reads asked together travel together, a read over its size cap is cut without cutting the
// others, a server that never answers costs one timeout, and a server that does not speak
// HTTP/2 (a proxy in front of an API server) is read over HTTP/1.1 instead, found out once.
// Stand-in servers on 127.0.0.1 with a certificate made for the test; the live API server
// (HTTP/2) is read the same way by every test under test/live/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerTooLarge, ApiFailure } from '../../src/cluster/api-failure.js';
import { makeApiClient, type ApiTarget } from '../../src/cluster/api-client.js';
import { credentialsOf } from '../../src/cluster/credentials.js';
import { startFarProxy } from '../../bench/far-proxy.mjs';

const dir = mkdtempSync(join(tmpdir(), 'tp-h2-'));
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
const tls = { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };

const LIST = { kind: 'ConfigMapList', items: [] };

/** What the stand-in does with a path: answer after a while, answer a big body, or never answer. */
const play = (path: string, answer: (status: number, body: string) => void): void => {
  if (path.startsWith('/silent')) return;
  if (path.startsWith('/big')) return answer(200, JSON.stringify({ ...LIST, padding: 'x'.repeat(200_000) }));
  if (path.startsWith('/huge')) return answer(200, JSON.stringify({ ...LIST, padding: 'x'.repeat(4_000_000) }));
  const delay = Number(new URL(path, 'https://x').searchParams.get('delay') ?? 0);
  setTimeout(() => answer(200, JSON.stringify(LIST)), delay);
};

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

const targetOf = (port: number): ApiTarget => ({
  server: `https://127.0.0.1:${port}`,
  credentials: credentialsOf({ 'certificate-authority-data': tls.cert.toString('base64') }, 'test', { token: 'not-a-secret' }, () =>
    Promise.reject(new Error('client-node is not needed here')),
  ),
});

const listen = async (server: { listen(port: number, host: string, done: () => void): unknown; address(): AddressInfo | string | null; close(): unknown }) => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  stops.push(() => server.close());
  return (server.address() as AddressInfo).port;
};

/** An HTTP/2 server; counts its connections and the requests it was asked, with their Authorization. */
const h2Server = async () => {
  const seen = { connections: 0, requests: [] as string[] };
  const server = createSecureServer(tls, (request: Http2ServerRequest, response: Http2ServerResponse) => {
    seen.requests.push(`${request.url} ${String(request.headers.authorization)}`);
    play(request.url, (status, body) => response.writeHead(status, { 'content-type': 'application/json' }).end(body));
  });
  server.on('session', (session) => {
    seen.connections += 1;
    stops.push(() => session.destroy());
  });
  return { port: await listen(server), seen };
};

const http1Handler = (seen: { requests: string[] }) => (request: IncomingMessage, response: ServerResponse) => {
  seen.requests.push(request.url ?? '');
  play(request.url ?? '', (status, body) => response.writeHead(status, { 'content-type': 'application/json' }).end(body));
};

const timed = async <T>(work: () => Promise<T>) => {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
};

describe('API reads over HTTP/2', () => {
  it('three reads asked together travel together on one connection, with the credentials', async () => {
    const { port, seen } = await h2Server();
    const client = makeApiClient(targetOf(port), { timeoutMs: 5000 });
    const { ms } = await timed(() => Promise.all([1, 2, 3].map(() => client.getJson('/api/v1/configmaps?delay=300'))));
    // One after the other they would take 900 ms.
    expect(ms).toBeLessThan(700);
    expect(seen.connections).toBe(1);
    expect(seen.requests).toEqual(Array.from({ length: 3 }, () => '/api/v1/configmaps?delay=300 Bearer not-a-secret'));
    expect(client.connectionCount).toBe(1);
    expect(client.requestCount).toBe(3);
  });

  it('a server may not push what was not asked for (a student\'s API server in tp grade)', async () => {
    const pushes: string[] = [];
    const server = createSecureServer(tls, (request: Http2ServerRequest, response: Http2ServerResponse) => {
      try {
        response.createPushResponse({ ':path': '/pushed' }, (error) => pushes.push(error ? ((error as NodeJS.ErrnoException).code ?? 'refused') : 'pushed'));
      } catch (error) {
        pushes.push((error as NodeJS.ErrnoException).code ?? 'refused');
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(LIST));
    });
    server.on('session', (session) => stops.push(() => session.destroy()));
    const client = makeApiClient(targetOf(await listen(server)), { timeoutMs: 5000 });
    await expect(client.getJson('/api/v1/configmaps')).resolves.toEqual(LIST);
    expect(pushes).toEqual(['ERR_HTTP2_PUSH_DISABLED']);
  });

  it('a read over its size cap is cut, and the connection goes on serving the others', async () => {
    const { port, seen } = await h2Server();
    const client = makeApiClient(targetOf(port), { timeoutMs: 5000, maxBodyBytes: 10_000 });
    await expect(client.getJson('/big')).rejects.toBeInstanceOf(AnswerTooLarge);
    await expect(client.getJson('/api/v1/configmaps')).resolves.toEqual(LIST);
    expect(seen.connections).toBe(1);
  });

  it('a server that never answers: the reads fail as timeouts, all within one budget', async () => {
    const { port } = await h2Server();
    const client = makeApiClient(targetOf(port), { timeoutMs: 300, retries: 3, backoffMs: 200 });
    const { result, ms } = await timed(() => Promise.allSettled([1, 2, 3].map(() => client.getJson('/silent'))));
    expect(result.map((r) => (r.status === 'rejected' ? (r.reason as ApiFailure).failure.reason : 'answered'))).toEqual(['timeout', 'timeout', 'timeout']);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(800);
  });
});

const farAway = async (port: number, delayMs: number) => {
  const proxy = await startFarProxy(port, delayMs);
  stops.push(() => void proxy.stop());
  return proxy.port;
};

describe('API reads over HTTP/2 to a server far away', () => {
  it('are all answered, together: one round trip for the lot, not one each', async () => {
    const { port } = await h2Server();
    const client = makeApiClient(targetOf(await farAway(port, 25)), { timeoutMs: 5000 });
    const { result, ms } = await timed(() => Promise.all(Array.from({ length: 8 }, () => client.getJson('/api/v1/configmaps'))));
    expect(result).toEqual(Array.from({ length: 8 }, () => LIST));
    // A round trip is 50 ms: connecting and TLS take a few; eight in a row would take 400 ms more.
    expect(ms).toBeLessThan(600);
  });

  it('may be sent 4 MiB each, 32 MiB in all, before the server waits for tp (HTTP/2\'s 64 KiB: a round trip each)', async () => {
    const windows: Array<{ stream: number | undefined; connection: number | undefined }> = [];
    const server = createSecureServer(tls, (request: Http2ServerRequest, response: Http2ServerResponse) => {
      const { session } = request.stream;
      windows.push({ stream: session?.remoteSettings.initialWindowSize, connection: session?.state.remoteWindowSize });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(LIST));
    });
    server.on('session', (session) => stops.push(() => session.destroy()));
    const client = makeApiClient(targetOf(await listen(server)), { timeoutMs: 5000 });
    await client.getJson('/api/v1/configmaps');
    expect(windows).toEqual([{ stream: 4 * 1024 * 1024, connection: 32 * 1024 * 1024 }]);
  });

  it('a LIST of 4 MB is read whole within its time, not 64 KiB per round trip (64 of them: 3.2 s)', async () => {
    const { port } = await h2Server();
    const client = makeApiClient(targetOf(await farAway(port, 25)), { timeoutMs: 2000, retries: 0 });
    const answer = await client.getJson<{ padding: string }>('/huge');
    expect(answer?.padding.length).toBe(4_000_000);
  });

  it('answers of many frames each are read whole', async () => {
    const { port } = await h2Server();
    const client = makeApiClient(targetOf(await farAway(port, 25)), { timeoutMs: 10_000 });
    const answers = await Promise.all(Array.from({ length: 4 }, () => client.getJson<{ padding: string }>('/big')));
    expect(answers.map((answer) => answer?.padding.length)).toEqual([200_000, 200_000, 200_000, 200_000]);
  });
});

describe('a server that does not speak HTTP/2 is read over HTTP/1.1', () => {
  it('one that refuses it (an HTTPS proxy): found out by the first read, then one kept-alive connection', async () => {
    const seen = { requests: [] as string[], refusedHttp2: 0 };
    const server = createHttpsServer(tls, http1Handler(seen));
    server.on('tlsClientError', () => {
      seen.refusedHttp2 += 1;
    });
    const client = makeApiClient(targetOf(await listen(server)), { timeoutMs: 5000 });
    await Promise.all([1, 2, 3].map(() => client.getJson('/api/v1/configmaps')));
    await client.getJson('/api/v1/configmaps');
    expect(seen.requests).toHaveLength(4);
    // The one connection that offered HTTP/2, refused, then HTTP/1.1's.
    expect(seen.refusedHttp2).toBe(1);
    expect(client.connectionCount).toBe(2);
  });

  it('one that ignores the protocols offered (TLS without ALPN)', async () => {
    const seen = { requests: [] as string[] };
    const http1 = createHttpServer(http1Handler(seen));
    const server = createTlsServer(tls, (socket) => http1.emit('connection', socket));
    const client = makeApiClient(targetOf(await listen(server)), { timeoutMs: 5000 });
    await expect(Promise.all([1, 2].map(() => client.getJson('/api/v1/configmaps')))).resolves.toEqual([LIST, LIST]);
    expect(seen.requests).toHaveLength(2);
  });
});

describe('the connection opened ahead of the reads (while tp reads the answers)', () => {
  it('is the one the reads then take: one connection, no request of its own, its handshake done before the first read', async () => {
    const { port, seen } = await h2Server();
    const client = makeApiClient(targetOf(port), { timeoutMs: 5000 });
    client.connectAhead?.();
    // The server meets the connection before any read is asked.
    await expect.poll(() => seen.connections).toBe(1);
    expect(seen.requests).toEqual([]);
    await Promise.all([1, 2].map(() => client.getJson('/api/v1/configmaps')));
    expect(seen.connections).toBe(1);
    expect(client.connectionCount).toBe(1);
    expect(client.requestCount).toBe(2);
  });

  it('to a server that does not speak HTTP/2, or to none, costs the reads nothing: they go as they would have', async () => {
    const seen = { requests: [] as string[] };
    const client = makeApiClient(targetOf(await listen(createHttpsServer(tls, http1Handler(seen)))), { timeoutMs: 5000 });
    client.connectAhead?.();
    await expect(client.getJson('/api/v1/configmaps')).resolves.toEqual(LIST);
    expect(seen.requests).toEqual(['/api/v1/configmaps']);
    const closed = await listen(createHttpServer());
    stops.pop()?.();
    const nowhere = makeApiClient(targetOf(closed), { timeoutMs: 2000, retries: 0 });
    nowhere.connectAhead?.();
    await expect(nowhere.getJson('/api/v1/configmaps')).rejects.toThrow(ApiFailure);
  });
});
