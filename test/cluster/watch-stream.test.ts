// A student's API server is untrusted: the live class's watch streams are
// read against a hostile stand-in on 127.0.0.1 that splits events across
// writes, sends an endless line, goes silent, answers 410 or garbage. Each
// stream ends the way that tells the reflector what to do, and none grows
// without bound.
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { credentialsOf } from '../../src/cluster/credentials.js';
import { watchStreamsOf, type StreamEnd, type WatchEvent, type WatchLimits } from '../../src/cluster/watch-stream.js';

type Play = (response: ServerResponse) => void;

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((stop) => stop()));
});

const serve = async (play: Play): Promise<string> => {
  const sockets = new Set<Socket>();
  const server = createServer((_request, response) => play(response));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  servers.push(
    () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  );
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
};

const LIMITS: WatchLimits = { maxEventBytes: 64 * 1024, idleMs: 400, connectMs: 2000, maxStreamMs: 5000 };

const watchAt = async (server: string, limits: WatchLimits = LIMITS): Promise<{ end: StreamEnd; events: WatchEvent[]; opened: boolean }> => {
  const open = watchStreamsOf({ server, credentials: credentialsOf({}, 'test', { token: 'not-a-secret' }, () => Promise.reject(new Error('unused'))) });
  const events: WatchEvent[] = [];
  let opened = false;
  const end = await open('/api/v1/configmaps?watch=1', limits, { onOpen: () => (opened = true), onEvent: (event) => events.push(event) }, new AbortController().signal);
  return { end, events, opened };
};

const event = (type: string, name: string, resourceVersion: string) =>
  `${JSON.stringify({ type, object: { kind: 'ConfigMap', metadata: { name, namespace: 'alice', resourceVersion } } })}\n`;

it('reads events split across writes, bookmarks included, and ends as closed when the server ends it', async () => {
  const server = await serve((response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const text = event('ADDED', 'cm1', '10') + event('BOOKMARK', '', '11') + event('MODIFIED', 'cm1', '12');
    response.write(text.slice(0, 25));
    setTimeout(() => response.write(text.slice(25, 90)), 20);
    setTimeout(() => response.end(text.slice(90)), 40);
  });
  const { end, events, opened } = await watchAt(server);
  expect(opened).toBe(true);
  expect(end).toEqual({ reason: 'closed' });
  expect(events.map((e) => `${e.type} ${(e.object.metadata as { resourceVersion?: string }).resourceVersion}`)).toEqual(['ADDED 10', 'BOOKMARK 11', 'MODIFIED 12']);
});

it('stops reading a line longer than the bound (an endless event) and says so', async () => {
  const server = await serve((response) => {
    response.writeHead(200);
    const chunk = 'x'.repeat(16 * 1024);
    const timer = setInterval(() => {
      if (!response.write(chunk)) return;
    }, 1);
    response.on('close', () => clearInterval(timer));
  });
  const { end } = await watchAt(server);
  expect(end.reason).toBe('invalid');
  expect(end.reason === 'invalid' && end.message).toContain('over 64 KiB');
});

it('cuts a stream that goes silent', async () => {
  const server = await serve((response) => {
    response.writeHead(200);
    response.write(event('ADDED', 'cm1', '10'));
  });
  const started = Date.now();
  const { end, events } = await watchAt(server);
  expect(events).toHaveLength(1);
  expect(end.reason).toBe('cut');
  expect(Date.now() - started).toBeGreaterThanOrEqual(LIMITS.idleMs - 50);
});

it('cuts a stream that trickles bytes past the time it was asked for', async () => {
  const server = await serve((response) => {
    response.writeHead(200);
    const timer = setInterval(() => response.write(' '), 50);
    response.on('close', () => clearInterval(timer));
  });
  const { end } = await watchAt(server, { ...LIMITS, maxStreamMs: 600 });
  expect(end).toEqual({ reason: 'cut', message: 'the watch outlived the time it was asked for' });
});

it('says gone for a 410 answer and for an ERROR event with code 410', async () => {
  const status = await serve((response) => response.writeHead(410, { 'content-type': 'application/json' }).end('{"kind":"Status","code":410}'));
  expect((await watchAt(status)).end).toEqual({ reason: 'gone' });
  const inStream = await serve((response) => {
    response.writeHead(200);
    response.write(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, message: 'too old resource version' } })}\n`);
  });
  expect((await watchAt(inStream)).end).toEqual({ reason: 'gone' });
});

it('refuses a 403 as forbidden, a port with nothing behind as unreachable, garbage as invalid', async () => {
  const forbidden = await serve((response) => response.writeHead(403).end('{"message":"configmaps is forbidden"}'));
  const refused = (await watchAt(forbidden)).end;
  expect(refused.reason === 'refused' && refused.failure.reason).toBe('forbidden');

  const gone = await serve(() => {});
  await Promise.all(servers.splice(0).map((stop) => stop()));
  const unreachable = (await watchAt(gone)).end;
  expect(unreachable.reason === 'refused' && unreachable.failure.reason).toBe('unreachable');

  const garbage = await serve((response) => {
    response.writeHead(200);
    response.write('<html>not a watch</html>\n');
  });
  expect((await watchAt(garbage)).end).toEqual({ reason: 'invalid', message: 'the watch sent a line that is not JSON' });
});
