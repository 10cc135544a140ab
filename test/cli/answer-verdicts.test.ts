// A hashed answer's verdict kept in the user's cache folder (src/cli/answer-verdicts.ts):
// the next `tp check` of the same answer reads it instead of deriving a scrypt again.
// The file is read back only from a folder of the user's own, bounded, and anything in
// it that tp did not write costs a derivation, never a wrong verdict of a run that trusts it.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_KEPT_VERDICTS, keptVerdicts } from '../../src/cli/answer-verdicts.js';
import { derivationCount, hashAnswer, keepVerdictsIn, matchesHash } from '../../src/core/answer-hash.js';

const home = () => mkdtempSync(join(tmpdir(), 'tp-verdicts-home-'));
const fileIn = (dir: string) => join(dir, '.cache', 'tp', 'answer-verdicts.json');
// A cheap cost: the tests count derivations, they do not time them.
const CHEAP = { N: 16, r: 1, p: 1 };

afterEach(() => keepVerdictsIn(undefined));

describe('kept verdicts', () => {
  it('are recalled by the next run, and only for the same (hash, answer) pair', () => {
    const dir = home();
    const first = keptVerdicts({}, dir);
    first.remember('hash-a\u0000ReplicaSet', true);
    first.remember('hash-a\u0000Deployment', false);
    first.save();
    const next = keptVerdicts({}, dir);
    expect(next.recall('hash-a\u0000ReplicaSet')).toBe(true);
    expect(next.recall('hash-a\u0000Deployment')).toBe(false);
    expect(next.recall('hash-b\u0000ReplicaSet')).toBeUndefined();
  });

  it('never hold the answer in clear', () => {
    const dir = home();
    const kept = keptVerdicts({}, dir);
    kept.remember('scrypt:N=16384,r=8,p=1:00:11\u0000ReplicaSet', true);
    kept.save();
    const text = readFileSync(fileIn(dir), 'utf8');
    expect(text).not.toContain('ReplicaSet');
    expect(text).not.toContain('scrypt');
  });

  it(`keep the newest ${MAX_KEPT_VERDICTS}: the oldest are dropped`, () => {
    const dir = home();
    const kept = keptVerdicts({}, dir);
    for (let i = 0; i <= MAX_KEPT_VERDICTS; i += 1) kept.remember(`hash\u0000answer ${i}`, true);
    kept.save();
    const next = keptVerdicts({}, dir);
    expect(next.recall('hash\u0000answer 0')).toBeUndefined();
    expect(next.recall('hash\u0000answer 1')).toBe(true);
    expect(next.recall(`hash\u0000answer ${MAX_KEPT_VERDICTS}`)).toBe(true);
  });

  it('cost no I/O to a run that meets no hashed answer: not even the cache folder is made', () => {
    const dir = home();
    keptVerdicts({}, dir).save();
    expect(existsSync(join(dir, '.cache'))).toBe(false);
  });

  it('write nothing when nothing new was met', () => {
    const dir = home();
    keptVerdicts({}, dir).save();
    expect(existsSync(fileIn(dir))).toBe(false);
  });

  it.each([
    ['not JSON', 'not json {'],
    ['entries of another shape', JSON.stringify({ verdicts: [['short', true], [123, true], ['a'.repeat(64), 'yes']] })],
    ['a file larger than tp writes', JSON.stringify({ verdicts: [], padding: 'x'.repeat(200 * 1024) })],
  ])('read nothing from %s, and write a good file over it', (_, text) => {
    const dir = home();
    mkdirSync(join(dir, '.cache', 'tp'), { recursive: true, mode: 0o700 });
    writeFileSync(fileIn(dir), text);
    const kept = keptVerdicts({}, dir);
    expect(kept.recall('a')).toBeUndefined();
    kept.remember('hash\u0000answer', true);
    kept.save();
    expect(keptVerdicts({}, dir).recall('hash\u0000answer')).toBe(true);
  });

  it('are not read from a cache folder others may write (another user would decide verdicts)', () => {
    const dir = home();
    const first = keptVerdicts({}, dir);
    first.remember('hash\u0000answer', true);
    first.save();
    chmodSync(join(dir, '.cache', 'tp'), 0o777);
    expect(keptVerdicts({}, dir).recall('hash\u0000answer')).toBeUndefined();
  });

  it('are neither read nor written with TP_CACHE=off', () => {
    const dir = home();
    const off = keptVerdicts({ TP_CACHE: 'off' }, dir);
    off.remember('hash\u0000answer', true);
    off.save();
    expect(existsSync(join(dir, '.cache'))).toBe(false);
  });

  it('make no home that is not there', () => {
    const missing = join(home(), 'gone');
    const kept = keptVerdicts({}, missing);
    kept.remember('hash\u0000answer', true);
    kept.save();
    expect(existsSync(missing)).toBe(false);
  });
});

describe('a hashed answer checked with kept verdicts', () => {
  it('is derived once and its verdict kept; a kept verdict is taken without deriving', async () => {
    const dir = home();
    const kept = keptVerdicts({}, dir);
    keepVerdictsIn(kept);
    const met = await hashAnswer('replicaset', '00112233', CHEAP);
    let before = derivationCount();
    expect(await matchesHash('replicaset', met)).toBe(true);
    expect(derivationCount() - before).toBe(1);
    expect(kept.recall(`${met}\u0000replicaset`)).toBe(true);

    // A pair this process has not met, whose verdict the file holds: what the next run of a check meets.
    const keptBefore = await hashAnswer('replicaset', '44556677', CHEAP);
    kept.remember(`${keptBefore}\u0000replicaset`, true);
    kept.save();
    keepVerdictsIn(keptVerdicts({}, dir));
    before = derivationCount();
    expect(await matchesHash('replicaset', keptBefore)).toBe(true);
    expect(derivationCount() - before).toBe(0);
  });
});
