// A TCP proxy on 127.0.0.1 in front of the local API server, to play a sick or
// dying cluster: it can hold every new connection for a while (a slow API),
// and stop at once, cutting what is in flight and refusing what comes next
// (the API server killed). TLS passes through untouched: the API server's
// certificate names 127.0.0.1, so a kubeconfig pointing at the proxy verifies.
// client-node makes a new agent per request, so each request is a new
// connection here and the delay applies to every request.
import { readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { parseDocument } from 'yaml';

export interface FaultProxy {
  /** `https://127.0.0.1:<port>`, for kubeconfigs. */
  readonly server: string;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Milliseconds each new connection waits before anything goes through. */
  delayMs: number;
  /** Writes a copy of `kubeconfig` whose clusters all point at the proxy. */
  writeKubeconfig(kubeconfig: string, file: string): void;
  /** Cuts every connection in flight (watches included) but keeps listening: a network blip. */
  cutConnections(): void;
  /** Cuts every connection and stops listening: from now on, connections are refused. */
  stop(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/;

/** Where the current cluster of `kubeconfig` listens; only a loopback API server can be fronted. */
const upstreamOf = (kubeconfig: string): { host: string; port: number } => {
  const doc = parseDocument(readFileSync(kubeconfig, 'utf8')).toJS() as { clusters: Array<{ cluster: { server: string } }> };
  const url = new URL(doc.clusters[0]?.cluster.server ?? '');
  if (!LOOPBACK.test(url.hostname)) throw new Error(`the fault proxy only fronts a local API server, not ${url.hostname}`);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443) };
};

export const startFaultProxy = async (kubeconfig: string, options: { delayMs?: number } = {}): Promise<FaultProxy> => {
  const upstream = upstreamOf(kubeconfig);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  let connections = 0;
  let stopped = false;

  const server = createServer((client) => {
    connections += 1;
    track(client);
    client.pause();
    client.on('error', () => client.destroy());
    setTimeout(() => {
      if (stopped || client.destroyed) return;
      const api = createConnection(upstream);
      track(api);
      api.on('error', () => client.destroy());
      client.on('close', () => api.destroy());
      api.on('close', () => client.destroy());
      client.pipe(api).pipe(client);
      client.resume();
    }, proxy.delayMs);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };

  const proxy: FaultProxy = {
    server: `https://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    delayMs: options.delayMs ?? 0,
    writeKubeconfig(source, file) {
      const doc = parseDocument(readFileSync(source, 'utf8'));
      const clusters = doc.get('clusters');
      const count = (clusters as { items?: unknown[] } | undefined)?.items?.length ?? 0;
      for (let i = 0; i < count; i += 1) doc.setIn(['clusters', i, 'cluster', 'server'], proxy.server);
      writeFileSync(file, doc.toString());
    },
    cutConnections() {
      for (const socket of sockets) socket.destroy();
    },
    stop: () =>
      new Promise<void>((closed) => {
        stopped = true;
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
  return proxy;
};
