// A port for a test server that goes down and comes back on the same port
// (a cluster gone and back, a network cut): taken below the ephemeral range
// (32768 and up on Linux), so that no outgoing connection of the machine is
// given it while the server is down; and below the NodePort range (30000+),
// where tests serve stand-in apps.
import type { Server } from 'node:net';

const FIRST = 20_000;
const LAST = 29_999;

/** Listens on 127.0.0.1 at `port`, or at a free port of 20000–29999 when `port` is 0; returns the port. */
export const listenOnSteadyPort = async (server: Server, port = 0): Promise<number> => {
  for (let attempt = 0; ; attempt += 1) {
    const candidate = port || FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
    try {
      await new Promise<void>((listening, failed) => {
        server.once('error', failed);
        server.listen(candidate, '127.0.0.1', () => {
          server.removeListener('error', failed);
          listening();
        });
      });
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port !== 0 || attempt > 50) throw error;
    }
  }
};
