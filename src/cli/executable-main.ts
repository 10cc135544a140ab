// Entry point of the single executable (npm run build:exe), its SEA main script: a small
// loader. tp's bundle and the libraries it keeps apart are assets of the executable
// (scripts/build-exe.mjs), run as the npm bins run dist/tp.cjs (start.ts): through V8
// with a code cache per command under the user's cache folder (code-cache.ts). Node's
// own SEA code cache is made at build time and holds only top-level code, so a bundle
// as the main script would compile every function a command runs at each start.
// Its argv[1] is the path it was started by, so a copy or link named kubectl-tp (krew
// installs one) answers as `kubectl tp`.
import { createRequire, isBuiltin } from 'node:module';
import { join } from 'node:path';
import { getAsset } from 'node:sea';
import { codeText, runWithCodeCache, type CodeSource } from './code-cache.js';
import { programNameFor } from './program-name.js';
import { runWithCaches } from './start.js';

// The SHA-256 of the bundle and its libraries, written in by scripts/build-exe.mjs: the
// caches of one executable are never read by another.
declare const TP_BUNDLE_HASH: string;

/** The asset that holds tp's bundle; its libraries are the assets `<name>.cjs` it requires. */
export const BUNDLE_ASSET = 'tp.cjs';

const assetSource = (name: string): CodeSource => ({
  // Inside the executable, as stack traces show it.
  filename: join(process.execPath, name),
  text: codeText(new Uint8Array(getAsset(name))),
});

// Nothing is loaded from the disk beside the executable: what the bundle requires is
// inside (the libraries apart) or is Node's own.
const nodeRequire = createRequire(process.execPath);
const builtinsOnly: NodeJS.Require = Object.assign((id: string): unknown => {
  if (!isBuiltin(id)) throw Object.assign(new Error(`${id} is not in the tp executable`), { code: 'MODULE_NOT_FOUND' });
  return nodeRequire(id);
}, nodeRequire);

const startExecutable = (argv: string[]): Promise<number> =>
  runWithCaches(argv, programNameFor(process.argv[1]), TP_BUNDLE_HASH, (cacheFile, libraryCache) =>
    runWithCodeCache(assetSource(BUNDLE_ASSET), cacheFile, { library: assetSource, libraryCache, require: builtinsOnly }),
  );

void startExecutable(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
