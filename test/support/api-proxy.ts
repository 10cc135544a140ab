// An HTTP proxy on 127.0.0.1 in front of the local API server, for the live
// class's fault cases and its benchmark. tp talks plain HTTP to it (a
// kubeconfig with `server: http://127.0.0.1:<port>` and no credentials); it
// forwards each request over HTTPS with the kubeconfig's own credentials.
// Being an HTTP proxy, it sees each request (so it counts LISTs and WATCHes),
// and it can play what a TCP proxy cannot: an API server restarted (every
// stream cut, refused for a while, then 410 Gone to every watch from a
// resourceVersion of before the restart until the client lists again) and a
// cluster gone for good (down) or back (up, on the same port).
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { parseDocument } from 'yaml';
import { listenOnSteadyPort } from './listen-port.js';

export interface ProxiedRequest {
  verb: 'list' | 'watch' | 'get';
  /** The path without its query. */
  path: string;
  at: number;
}

export interface ApiProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly server: string;
  /** Every request forwarded or refused, in order. */
  readonly requests: readonly ProxiedRequest[];
  /** Writes a kubeconfig whose one context reaches the API server through this proxy. */
  writeKubeconfig(file: string, namespace?: string): void;
  /** Cuts every connection in flight (watches included); new ones go through: a network blip. */
  cutConnections(): void;
  /** An API server restart: cuts everything, refuses for `downMs`, then answers 410 to watches from before. */
  restart(downMs: number): Promise<void>;
  /** Stops listening and cuts everything: the cluster is gone. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

interface Upstream {
  host: string;
  port: number;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost)$/;

const upstreamOf = (kubeconfig: string): Upstream => {
  const doc = parseDocument(readFileSync(kubeconfig, 'utf8')).toJS() as {
    clusters: Array<{ cluster: Record<string, string> }>;
    users: Array<{ user: Record<string, string> }>;
  };
  const cluster = doc.clusters[0]?.cluster ?? {};
  const user = doc.users[0]?.user ?? {};
  const url = new URL(cluster['server'] ?? '');
  if (!LOOPBACK.test(url.hostname)) throw new Error(`the API proxy only fronts a local API server, not ${url.hostname}`);
  const data = (field: string | undefined) => (field === undefined ? undefined : Buffer.from(field, 'base64'));
  return {
    host: url.hostname,
    port: Number(url.port || 443),
    ...(cluster['certificate-authority-data'] ? { ca: data(cluster['certificate-authority-data']) } : {}),
    ...(user['client-certificate-data'] ? { cert: data(user['client-certificate-data']) } : {}),
    ...(user['client-key-data'] ? { key: data(user['client-key-data']) } : {}),
  };
};

const GONE = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version (the API server restarted)', reason: 'Expired', code: 410 });

export const startApiProxy = async (kubeconfig: string): Promise<ApiProxy> => {
  const upstream = upstreamOf(kubeconfig);
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  /** After a restart: the paths whose watches get 410 until they are listed again. */
  let staleSince: number | undefined;
  const listedSince = new Set<string>();
  let port = 0;

  const handle = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const url = new URL(incoming.url ?? '/', 'http://proxy');
    const watch = url.searchParams.get('watch') === '1' || url.searchParams.get('watch') === 'true';
    const list = !watch && /\/(namespaces\/[^/]+\/)?[a-z]+$/.test(url.pathname) && !/\/namespaces\/[^/]+$/.test(url.pathname);
    requests.push({ verb: watch ? 'watch' : list ? 'list' : 'get', path: url.pathname, at: Date.now() });
    if (staleSince !== undefined) {
      if (list) listedSince.add(url.pathname);
      else if (watch && !listedSince.has(url.pathname)) {
        outgoing.writeHead(410, { 'content-type': 'application/json' }).end(GONE);
        return;
      }
    }
    const forwarded = httpsRequest(
      {
        host: upstream.host,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: `${upstream.host}:${upstream.port}` },
        ...(upstream.ca ? { ca: upstream.ca } : {}),
        ...(upstream.cert ? { cert: upstream.cert } : {}),
        ...(upstream.key ? { key: upstream.key } : {}),
        agent: false,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        // Watch events go through as they come, not buffered.
        outgoing.flushHeaders();
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    outgoing.on('close', () => forwarded.destroy());
    incoming.pipe(forwarded);
  };

  let server: Server | undefined;
  const listen = async () => {
    server = createServer(handle);
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    port = await listenOnSteadyPort(server, port);
  };
  const cut = () => {
    for (const socket of sockets) socket.destroy();
  };
  const close = async () => {
    const closing = server;
    server = undefined;
    cut();
    if (closing) await new Promise((closed) => closing.close(closed));
  };
  await listen();

  return {
    get server() {
      return `http://127.0.0.1:${port}`;
    },
    requests,
    writeKubeconfig(file, namespace) {
      writeFileSync(
        file,
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters:',
          `- name: proxied\n  cluster:\n    server: http://127.0.0.1:${port}`,
          'users:',
          '- name: proxied\n  user: {}',
          'contexts:',
          `- name: proxied\n  context:\n    cluster: proxied\n    user: proxied${namespace ? `\n    namespace: ${namespace}` : ''}`,
          'current-context: proxied',
          '',
        ].join('\n'),
      );
    },
    cutConnections: cut,
    async restart(downMs) {
      await close();
      staleSince = Date.now();
      listedSince.clear();
      await new Promise((wait) => setTimeout(wait, downMs));
      await listen();
    },
    down: close,
    up: listen,
    stop: close,
  };
};
