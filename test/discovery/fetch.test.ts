// Discovery read from a server that may be anyone's (a student's API server
// answers it): one request for the aggregated document, the legacy documents
// of older servers, and hostile answers — huge, slow, malformed, names made to
// escape a path or a terminal — each bounded, dropped or refused, never trusted.
import { afterEach, describe, expect, it } from 'vitest';
import { clusterKinds } from '../../src/discovery/cluster-kinds.js';
import { DiscoveryFailure, discoverKinds, MAX_DISCOVERY_BYTES, MAX_LEGACY_GROUP_VERSIONS } from '../../src/discovery/fetch.js';
import { aggregated, aggregatedResource, startStubDiscovery, type StubAnswer, type StubDiscovery } from './stub-discovery.js';

let stub: StubDiscovery | undefined;
afterEach(async () => {
  await stub?.stop();
  stub = undefined;
});

const serve = async (route: (path: string) => StubAnswer | undefined) => (stub = await startStubDiscovery(route));

const CRONTABS = aggregated({ 'stable.example.com': { v1: [aggregatedResource('crontabs', 'CronTab', { shortNames: ['ct'] })] } });

const failureOf = async (promise: Promise<unknown>): Promise<string> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DiscoveryFailure);
  return (error as Error).message;
};

describe('the aggregated discovery document', () => {
  it('is one GET of /apis, asked for by type, and gives each resource', async () => {
    const server = await serve((path) => (path === '/apis' ? { status: 200, json: CRONTABS } : undefined));
    const found = await discoverKinds(server.client());
    expect(server.asked).toEqual([{ path: '/apis', accept: expect.stringContaining('as=APIGroupDiscoveryList') }]);
    expect(found).toEqual({
      kinds: [{ group: 'stable.example.com', version: 'v1', resource: 'crontabs', kind: 'CronTab', singular: 'crontab', shortNames: ['ct'], namespaced: true, verbs: ['get', 'list', 'watch'] }],
      dropped: 0,
      requests: 1,
    });
  });

  it('costs nothing for a lab of Kubernetes\' own kinds, one request for a custom resource', async () => {
    const server = await serve((path) => (path === '/apis' ? { status: 200, json: CRONTABS } : undefined));
    const kinds = clusterKinds({ reader: server.client() });
    const own = await kinds.resolve(['configmaps', 'deploy', 'Role', 'networkpolicies', 'events', 'namespaces', 'clusterroles']);
    expect([...own.values()].every((r) => r.ok)).toBe(true);
    expect(server.asked).toEqual([]);
    const custom = await kinds.resolve(['ct', 'crontabs.stable.example.com', 'widgets.example.org']);
    expect(custom.get('ct')).toMatchObject({ ok: true, kind: { key: 'crontabs.stable.example.com' } });
    expect(custom.get('crontabs.stable.example.com')).toMatchObject({ ok: true, kind: { key: 'crontabs.stable.example.com' } });
    // Not in discovery: looked up once more (without a cache, the answer is already fresh), then not served.
    expect(custom.get('widgets.example.org')).toEqual({ ok: false, why: 'not-served' });
    expect(server.asked.map((a) => a.path)).toEqual(['/apis']);
  });
});

describe('names made to escape a path or a terminal are dropped, the others kept', () => {
  it('in the aggregated document', async () => {
    const evil = aggregated({
      'stable.example.com': {
        v1: [
          aggregatedResource('crontabs', 'CronTab'),
          aggregatedResource('../../api/v1/secrets', 'Secret'),
          aggregatedResource('pods/exec', 'Pod'),
          aggregatedResource('widgets', 'Wid\u001b[31mget'),
          aggregatedResource('gadgets', 'Gadget', { shortNames: ['g\u0007'] }),
          aggregatedResource('gizmos', 'Gizmo', { verbs: ['list', 'del ete'] }),
          aggregatedResource('thingies', 'Thingy', { scope: 'Galaxy' }),
          aggregatedResource('x'.repeat(64), 'Long'),
        ],
        'v1/../..': [aggregatedResource('crontabs', 'CronTab')],
      },
      'evil.example.com/../../api': { v1: [aggregatedResource('secrets', 'Secret')] },
      'Evil.Example.com': { v1: [aggregatedResource('secrets', 'Secret')] },
      '': { v1: [aggregatedResource('secrets', 'Secret')] },
    });
    const server = await serve((path) => (path === '/apis' ? { status: 200, json: evil } : undefined));
    const found = await discoverKinds(server.client());
    expect(found.kinds.map((k) => `${k.group}/${k.version}/${k.resource}`)).toEqual(['stable.example.com/v1/crontabs']);
    expect(found.dropped).toBe(11);
  });

  it('in the legacy documents: a group that is no DNS name is never put in a path', async () => {
    const server = await serve((path) => {
      if (path === '/apis') {
        return {
          status: 200,
          json: {
            kind: 'APIGroupList',
            groups: [
              { name: 'stable.example.com', versions: [{ version: 'v1' }], preferredVersion: { version: 'v1' } },
              { name: '../../api/v1/namespaces/kube-system/secrets', versions: [{ version: 'v1' }] },
              { name: 'ok.example.com', versions: [{ version: '../v1' }, { version: 'v1' }] },
            ],
          },
        };
      }
      if (path === '/apis/stable.example.com/v1') {
        return { status: 200, json: { resources: [{ name: 'crontabs', kind: 'CronTab', namespaced: true, singularName: 'crontab', verbs: ['list'], shortNames: ['ct'] }, { name: 'crontabs/status', kind: 'CronTab', namespaced: true, verbs: ['get'] }] } };
      }
      return undefined;
    });
    const found = await discoverKinds(server.client());
    expect(server.asked.map((a) => a.path).sort()).toEqual(['/apis', '/apis/ok.example.com/v1', '/apis/stable.example.com/v1']);
    expect(found.kinds.map((k) => `${k.group}/${k.version}/${k.resource}`)).toEqual(['stable.example.com/v1/crontabs']);
  });
});

describe('answers that are not discovery', () => {
  it('huge: read up to the cap, then refused, never parsed', async () => {
    const server = await serve(() => ({ flood: MAX_DISCOVERY_BYTES + 1024 }));
    expect(await failureOf(discoverKinds(server.client({ timeoutMs: 30_000 })))).toBe('GET /apis: the answer is over 32 MiB, more than tp reads');
  });

  it('slow: bounded by the request timeout, the kinds that needed it say why, and the next resolve asks again', async () => {
    let answer: StubAnswer = 'silence';
    const server = await serve(() => answer);
    const kinds = clusterKinds({ reader: server.client({ timeoutMs: 300 }) });
    const resolved = await kinds.resolve(['ct']);
    expect(resolved.get('ct')).toEqual({ ok: false, why: 'discovery-failed', reason: expect.stringMatching(/^GET \/apis: no answer from http:\/\/127\.0\.0\.1:\d+ within 0\.3 s/) });
    // A failure is not kept for the run: the next re-check of --watch finds the server back.
    answer = { status: 200, json: CRONTABS };
    expect((await kinds.resolve(['ct'])).get('ct')).toMatchObject({ ok: true, kind: { key: 'crontabs.stable.example.com' } });
  });

  it('malformed: not JSON, JSON of another shape, a failure status', async () => {
    let next: StubAnswer = { status: 200, text: '{"kind": "APIGroupDiscoveryList", "items": [' };
    const server = await serve(() => next);
    expect(await failureOf(discoverKinds(server.client()))).toBe('GET /apis: the answer is not JSON');
    next = { status: 200, json: { kind: 'ConfigMapList', items: [] } };
    expect(await failureOf(discoverKinds(server.client()))).toBe('GET /apis: the answer is neither an APIGroupDiscoveryList nor an APIGroupList');
    next = { status: 200, json: [1, 2, 3] };
    expect(await failureOf(discoverKinds(server.client()))).toBe('GET /apis: the answer is neither an APIGroupDiscoveryList nor an APIGroupList');
    next = { status: 503, json: { kind: 'Status' } };
    expect(await failureOf(discoverKinds(server.client()))).toBe('GET /apis answered 503');
    // An aggregated document whose parts are of the wrong types: nothing kept, nothing thrown.
    next = { status: 200, json: { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', items: [null, 3, { metadata: 'x', versions: 'y' }, { metadata: { name: 'a.example.com' }, versions: [{ version: 'v1', resources: [null, 'x', { resource: 7 }] }] }] } };
    expect(await discoverKinds(server.client())).toEqual({ kinds: [], dropped: 3, requests: 1 });
  });

  it('legacy: a group version that fails hides only its kinds; too many group versions are refused', async () => {
    const groups = (count: number) => ({ kind: 'APIGroupList', groups: Array.from({ length: count }, (_, i) => ({ name: `g${i}.example.com`, versions: [{ version: 'v1' }] })) });
    let count = 2;
    const server = await serve((path) => {
      if (path === '/apis') return { status: 200, json: groups(count) };
      if (path === '/apis/g0.example.com/v1') return { status: 503, json: {} };
      return { status: 200, json: { resources: [{ name: 'things', kind: 'Thing', namespaced: false, verbs: ['list'] }] } };
    });
    const found = await discoverKinds(server.client());
    expect(found.kinds.map((k) => `${k.group}/${k.resource} ${k.singular}`)).toEqual(['g1.example.com/things thing']);
    count = MAX_LEGACY_GROUP_VERSIONS + 1;
    server.asked.length = 0;
    expect(await failureOf(discoverKinds(server.client()))).toMatch(/^GET \/apis lists 301 group versions, more than the 300 tp reads one by one/);
    expect(server.asked).toHaveLength(1);
  });
});
