// A stand-in API server on 127.0.0.1 that answers discovery as a test scripts
// it (a document, a status, silence, a flood), and records what was asked: for
// the hostile answers a student's API server may give. The real API server's
// discovery is tested in test/live/discovery.test.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { makeApiClient, type ApiClient, type ApiClientOptions } from '../../src/cluster/api-client.js';
import { credentialsOf } from '../../src/cluster/credentials.js';

export type StubAnswer =
  | { status: number; json: unknown }
  | { status: number; text: string }
  /** Writes `bytes` bytes of JSON-looking filler. */
  | { flood: number }
  | 'silence';

export interface StubDiscovery {
  client(options?: Partial<ApiClientOptions>): ApiClient;
  /** Paths asked, in order, with the Accept header each came with. */
  readonly asked: Array<{ path: string; accept: string }>;
  stop(): Promise<void>;
}

const CHUNK = Buffer.alloc(1024 * 1024, 0x20);

const answer = (response: ServerResponse, step: StubAnswer): void => {
  if (step === 'silence') return;
  if ('flood' in step) {
    response.writeHead(200, { 'content-type': 'application/json' });
    let left = step.flood;
    const more = () => {
      while (left > 0) {
        const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, left));
        left -= chunk.length;
        if (!response.write(chunk)) return void response.once('drain', more);
      }
      response.end();
    };
    more();
    return;
  }
  const body = 'json' in step ? JSON.stringify(step.json) : step.text;
  response.writeHead(step.status, { 'content-type': 'application/json' }).end(body);
};

/** Serves `route(path)` for each request; an unknown path is a 404. */
export const startStubDiscovery = async (route: (path: string) => StubAnswer | undefined): Promise<StubDiscovery> => {
  const asked: Array<{ path: string; accept: string }> = [];
  const sockets = new Set<Socket>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '';
    asked.push({ path, accept: request.headers.accept ?? '' });
    answer(response, route(path) ?? { status: 404, json: { kind: 'Status', message: 'not found' } });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  const credentials = credentialsOf({}, 'stub', { token: 'not-a-secret' }, () => Promise.reject(new Error('client-node is not needed here')));
  return {
    asked,
    client: (options = {}) => makeApiClient({ server: `http://127.0.0.1:${port}`, credentials }, { retries: 0, timeoutMs: 5000, ...options }),
    stop: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
};

/** One resource of an aggregated discovery document. */
export const aggregatedResource = (resource: string, kind: string, extra: Record<string, unknown> = {}) => ({
  resource,
  responseKind: { group: '', version: '', kind },
  scope: 'Namespaced',
  singularResource: kind.toLowerCase(),
  verbs: ['get', 'list', 'watch'],
  ...extra,
});

/** An APIGroupDiscoveryList of `groups`: name → version → resources. */
export const aggregated = (groups: Record<string, Record<string, unknown[]>>) => ({
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  metadata: {},
  items: Object.entries(groups).map(([name, versions]) => ({
    metadata: { name },
    versions: Object.entries(versions).map(([version, resources]) => ({ version, resources, freshness: 'Current' })),
  })),
});
