// The single executable (npm run build:exe) carries the labs, their answers templates
// and the schemas as one asset: a JSON map of relative path → text. At the first
// start they are unpacked to a cache folder named by their content, so the rest of
// tp reads lab files from disk exactly as it does from the npm package or a clone.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { userCacheDir } from '../core/user-cache-dir.js';
import { ensurePrivateFolder, isPrivateFolder } from '../core/private-folder.js';

/** The asset's key in the executable (scripts/build-exe.mjs writes it). */
export const SHIPPED_FILES_ASSET = 'shipped-files.json';

const isInside = (relative: string): boolean => {
  const path = normalize(relative);
  return relative !== '' && !path.startsWith('..') && !path.startsWith(sep) && !/^[a-zA-Z]:/.test(path);
};

/**
 * Unpacks the files once per content under `cacheRoot`; returns the folder that holds them.
 * The root and the folder found there are trusted only as the user's own (core/private-folder.ts).
 */
export const unpackShippedFiles = (assetText: string, cacheRoot: string): string => {
  if (!isPrivateFolder(cacheRoot)) throw new Error(`${cacheRoot} is not a folder of this user's that no one else may write`);
  const target = join(cacheRoot, `files-${createHash('sha256').update(assetText).digest('hex').slice(0, 16)}`);
  if (existsSync(target)) {
    if (isPrivateFolder(target)) return target;
    throw new Error(`${target} is not a folder of this user's that no one else may write`);
  }
  const files = JSON.parse(assetText) as Record<string, string>;
  // Built into a folder of this process's own, then renamed whole: a tp started at the
  // same moment never sees half the labs, and the loser of a race keeps the winner's copy.
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [relative, text] of Object.entries(files)) {
      if (!isInside(relative)) throw new Error(`${SHIPPED_FILES_ASSET}: ${JSON.stringify(relative)} is not a relative path`);
      const file = join(staging, relative);
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, text);
    }
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
  return target;
};

/** Where the files are unpacked: the user's cache folder, or the temporary folder. */
const cacheRoots = (env: NodeJS.ProcessEnv): string[] =>
  // A read-only home (a locked-down lab machine) still has a temporary folder.
  [userCacheDir(env), join(tmpdir(), `tp-${process.getuid?.() ?? 'user'}`)];

/**
 * The files unpacked under the first of `roots` that is (or can be made) the user's private
 * folder; when none is, into a new private folder of this run (mkdtemp makes it 0700), so a
 * folder another user made first is never read from.
 */
export const unpackPrivately = (assetText: string, roots: readonly string[]): string => {
  for (const root of roots) {
    if (!ensurePrivateFolder(root)) continue;
    try {
      return unpackShippedFiles(assetText, root);
    } catch {
      // Read-only, full, or a folder inside that is not ours: the next root.
    }
  }
  return unpackShippedFiles(assetText, mkdtempSync(join(tmpdir(), `tp-${process.getuid?.() ?? 'user'}-`)));
};

/** The labs/ folder of the files inside this executable. Only called in the executable. */
export const labsInsideExecutable = (): string => {
  // `require` here is the executable's own, which loads Node's built-in modules.
  const sea = require('node:sea') as typeof import('node:sea');
  return join(unpackPrivately(sea.getAsset(SHIPPED_FILES_ASSET, 'utf8'), cacheRoots(process.env)), 'labs');
};
