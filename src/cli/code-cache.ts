// Runs CommonJS code (a file of the npm package, an asset of the single executable)
// through V8 with a code cache of it. Node 20 compiles every module from its source at
// each start (module.enableCompileCache came in Node 22), and compiling the bundle is
// most of what tp costs before it does any work. V8's cache holds the functions
// compiled by a run; it is made after the first run of a command and kept under the
// user's cache folder. V8 refuses a cache made from another source or by another V8,
// and then the code is compiled and the cache made again: a stale, truncated or
// foreign cache costs one compile, never a wrong run.
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/**
 * The text of code read as bytes. An ASCII file (the bundle is: scripts/bundle.mjs sees to it) is
 * its bytes read as Latin-1, a copy where UTF-8 would decode megabytes at every start.
 */
export const codeText = (bytes: Uint8Array): string => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString(isAscii(buffer) ? 'latin1' : 'utf8');
};

/** CommonJS code to run: its text and the file name V8 gives it (stack traces). */
export interface CodeSource {
  filename: string;
  text: string;
}

/** Where the code run finds what it requires. */
export interface CodeLinks {
  /** A library apart (`re2js.cjs`, the name it is required by without `./`). */
  library(name: string): CodeSource;
  /** The cache file of that library, or undefined for none. */
  libraryCache: LibraryCacheFile;
  /** Anything else it requires: Node's built-in modules, or files on disk. */
  require: NodeJS.Require;
}

// The libraries apart of the bundle (scripts/bundle.mjs): `require('./re2js.cjs')`.
const LIBRARY_BESIDE = /^\.\/([\w-]+\.cjs)$/;

/**
 * Runs `source` as CommonJS with the cache `cacheFile`, if any. The libraries it requires
 * as `./<name>.cjs` come from `links.library` and are run the same way, each with the cache
 * `links.libraryCache` names; their caches are saved with the source's.
 */
export const runWithCodeCache = (source: CodeSource, cacheFile: string | undefined, links: CodeLinks): LoadedModule => {
  const cachedData = cacheFile === undefined ? undefined : readBounded(cacheFile);
  // The same wrapper as Node's own for CommonJS.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source.text}\n})`, {
    filename: source.filename,
    ...(cachedData ? { cachedData } : {}),
  });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  const libraries = new Map<string, LoadedModule>();
  const requireBeside = Object.assign(
    (id: string): unknown => {
      const name = LIBRARY_BESIDE.exec(id)?.[1];
      if (name === undefined) return links.require(id);
      let library = libraries.get(name);
      if (library === undefined) {
        library = runWithCodeCache(links.library(name), links.libraryCache(name), links);
        libraries.set(name, library);
      }
      return library.exports;
    },
    { resolve: links.require.resolve, cache: links.require.cache, main: links.require.main, extensions: links.require.extensions },
  );
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, requireBeside, module, source.filename, dirname(source.filename));
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

/**
 * Runs `file` as CommonJS (its `require` resolves beside it) with the cache `cacheFile`, if
 * any. The libraries it requires from its own folder are loaded the same way, each with
 * the cache `libraryCache` names; their caches are saved with the file's.
 */
export const loadWithCodeCache = (file: string, cacheFile: string | undefined, libraryCache: LibraryCacheFile = () => undefined): LoadedModule => {
  const fileSource = (path: string): CodeSource => ({ filename: path, text: codeText(readFileSync(path)) });
  return runWithCodeCache(fileSource(file), cacheFile, {
    library: (name) => fileSource(join(dirname(file), name)),
    libraryCache,
    require: createRequire(file),
  });
};
