// A TCP relay on 127.0.0.1 in front of a local port, to cut a browser's
// connections for real: `down` closes the listener and every connection (the
// browser sees its event stream die and cannot reconnect), `up` listens again
// on the same port.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { listenOnSteadyPort } from './listen-port.js';

export interface TcpRelay {
  readonly port: number;
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

export const startTcpRelay = async (targetPort: number): Promise<TcpRelay> => {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  let port = 0;
  let server: Server | undefined;
  const up = async () => {
    server = createServer((client) => {
      track(client);
      const target = createConnection({ host: '127.0.0.1', port: targetPort });
      track(target);
      client.on('error', () => target.destroy());
      target.on('error', () => client.destroy());
      client.on('close', () => target.destroy());
      target.on('close', () => client.destroy());
      client.pipe(target).pipe(client);
    });
    port = await listenOnSteadyPort(server, port);
  };
  const down = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise((closed) => closing.close(closed));
  };
  await up();
  return {
    get port() {
      return port;
    },
    down,
    up,
    stop: down,
  };
};
