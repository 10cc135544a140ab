// Answers read as streams with a size cap and one deadline: an API answer over
// the cap is an error (never a truncated JSON parsed as if whole), an app's
// answer is judged on its first bytes and says so, a trickling server is cut.
import { createServer, request, type Server } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { boundedGet } from '../../src/cluster/bounded-get.js';
import { makeApiClient } from '../../src/cluster/api-client.js';
import { credentialsOf } from '../../src/cluster/credentials.js';
import { listKind } from '../../src/cluster/list-kind.js';
import { makeHttpProbe, MAX_HTTP_BODY_BYTES } from '../../src/cluster/http-probe.js';
import { builtinKind } from '../support/kinds.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((closed) => server?.close(closed));
  server = undefined;
});

/** A server on 127.0.0.1 that answers `size` bytes of `fill` (in chunks), counting what it managed to send. */
const serve = async (size: number, fill = 'x'): Promise<{ port: number; sent: () => number }> => {
  let sent = 0;
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const chunk = fill.repeat(64 * 1024);
    const write = () => {
      while (sent < size) {
        const part = chunk.slice(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!response.write(part)) return void response.once('drain', write);
      }
      response.end();
    };
    response.on('error', () => {});
    write();
  });
  await new Promise<void>((listening) => server?.listen(0, '127.0.0.1', listening));
  return { port: (server.address() as { port: number }).port, sent: () => sent };
};

const target = (port: number) => ({
  server: `http://127.0.0.1:${port}`,
  credentials: credentialsOf({}, 'test', { token: 'not-a-secret' }, () => Promise.reject(new Error('not needed'))),
});

describe('boundedGet', () => {
  it('keeps the first maxBody bytes of a longer answer, marks it truncated and stops reading', async () => {
    const { port, sent } = await serve(64 * 1024 * 1024);
    const answer = await boundedGet((onResponse) => request(`http://127.0.0.1:${port}/`, onResponse), 10_000, 1000);
    expect(answer.body).toHaveLength(1000);
    expect(answer.truncated).toBe(true);
    // The rest was never read: the server could not push its 64 MiB through.
    expect(sent()).toBeLessThan(64 * 1024 * 1024);
  });

  it('an answer within the cap is whole and not marked', async () => {
    const { port } = await serve(1000);
    const answer = await boundedGet((onResponse) => request(`http://127.0.0.1:${port}/`, onResponse), 10_000, 1000);
    expect(answer).toEqual({ status: 200, body: 'x'.repeat(1000) });
  });
});

describe('an API LIST over the cap', () => {
  it('is an error result naming the kind and the cap', async () => {
    // A valid start of a ConfigMapList, cut: parsing it would be wrong, not just fail.
    const { port } = await serve(4096, ' ');
    const client = makeApiClient(target(port), { maxBodyBytes: 2048, retries: 0 });
    expect(await listKind(client, builtinKind('configmaps'), 'alice')).toEqual({
      ok: false,
      failure: { reason: 'other', overCap: true, message: 'list configmaps in alice: the answer is over 2 KiB, more than tp reads; nothing of it was graded' },
    });
  });
});

describe("an app's HTTP answer over the cap", () => {
  it('is judged on its first bytes, and the answer says it was cut', async () => {
    const { port } = await serve(MAX_HTTP_BODY_BYTES * 4, 'Hello Kubernetes! ');
    const probe = makeHttpProbe(makeApiClient(target(port)), 'nodeport', 10_000);
    const answer = await probe.get({ namespace: 'alice', service: 'app', port: 8000, nodePort: port, nodeAddresses: ['127.0.0.1'], nodes: [], path: '/' });
    expect(answer).toMatchObject({ reached: true, status: 200, truncated: true });
    expect(answer.reached && Buffer.byteLength(answer.body)).toBe(MAX_HTTP_BODY_BYTES);
  });
});

describe('two GETs of a node port', () => {
  it('each open their own connection: after the app behind the port changed, the new one answers', async () => {
    // The first app keeps each connection open for the next request, as nginx does (a plain
    // TCP server: closing its listener leaves those connections open, as a DNAT entry does).
    const kept = new Set<Socket>();
    const first = createNetServer((socket) => {
      kept.add(socket);
      socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nfirst'));
    });
    await new Promise<void>((listening) => first.listen(0, '127.0.0.1', listening));
    const port = (first.address() as { port: number }).port;
    const probe = makeHttpProbe(makeApiClient(target(port)), 'nodeport', 10_000);
    const ask = () => probe.get({ namespace: 'alice', service: 'app', port: 80, nodePort: port, nodeAddresses: ['127.0.0.1'], nodes: [], path: '/' });
    try {
      expect(await ask()).toMatchObject({ reached: true, body: 'first' });
      // Another app takes the port; the first one's open connections live on (close's callback
      // would wait for them: it is not awaited).
      first.close();
      server = createServer((_request, response) => response.end('second'));
      await new Promise<void>((listening) => server?.listen(port, '127.0.0.1', listening));
      expect(await ask()).toMatchObject({ reached: true, body: 'second' });
    } finally {
      for (const socket of kept) socket.destroy();
    }
  });
});
