// Loads a CommonJS file through V8 with a code cache of it. Node 20 compiles every
// module from its source at each start (module.enableCompileCache came in Node 22),
// and compiling the bundle is most of what tp costs before it does any work. V8's
// cache holds the functions compiled by a run; it is made after the first run of
// a command and kept under the user's cache folder. V8 refuses a cache made from
// another source or by another V8, and then the file is compiled and the cache
// made again: a stale, truncated or foreign cache costs one compile, never a wrong run.
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** A cache larger than this is not one tp made (its bundle's cache is about 1 MB): not read. */
export const MAX_CODE_CACHE_BYTES = 64 * 1024 * 1024;

export interface LoadedModule {
  exports: Record<string, unknown>;
  /** Whether the cache was there and V8 took it. */
  cacheUsed: boolean;
  /** Writes the cache of what has been compiled so far, when none was used; never throws. */
  saveCache(): void;
}

const readBounded = (file: string): Buffer | undefined => {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const info = fstatSync(fd);
    const { size } = info;
    if (!info.isFile() || size === 0 || size > MAX_CODE_CACHE_BYTES) return undefined;
    const buffer = Buffer.alloc(size);
    return readSync(fd, buffer, 0, size, 0) === size ? buffer : undefined;
  } catch {
    // No cache yet, or one that cannot be read: compiled from the source.
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
};

const writeAtomically = (file: string, data: Buffer): void => {
  const staging = `${file}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(staging, data, { mode: 0o600 });
    // Renamed whole: a tp started at the same moment reads the old cache or the new, never half.
    renameSync(staging, file);
  } catch {
    // A read-only home: tp runs as well, only without the cache.
    rmSync(staging, { force: true });
  }
};

/** The cache file of a library beside the bundle (`re2js.cjs`…), or undefined for none. */
export type LibraryCacheFile = (libraryFile: string) => string | undefined;

// The libraries apart of the bundle (scripts/bundle.mjs): `require('./re2js.cjs')`.
const LIBRARY_BESIDE = /^\.\/[\w-]+\.cjs$/;

/**
 * Runs `file` as CommonJS (its `require` resolves beside it) with the cache `cacheFile`, if
 * any. The libraries it requires from its own folder are loaded the same way, each with
 * the cache `libraryCache` names; their caches are saved with the file's.
 */
export const loadWithCodeCache = (file: string, cacheFile: string | undefined, libraryCache: LibraryCacheFile = () => undefined): LoadedModule => {
  const bytes = readFileSync(file);
  // An ASCII file (the bundle is: scripts/bundle.mjs sees to it) is its bytes read as Latin-1, a copy
  // where UTF-8 would decode megabytes at every start; any other file is read as UTF-8.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cachedData = cacheFile === undefined ? undefined : readBounded(cacheFile);
  // The same wrapper as Node's own for CommonJS.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  const libraries = new Map<string, LoadedModule>();
  const nodeRequire = createRequire(file);
  const requireBeside = Object.assign(
    (id: string): unknown => {
      if (!LIBRARY_BESIDE.test(id)) return nodeRequire(id);
      let library = libraries.get(id);
      if (library === undefined) {
        const libraryFile = join(dirname(file), id);
        library = loadWithCodeCache(libraryFile, libraryCache(basename(libraryFile)));
        libraries.set(id, library);
      }
      return library.exports;
    },
    { resolve: nodeRequire.resolve, cache: nodeRequire.cache, main: nodeRequire.main, extensions: nodeRequire.extensions },
  );
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, requireBeside, module, file, dirname(file));
  return {
    exports: module.exports,
    cacheUsed,
    saveCache() {
      for (const library of libraries.values()) library.saveCache();
      if (cacheFile === undefined || cacheUsed) return;
      try {
        writeAtomically(cacheFile, script.createCachedData());
      } catch {
        // No cache this time; the next run tries again.
      }
    },
  };
};
