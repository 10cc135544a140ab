// A TCP proxy on 127.0.0.1 that holds every chunk of bytes, both ways, for a while: a server
// far away (a round trip of twice the delay). TLS passes through untouched, so a kubeconfig
// pointing at it verifies the API server's certificate (it names 127.0.0.1).
import { createConnection, createServer, type Socket } from 'node:net';

export interface FarProxy {
  port: number;
  stop(): Promise<void>;
}

export const startFarProxy = async (upstreamPort: number, delayMs: number): Promise<FarProxy> => {
  const sockets = new Set<Socket>();
  const delayed = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => setTimeout(() => to.write(chunk), delayMs));
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
    from.on('close', () => sockets.delete(from));
    sockets.add(from);
  };
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: upstreamPort });
    delayed(client, upstream);
    delayed(upstream, client);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: (server.address() as { port: number }).port,
    stop: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
};
