// A server far away, for the benchmarks and the tests: a TCP proxy on 127.0.0.1 holds every
// chunk of bytes, both ways, for `delayMs` (a round trip of 2 × delayMs), TLS passing through
// untouched (a kubeconfig pointing at it verifies the API server's certificate, which names
// 127.0.0.1); and, for a local cluster, a copy of its kubeconfig that points at it. The proxy
// runs in the caller's process: run the commands it serves with spawn, never spawnSync.
// Types: far-proxy.d.mts (test/cluster/h2-connection.test.ts, test/live/reliability-slow-api.test.ts).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Resolves with { port, stop() } of a proxy in front of 127.0.0.1:upstreamPort. `onChunk(connection,
 * direction, bytes)` hears each chunk as it reaches the proxy ('->' towards the server, '<-' back).
 */
export const startFarProxy = async (upstreamPort, delayMs, onChunk = () => {}) => {
  const sockets = new Set();
  // Each chunk leaves delayMs after it came, in order.
  const delayed = (from, to, connection, direction) => {
    from.on('data', (chunk) => {
      onChunk(connection, direction, chunk.length);
      setTimeout(() => to.write(chunk), delayMs);
    });
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
    from.on('close', () => sockets.delete(from));
    sockets.add(from);
  };
  let connections = 0;
  const server = createServer((client) => {
    connections += 1;
    const upstream = createConnection({ host: '127.0.0.1', port: upstreamPort });
    delayed(client, upstream, connections, '->');
    delayed(upstream, client, connections, '<-');
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: server.address().port,
    stop: () =>
      new Promise((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
};

/** Resolves with { kubeconfig: the far copy's path, close() } for a kubeconfig of a local API server. */
export const farKubeconfig = async (kubeconfig, delayMs, onChunk = () => {}) => {
  const text = readFileSync(kubeconfig, 'utf8');
  const upstream = new URL(/server: (\S+)/.exec(text)[1]);
  if (upstream.hostname !== '127.0.0.1') throw new Error(`the proxy only fronts a local API server, not ${upstream.hostname}`);
  const proxy = await startFarProxy(Number(upstream.port), delayMs, onChunk);
  const far = join(mkdtempSync(join(tmpdir(), 'tp-far-')), 'kubeconfig');
  writeFileSync(far, text.replace(upstream.origin, `https://127.0.0.1:${proxy.port}`));
  return { kubeconfig: far, close: () => void proxy.stop() };
};
