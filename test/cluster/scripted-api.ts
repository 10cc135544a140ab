// A stand-in API server on 127.0.0.1 that plays a script of answers, one per
// request (429, 503, a cut connection, silence…), and a kubeconfig for it, so
// the retries and timeouts of api-client.ts can be tested without a cluster.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiTarget } from '../../src/cluster/api-client.js';
import { credentialsOf } from '../../src/cluster/credentials.js';

/** What the server does with one request: answer with a status, cut the connection, never answer, or answer 200 after a while. */
export type ScriptedAnswer = number | 'cut' | 'silence' | { delayMs: number };

export interface ScriptedApi {
  /** The stand-in's address and a token, as makeApiClient takes them. */
  target: ApiTarget;
  /** Requests received, in order, with the time each arrived (ms since start). */
  readonly arrivals: number[];
  stop(): Promise<void>;
}

const answerWith = (status: number, response: ServerResponse): void => {
  const body = status === 200 ? { kind: 'ConfigMapList', items: [] } : { kind: 'Status', message: `scripted ${status}` };
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

/** Serves `script` in order; once it runs out, the last answer repeats. */
export const startScriptedApi = async (script: readonly ScriptedAnswer[]): Promise<ScriptedApi> => {
  const started = Date.now();
  const arrivals: number[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const step = script[Math.min(arrivals.length, script.length - 1)] ?? 200;
    arrivals.push(Date.now() - started);
    if (step === 'cut') request.socket.destroy();
    else if (typeof step === 'object') setTimeout(() => answerWith(200, response), step.delayMs);
    else if (step !== 'silence') answerWith(step, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  const target: ApiTarget = {
    server: `http://127.0.0.1:${port}`,
    credentials: credentialsOf({}, 'scripted', { token: 'not-a-secret' }, () => Promise.reject(new Error('client-node is not needed here'))),
  };
  return {
    target,
    arrivals,
    stop: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
};
