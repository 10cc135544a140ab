// A stand-in API server on 127.0.0.1 whose every answer a test decides: what a
// student's own (or crafted) API server may send — endless pages, huge objects,
// error messages with line breaks, nodes with any address. Plain HTTP with a
// token; `kubeconfigText` makes a kubeconfig that points tp at it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What the stub does with one request. */
export type StubAnswer =
  | { status: number; json: unknown }
  | { status: number; body: string; contentType?: string }
  /** Writes the answer itself (a stream of pages, a trickle). */
  | { stream: (response: ServerResponse) => void }
  | 'silence';

export interface StubRequest {
  path: string;
  query: URLSearchParams;
}

export interface StubApi {
  /** `http://127.0.0.1:<port>` */
  server: string;
  /** Requests received, in order (path and query). */
  readonly requests: string[];
  stop(): Promise<void>;
}

export const startStubApi = async (answer: (request: StubRequest) => StubAnswer): Promise<StubApi> => {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    requests.push(`${url.pathname}${url.search}`);
    const step = answer({ path: url.pathname, query: url.searchParams });
    if (step === 'silence') return;
    if ('stream' in step) {
      step.stream(response);
      return;
    }
    const body = 'json' in step ? JSON.stringify(step.json) : step.body;
    const type = 'json' in step ? 'application/json' : (step.contentType ?? 'text/plain');
    response.writeHead(step.status, { 'content-type': type }).end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  return {
    server: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
};

/** A one-context kubeconfig for `server`, with an inline token (what a cohort accepts from a student). */
export const kubeconfigText = (server: string, options: { context?: string; namespace?: string } = {}): string => {
  const context = JSON.stringify(options.context ?? 'stub');
  const namespace = options.namespace === undefined ? '' : `, namespace: ${JSON.stringify(options.namespace)}`;
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${context}`,
    `clusters: [{name: stub, cluster: {server: ${JSON.stringify(server)}}}]`,
    `contexts: [{name: ${context}, context: {cluster: stub, user: student${namespace}}}]`,
    'users: [{name: student, user: {token: not-a-secret}}]',
    '',
  ].join('\n');
};

/** A LIST answer of `items`, with a `continue` token when one is given. */
export const listAnswer = (items: unknown[], next?: string): StubAnswer => ({
  status: 200,
  json: { kind: 'List', apiVersion: 'v1', metadata: next === undefined ? {} : { continue: next }, items },
});

/** The kind (plural) and namespace a LIST path asks for, or undefined for any other path. */
export const listOf = (path: string): { kind: string; namespace?: string } | undefined => {
  const match = /^\/apis?(?:\/[^/]+)?\/v1(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(path);
  if (!match) return undefined;
  return { kind: match[2] as string, ...(match[1] === undefined ? {} : { namespace: decodeURIComponent(match[1]) }) };
};
