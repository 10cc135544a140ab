// The live page's server (`tp grade --watch --serve`). Read-only: GET and
// HEAD only, and no endpoint changes anything — a browser can look, never
// grade. Every request, the page's own files included, must carry the
// random token printed with the URL (compared in constant time), and on
// loopback the Host header must name loopback (a DNS-rebinding page cannot
// pass for it). Each answer forbids the page any network but tp itself
// (Content-Security-Policy), and everything sent is cleaned data, written
// into the page as text by its script. The events of /events carry the
// whole state when a browser (re)connects, then only what changes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ClassSession } from '../../classroom/class-session.js';
import { classProgress } from '../../classroom/class-view.js';
import { cleanDeep } from '../../core/clean-text.js';
import { TpError } from '../../core/errors.js';
import type { Lang } from '../../core/text.js';
import { formatLivePage } from '../../report/live-page.js';
import { LIVE_CSS, LIVE_SCRIPT } from '../../report/live-page-assets.js';
import { progressChartSvg } from '../../report/progress-chart.js';

export interface PageServerOptions {
  host: string;
  /** 0: a free port. */
  port: number;
  session: ClassSession;
  lang: Lang;
  now: () => Date;
  /** Chosen by the server (random) unless a test gives one. */
  token?: string;
}

export interface PageServer {
  /** The page's address, token included. */
  readonly url: string;
  /** Event streams open now. */
  readonly streams: number;
  /** Cuts every open connection (tests: the browser losing the network). */
  dropConnections(): void;
  close(): Promise<void>;
}

const MAX_STREAMS = 32;
const MAX_URL = 2048;
const HEARTBEAT_MS = 15_000;
/** A browser that reads nothing for this long while updates pile up is cut: it reconnects to the whole state. */
const MAX_LAG_BYTES = 8 * 1024 * 1024;

const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
export const isLoopback = (host: string): boolean => LOOPBACK_HOSTS.has(host) || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** `--serve`, `--serve 8080`, `--serve :8080`, `--serve 0.0.0.0:8080`, `--serve [::1]:8080`. */
export const parseServeAddress = (value: string | true): { host: string; port: number } => {
  if (value === true || value === '') return { host: '127.0.0.1', port: 0 };
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]*):)?(\d{1,5})$/.exec(value) ?? /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)$/.exec(value);
  const port = match?.[2] === undefined ? 0 : Number(match[2]);
  if (!match || port > 65535) throw new TpError('USAGE', `--serve ${value}: expected [host:]port (e.g. --serve 8080, --serve 0.0.0.0:8080)`);
  const host = (match[1] || '127.0.0.1').replace(/^\[|\]$/g, '');
  return { host, port };
};

const digest = (text: string) => createHash('sha256').update(text).digest();

const headers = (type: string, policy = PAGE_POLICY) => ({
  'content-type': type,
  'content-security-policy': policy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
});

export const startPageServer = async (options: PageServerOptions): Promise<PageServer> => {
  const { session } = options;
  const token = options.token ?? randomBytes(24).toString('hex');
  const expected = digest(token);
  const loopback = isLoopback(options.host);
  const streams = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let port = 0;

  const tokenOk = (given: string | null) => given !== null && timingSafeEqual(digest(given), expected);
  // A page of another site that made its name resolve to 127.0.0.1 sends its own name as Host.
  const hostOk = (host: string | undefined) => {
    if (!loopback) return true;
    const name = (host ?? '').replace(/:\d+$/, '');
    return isLoopback(name);
  };

  const send = (response: ServerResponse, status: number, type: string, body: string, policy?: string) => {
    response.writeHead(status, { ...headers(type, policy), 'content-length': Buffer.byteLength(body) });
    response.end(response.req.method === 'HEAD' ? undefined : body);
  };
  const sendJson = (response: ServerResponse, value: unknown) => send(response, 200, 'application/json; charset=utf-8', JSON.stringify(cleanDeep(value)));

  const stateOf = () => ({ outline: session.outline, rows: session.rows(), aggregate: session.aggregate() });

  const openStream = (response: ServerResponse) => {
    if (streams.size >= MAX_STREAMS) return send(response, 503, 'text/plain; charset=utf-8', 'too many pages open\n');
    response.writeHead(200, { ...headers('text/event-stream; charset=utf-8'), connection: 'keep-alive' });
    streams.add(response);
    const event = (name: string, value: unknown) => {
      response.write(`event: ${name}\ndata: ${JSON.stringify(cleanDeep(value))}\n\n`);
      // A page that does not read (a laptop asleep) is cut rather than buffered without end.
      if (response.writableLength > MAX_LAG_BYTES) response.destroy();
    };
    response.write('retry: 1000\n\n');
    event('state', stateOf());
    const stopListening = session.listen({ rows: (rows) => event('rows', rows), aggregate: (aggregate) => event('aggregate', aggregate) });
    const heartbeat = setInterval(() => response.write(': still here\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      stopListening();
      streams.delete(response);
    };
    // The response closes when the browser goes (or the connection is cut); the request closes as soon as it is read.
    response.on('close', end);
  };

  const studentOf = (response: ServerResponse, id: string | null) => {
    const track = session.state.tracks().find((candidate) => candidate.id === id);
    if (!track) return send(response, 404, 'text/plain; charset=utf-8', 'no such student\n');
    const row = session.row(track.index);
    const report = track.lastGraded?.report;
    sendJson(response, { id: track.id, label: row?.label ?? track.id, status: row?.status, ...(row?.reason ? { reason: row.reason } : {}), ...(report ? { report } : {}) });
  };

  const server = createServer((request, response) => {
    const method = request.method ?? '';
    if (method !== 'GET' && method !== 'HEAD') {
      response.writeHead(405, { ...headers('text/plain; charset=utf-8'), allow: 'GET, HEAD' }).end('read-only\n');
      return;
    }
    if ((request.url ?? '').length > MAX_URL || !hostOk(request.headers.host)) return send(response, 400, 'text/plain; charset=utf-8', 'bad request\n');
    const url = new URL(request.url ?? '/', 'http://page');
    if (!tokenOk(url.searchParams.get('token'))) return send(response, 403, 'text/plain; charset=utf-8', 'this page needs the token printed with its address\n');
    switch (url.pathname) {
      case '/':
        return send(response, 200, 'text/html; charset=utf-8', formatLivePage(cleanDeep(session.outline.title), options.lang, token));
      case '/live.js':
        return send(response, 200, 'text/javascript; charset=utf-8', LIVE_SCRIPT);
      case '/live.css':
        return send(response, 200, 'text/css; charset=utf-8', LIVE_CSS);
      case '/events':
        return openStream(response);
      case '/state.json':
        return sendJson(response, stateOf());
      case '/student':
        return studentOf(response, url.searchParams.get('id'));
      case '/chart.svg':
        return send(response, 200, 'image/svg+xml; charset=utf-8', progressChartSvg(cleanDeep(classProgress(session.state, options.now().getTime())), cleanDeep(session.outline), options.lang), SVG_POLICY);
      default:
        return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  server.maxHeadersCount = 50;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      failed(new TpError('USAGE', `--serve ${options.host}:${options.port}: cannot listen there (${error.code ?? error.message})`, 'Choose another port, or leave it out for a free one.')));
    server.listen(options.port, options.host, () => listening());
  });
  port = (server.address() as { port: number }).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host === '0.0.0.0' ? '127.0.0.1' : options.host;

  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    get streams() {
      return streams.size;
    },
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
};
