// The start of the npm bins (bin/tp.js, bin/kubectl-tp.js; built as dist/start.cjs): tp's bundle, dist/tp.cjs,
// run with V8's code cache of it (code-cache.ts). Each command has its own cache
// (check, list, grade…), as each compiles other functions. The single executable keeps
// the same caches, of the code inside it, through executable-main.ts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userCacheDir } from '../core/user-cache-dir.js';
import { ensurePrivateFolder } from '../core/private-folder.js';
import { loadWithCodeCache, type LibraryCacheFile, type LoadedModule } from './code-cache.js';
import { pruneOldCodeCaches } from './code-cache-prune.js';
import type { runTp } from './main.js';
import type { ProgramName } from './program-name.js';

// The SHA-256 of dist/tp.cjs, written in by scripts/bundle.mjs.
declare const TP_BUNDLE_HASH: string;

/** The cache of one command, named by the bundle's content and the Node that compiled it. */
export const codeCacheFile = (cacheDir: string, bundleHash: string, argv: readonly string[]): string => {
  const first = argv[0] ?? '';
  const command = /^[a-z][a-z-]{0,19}$/.test(first) ? first : 'other';
  return join(cacheDir, 'code-cache', `${bundleHash.slice(0, 16)}-node${process.versions.node}-${process.arch}-${command}.bin`);
};

/** The cache of a library apart (`client-node.cjs`…): one for every command. */
export const libraryCacheFile = (cacheDir: string, bundleHash: string, libraryFile: string): string =>
  join(cacheDir, 'code-cache', `${bundleHash.slice(0, 16)}-node${process.versions.node}-${process.arch}-${libraryFile.replace(/[^\w-]/g, '_')}.bin`);

/**
 * The folder of V8's code cache: the user's cache folder, when it is theirs alone (a cache is
 * code this process runs: one another user could write is not read); undefined for none.
 * TP_CODE_CACHE=off (or TP_CACHE=off, every cache of tp): compile from the source and write
 * nothing (what a first run costs).
 */
export const codeCacheDir = (env: NodeJS.ProcessEnv = process.env): string | undefined => {
  if (env.TP_CODE_CACHE === 'off' || env.TP_CACHE === 'off') return undefined;
  const dir = userCacheDir(env);
  return ensurePrivateFolder(dir) ? dir : undefined;
};

/**
 * Runs tp from the code `load` runs with the caches of this bundle and command (the npm bins
 * load dist/, the executable its assets), then saves the caches a first run made.
 */
export const runWithCaches = async (
  argv: string[],
  name: ProgramName,
  bundleHash: string,
  load: (cacheFile: string | undefined, libraryCache: LibraryCacheFile) => LoadedModule,
): Promise<number> => {
  const cacheDir = codeCacheDir();
  const loaded = load(cacheDir === undefined ? undefined : codeCacheFile(cacheDir, bundleHash, argv), (library) =>
    cacheDir === undefined ? undefined : libraryCacheFile(cacheDir, bundleHash, library),
  );
  const run = loaded.exports.runTp as typeof runTp;
  const { exitCode, stoppedAtError } = await run(argv, undefined, name);
  // A run that stopped at an error (a typo, a cluster not started) compiled little of its
  // command: its cache, kept by every run after it, would leave them compiling the rest at each
  // start. The cache is made by the first run that does the command's work.
  if (!stoppedAtError) {
    loaded.saveCache();
    // A cache just made (this build's first run of the command): the time to clear old builds' caches.
    if (cacheDir !== undefined && !loaded.cacheUsed) pruneOldCodeCaches(cacheDir, bundleHash);
  }
  return exitCode;
};

export const startTp = (argv: string[], name: ProgramName = 'tp'): Promise<number> => {
  const bundle = fileURLToPath(new URL('./tp.cjs', import.meta.url));
  return runWithCaches(argv, name, TP_BUNDLE_HASH, (cacheFile, libraryCache) => loadWithCodeCache(bundle, cacheFile, libraryCache));
};
