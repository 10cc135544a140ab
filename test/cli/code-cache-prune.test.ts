// Code caches of other builds are removed once a month old, when a build writes a cache of its
// own (src/cli/code-cache-prune.ts): an upgraded tp does not leave ~3 MB behind at every
// version, and two builds used side by side (the npm bin and the executable) keep theirs.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CODE_CACHE_MAX_AGE_MS, pruneOldCodeCaches } from '../../src/cli/code-cache-prune.js';
import { runWithCaches } from '../../src/cli/start.js';

const OURS = 'aaaaaaaaaaaaaaaa0123';
const OTHER = 'bbbbbbbbbbbbbbbb4567';
const DAY = 24 * 3600 * 1000;

/** A cache folder with files of the given names, each written `ageMs` ago. */
const cacheFolder = (files: Record<string, number>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-prune-'));
  chmodSync(dir, 0o700);
  mkdirSync(join(dir, 'code-cache'), { mode: 0o700 });
  for (const [name, ageMs] of Object.entries(files)) {
    const file = join(dir, 'code-cache', name);
    writeFileSync(file, 'cache');
    const when = new Date(Date.now() - ageMs);
    utimesSync(file, when, when);
  }
  return dir;
};
const left = (dir: string) => readdirSync(join(dir, 'code-cache')).sort();

describe('pruneOldCodeCaches', () => {
  it("removes other builds' caches a month old, and nothing else", () => {
    const dir = cacheFolder({
      [`${OTHER.slice(0, 16)}-node20.20.2-x64-check.bin`]: 40 * DAY,
      [`${OTHER.slice(0, 16)}-node20.20.2-x64-re2js_cjs.bin`]: 31 * DAY,
      [`cccccccccccccccc-node20.20.2-x64-grade.bin`]: 20 * DAY,
      [`${OURS.slice(0, 16)}-node20.20.2-x64-check.bin`]: 90 * DAY,
      'notes.txt': 90 * DAY,
      [`${OTHER.slice(0, 16)}-node20.20.2-x64-check.bin.tmp-123`]: 90 * DAY,
    });
    expect(pruneOldCodeCaches(dir, OURS)).toBe(2);
    expect(left(dir)).toEqual([
      `${OURS.slice(0, 16)}-node20.20.2-x64-check.bin`,
      `${OTHER.slice(0, 16)}-node20.20.2-x64-check.bin.tmp-123`,
      'cccccccccccccccc-node20.20.2-x64-grade.bin',
      'notes.txt',
    ].sort());
  });

  it('keeps a cache just under a month old, and is quiet where there is no folder', () => {
    const name = `${OTHER.slice(0, 16)}-node20.20.2-x64-check.bin`;
    const dir = cacheFolder({ [name]: CODE_CACHE_MAX_AGE_MS - DAY });
    expect(pruneOldCodeCaches(dir, OURS)).toBe(0);
    expect(left(dir)).toEqual([name]);
    expect(pruneOldCodeCaches(join(dir, 'nowhere'), OURS)).toBe(0);
  });
});

describe('a run of tp', () => {
  const saved = process.env.XDG_CACHE_HOME;
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  });

  const runWith = async (home: string, cacheUsed: boolean, stoppedAtError = false) => {
    process.env.XDG_CACHE_HOME = home;
    return runWithCaches(['check', '4'], 'tp', OURS, () => ({
      exports: { runTp: async () => ({ exitCode: 0, stoppedAtError }) },
      cacheUsed,
      saveCache: () => undefined,
    }));
  };

  it("clears old builds' caches when it makes a cache of its own, not at every run", async () => {
    const old = `${OTHER.slice(0, 16)}-node20.20.2-x64-check.bin`;
    // XDG_CACHE_HOME/tp is tp's cache folder: the folder made here, the user's own (0700).
    const dir = cacheFolder({ [old]: 40 * DAY });
    const home = mkdtempSync(join(tmpdir(), 'tp-prune-home-'));
    renameSync(dir, join(home, 'tp'));

    await runWith(home, true);
    expect(existsSync(join(home, 'tp', 'code-cache', old))).toBe(true);
    await runWith(home, false, true);
    expect(existsSync(join(home, 'tp', 'code-cache', old))).toBe(true);
    await runWith(home, false);
    expect(existsSync(join(home, 'tp', 'code-cache', old))).toBe(false);
  });
});
