// A cluster far away, for the benchmarks: a TCP proxy on 127.0.0.1 in front of the local API
// server holds every chunk of bytes, both ways, for `delayMs` (a round trip of 2 × delayMs), TLS
// passing through untouched; and a copy of the kubeconfig that points at it. The proxy runs in
// the bench's own process: run the commands it times with spawn, never spawnSync.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Resolves with { kubeconfig: the far copy's path, close() }. `onChunk(connection, direction, bytes)`
 * hears each chunk as it reaches the proxy ('->' towards the server, '<-' towards the client).
 */
export const farKubeconfig = async (kubeconfig, delayMs, onChunk = () => {}) => {
  const text = readFileSync(kubeconfig, 'utf8');
  const upstream = new URL(/server: (\S+)/.exec(text)[1]);
  if (upstream.hostname !== '127.0.0.1') throw new Error(`the proxy only fronts a local API server, not ${upstream.hostname}`);
  // Each chunk leaves delayMs after it came, in order.
  const delayed = (from, to, connection, direction) => {
    from.on('data', (chunk) => {
      onChunk(connection, direction, chunk.length);
      setTimeout(() => to.write(chunk), delayMs);
    });
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
  };
  const sockets = new Set();
  let connections = 0;
  const proxy = createServer((client) => {
    connections += 1;
    const server = createConnection({ host: upstream.hostname, port: Number(upstream.port) });
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    delayed(client, server, connections, '->');
    delayed(server, client, connections, '<-');
  });
  await new Promise((listening) => proxy.listen(0, '127.0.0.1', listening));
  const far = join(mkdtempSync(join(tmpdir(), 'tp-far-')), 'kubeconfig');
  writeFileSync(far, text.replace(upstream.origin, `https://127.0.0.1:${proxy.address().port}`));
  return {
    kubeconfig: far,
    close: () => {
      for (const socket of sockets) socket.destroy();
      proxy.close();
    },
  };
};
