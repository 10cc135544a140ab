// Code caches of builds gone by. Each build of tp (each version, the npm bin and the executable
// apart) writes its own caches, ~3 MB, named by its bundle's hash (start.ts): an upgrade leaves
// the old ones behind for good. When a build writes a new cache (its first run of a command),
// the caches of other builds not written for a month are removed. Not all of them: a student may
// run the npm bin and the executable, or two versions, side by side, and each would remove the
// other's caches at every save; a month-old cache of a build still in use costs it one compile.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** How old another build's cache must be to be removed. */
export const CODE_CACHE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** The entries looked at, at most, in one pass: the folder is the user's own, but its size is not bounded. */
const MAX_ENTRIES = 1000;
// What start.ts names a cache: `<16 hex digits of the bundle's hash>-node<version>-<arch>-<what>.bin`.
const CACHE_NAME = /^([0-9a-f]{16})-node[\w.-]{1,200}\.bin$/;

/** Removes the caches of builds other than `bundleHash` not written for a month; returns how many. Never throws. */
export const pruneOldCodeCaches = (cacheDir: string, bundleHash: string, now = Date.now()): number => {
  const folder = join(cacheDir, 'code-cache');
  const own = bundleHash.slice(0, 16);
  let removed = 0;
  try {
    for (const name of readdirSync(folder).slice(0, MAX_ENTRIES)) {
      const build = CACHE_NAME.exec(name)?.[1];
      if (build === undefined || build === own) continue;
      const file = join(folder, name);
      const info = statSync(file, { throwIfNoEntry: false });
      if (info === undefined || !info.isFile() || now - info.mtimeMs < CODE_CACHE_MAX_AGE_MS) continue;
      rmSync(file, { force: true });
      removed += 1;
    }
  } catch {
    // A folder that cannot be read or a file that cannot be removed: the next save tries again.
  }
  return removed;
};
