// What the HTTP probe says when the app is not reached: a failure code and its facts,
// never the service proxy's JSON. A stand-in API server on loopback answers as the real
// one's service proxy did on kind (the Status bodies below were captured there); a
// node port on loopback refuses, or stays silent.
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeApiClient } from '../../src/cluster/api-client.js';
import { credentialsOf } from '../../src/cluster/credentials.js';
import { makeHttpProbe } from '../../src/cluster/http-probe.js';
import { proxyRefusal } from '../../src/cluster/proxy-refusal.js';
import type { HttpRequest } from '../../src/cluster/http-types.js';
import type { KubeObject } from '../../src/cluster/types.js';

const status = (code: number, message: string, reason = 'ServiceUnavailable') =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

/** As kind's API server answered through its service proxy. */
const PROXY = {
  noEndpoints: status(503, 'no endpoints available for service "kubernetes-app"'),
  refused: status(503, 'error trying to reach service: dial tcp 10.244.2.72:8080: connect: connection refused'),
  timeout: status(503, 'error trying to reach service: dial tcp 10.244.2.72:8000: i/o timeout'),
  other: status(500, 'error trying to reach service: tls: first record does not look like a TLS handshake', 'InternalError'),
  forbidden: status(403, 'services "kubernetes-app" is forbidden: User "alice" cannot get resource "services/proxy" in API group "" in the namespace "alice"', 'Forbidden'),
};

describe('the service proxy\'s own refusals', () => {
  it('become failure codes with the address it dialled', () => {
    expect(proxyRefusal(503, PROXY.noEndpoints)).toEqual({ code: 'no-endpoints' });
    expect(proxyRefusal(503, PROXY.refused)).toEqual({ code: 'refused', target: '10.244.2.72:8080' });
    expect(proxyRefusal(503, PROXY.timeout)).toEqual({ code: 'timeout', target: '10.244.2.72:8000' });
    expect(proxyRefusal(403, PROXY.forbidden)).toEqual({ code: 'forbidden' });
    expect(proxyRefusal(500, PROXY.other)).toEqual({ code: 'proxy-error', status: 500, message: 'error trying to reach service: tls: first record does not look like a TLS handshake' });
  });

  it('an app\'s own 503, 403 or 404 is its answer, not the proxy\'s', () => {
    expect(proxyRefusal(503, 'Service Unavailable\n')).toBeUndefined();
    expect(proxyRefusal(403, '{"error":"no"}')).toBeUndefined();
    expect(proxyRefusal(404, '<h1>Not Found</h1>')).toBeUndefined();
    expect(proxyRefusal(200, PROXY.refused)).toBeUndefined();
  });

  it('quotes one short line of a huge or hostile Status message', () => {
    const refusal = proxyRefusal(500, status(500, `${'x'.repeat(50_000)}\n\u001b[31m`));
    expect(refusal?.code).toBe('proxy-error');
    expect(refusal?.code === 'proxy-error' && refusal.message.length).toBeLessThanOrEqual(120);
    expect(refusal?.code === 'proxy-error' && refusal.message).not.toMatch(/[\n\u001b]/);
  });
});

let servers: Array<Server | TcpServer> = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((closed) => s.close(closed))));
  servers = [];
});

const listen = async (server: Server | TcpServer): Promise<number> => {
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return (server.address() as { port: number }).port;
};

const target = (port: number) => ({
  server: `http://127.0.0.1:${port}`,
  credentials: credentialsOf({}, 'test', { token: 'not-a-secret' }, () => Promise.reject(new Error('not needed'))),
});

/** An API server whose service proxy answers `status` and `body`, over plain HTTP on loopback. */
const apiServer = async (code: number, body: string) => {
  const port = await listen(createServer((_request, response) => {
    response.writeHead(code, { 'content-type': 'application/json' });
    response.end(body);
  }));
  return makeApiClient(target(port), { retries: 0 });
};

const request = (nodePort?: number, nodes: KubeObject[] = []): HttpRequest => ({
  namespace: 'alice', service: 'kubernetes-app', port: 8000, ...(nodePort === undefined ? {} : { nodePort }), nodeAddresses: ['127.0.0.1'], nodes, path: '/',
});

describe('the probe', () => {
  it('through the proxy: a pod that refused is a fail with the pod\'s address', async () => {
    const probe = makeHttpProbe(await apiServer(503, PROXY.refused), 'proxy', 2000);
    expect(await probe.get(request())).toMatchObject({ reached: false, via: 'proxy', failure: { code: 'refused', target: '10.244.2.72:8080' }, evaluable: true });
  });

  it('through the proxy: an app that answers 503 itself was reached', async () => {
    const probe = makeHttpProbe(await apiServer(503, 'overloaded'), 'proxy', 2000);
    expect(await probe.get(request())).toMatchObject({ reached: true, via: 'proxy', status: 503, body: 'overloaded' });
  });

  it('through the proxy: forbidden is an error, the proxy never tried', async () => {
    const probe = makeHttpProbe(await apiServer(403, PROXY.forbidden), 'proxy', 2000);
    expect(await probe.get(request())).toMatchObject({ reached: false, failure: { code: 'forbidden' }, evaluable: false });
  });

  it('on simulated nodes the proxy is never asked, and the answer is a code, not words', async () => {
    let asked = 0;
    const port = await listen(createServer((_request, response) => {
      asked += 1;
      response.end('{}');
    }));
    const client = makeApiClient(target(port));
    const kwok = { metadata: { name: 'tp-worker', annotations: { 'kwok.x-k8s.io/node': 'fake' } } };
    expect(await makeHttpProbe(client, 'proxy', 2000).get(request(undefined, [kwok]))).toMatchObject({ reached: false, failure: { code: 'simulated' }, evaluable: false });
    expect(asked).toBe(0);
  });

  it('through the node port: refused, and silent past the timeout', async () => {
    const client = await apiServer(200, 'unused');
    const closed = await listen(createTcpServer());
    await new Promise((done) => servers.pop()?.close(done));
    expect(await makeHttpProbe(client, 'nodeport', 2000).get(request(closed))).toMatchObject({ reached: false, via: 'nodeport', failure: { code: 'refused' }, evaluable: true });
    const silent = await listen(createTcpServer((socket) => sockets.push(socket)));
    expect(await makeHttpProbe(client, 'nodeport', 300).get(request(silent))).toMatchObject({ reached: false, via: 'nodeport', failure: { code: 'timeout', ms: 300 }, evaluable: true });
  });

  it('auto: the proxy\'s refusal is kept over the node port\'s when both fail (it names the pod)', async () => {
    const client = await apiServer(503, PROXY.refused);
    const closed = await listen(createTcpServer());
    await new Promise((done) => servers.pop()?.close(done));
    expect(await makeHttpProbe(client, 'auto', 2000).get(request(closed))).toMatchObject({ via: 'proxy', failure: { code: 'refused', target: '10.244.2.72:8080' } });
  });
});
