// What a cluster serves is kept between runs, per cluster, for 6 hours; a name
// the cached kinds do not know is looked up again at once, and a file anyone
// could have edited is checked as a fresh answer is.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cacheFileOf, discoveryCache, DISCOVERY_TTL_MS } from '../../src/discovery/cache.js';
import { clusterKinds } from '../../src/discovery/cluster-kinds.js';
import type { ServedKind } from '../../src/discovery/types.js';
import { aggregated, aggregatedResource, startStubDiscovery, type StubDiscovery } from './stub-discovery.js';

const root = mkdtempSync(join(tmpdir(), 'tp-discovery-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let stub: StubDiscovery | undefined;
afterEach(async () => {
  await stub?.stop();
  stub = undefined;
});

const CRONTAB: ServedKind = { group: 'stable.example.com', version: 'v1', resource: 'crontabs', kind: 'CronTab', singular: 'crontab', shortNames: ['ct'], namespaced: true, verbs: ['list'] };
const T0 = new Date('2026-12-05T10:00:00Z');
const at = (ms: number) => () => new Date(T0.getTime() + ms);
let files = 0;
const newFile = () => join(root, `cluster-${(files += 1)}`, 'discovery.json');

describe('the cache file', () => {
  it('is one file per server and CA, under tp\'s cache folder', () => {
    const a = cacheFileOf('/home/u/.cache/tp', 'https://a:6443\ndata:CA1');
    expect(a).toMatch(/^\/home\/u\/\.cache\/tp\/discovery\/[0-9a-f]{32}\.json$/);
    expect(cacheFileOf('/home/u/.cache/tp', 'https://a:6443\ndata:CA2')).not.toBe(a);
  });

  it('is read back within the TTL, not after it, not from the future', async () => {
    const file = newFile();
    await discoveryCache(file, at(0)).write([CRONTAB]);
    expect(await discoveryCache(file, at(DISCOVERY_TTL_MS - 1)).read()).toEqual([CRONTAB]);
    expect(await discoveryCache(file, at(DISCOVERY_TTL_MS)).read()).toBeUndefined();
    expect(await discoveryCache(file, at(-60_000)).read()).toBeUndefined();
  });

  it('is not trusted at all when one entry is not as discovery gives it, nor through a link, nor when it is not JSON', async () => {
    const file = newFile();
    await discoveryCache(file, at(0)).write([CRONTAB]);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"crontabs"', '"../../api/v1/secrets"'));
    expect(await discoveryCache(file, at(1)).read()).toBeUndefined();
    writeFileSync(file, text.slice(0, 40));
    expect(await discoveryCache(file, at(1)).read()).toBeUndefined();
    const link = join(dirname(file), 'link.json');
    writeFileSync(file, text);
    symlinkSync(file, link);
    expect(await discoveryCache(link, at(1)).read()).toBeUndefined();
  });

  it('a cache folder that cannot be written costs nothing but the saving', async () => {
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, 'a file where a folder should be');
    await expect(discoveryCache(join(blocked, 'discovery', 'x.json'), at(0)).write([CRONTAB])).resolves.toBeUndefined();
  });
});

describe('a run with the cache', () => {
  const crontabs = aggregated({ 'stable.example.com': { v1: [aggregatedResource('crontabs', 'CronTab', { shortNames: ['ct'] })] } });
  const withWidgets = aggregated({
    'stable.example.com': { v1: [aggregatedResource('crontabs', 'CronTab', { shortNames: ['ct'] })] },
    'example.org': { v1: [aggregatedResource('widgets', 'Widget')] },
  });

  it('asks once, then not for 6 hours; a name missing from the cache is looked up again; a failed read forgets it', async () => {
    let served: unknown = crontabs;
    const server = (stub = await startStubDiscovery((path) => (path === '/apis' ? { status: 200, json: served } : undefined)));
    const file = newFile();
    const run = (now: () => Date) => clusterKinds({ reader: server.client(), cache: async () => discoveryCache(file, now) });

    expect((await run(at(0)).resolve(['ct'])).get('ct')).toMatchObject({ ok: true });
    expect(server.asked).toHaveLength(1);
    expect(existsSync(file)).toBe(true);
    // A later run: from the cache, no request.
    expect((await run(at(60_000)).resolve(['ct'])).get('ct')).toMatchObject({ ok: true });
    expect(server.asked).toHaveLength(1);
    // A CRD installed since: not in the cache, so asked again, and found.
    served = withWidgets;
    const later = run(at(120_000));
    expect((await later.resolve(['widgets.example.org'])).get('widgets.example.org')).toMatchObject({ ok: true, kind: { key: 'widgets.example.org' } });
    expect(server.asked).toHaveLength(2);
    // Its LIST failed (the CRD removed since the cache was written): the cache is forgotten.
    const cached = run(at(180_000));
    await cached.resolve(['ct']);
    expect(server.asked).toHaveLength(2);
    await cached.readsFailed(['crontabs.stable.example.com']);
    expect(readdirSync(dirname(file))).toEqual([]);
  });
});

