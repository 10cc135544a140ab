// Entry point of the single executable (npm run build:exe). Node's SEA runs this small
// script; tp's bundle is an asset of the executable (`tp.cjs`, the labs inside), run
// with V8's code cache under ~/.cache/tp as the npm bins run theirs (start.ts): the
// SEA's own cache, made at build time, holds only what runs while the bundle loads.
// Its argv[1] is the path it was started by, so a copy or link named kubectl-tp (krew
// installs one) answers as `kubectl tp`.
import { getAsset } from 'node:sea';
import { userCacheDir } from '../core/user-cache-dir.js';
import { codeCacheFile, runWithCodeCache } from './code-cache.js';
import type { main as tpMain } from './main.js';
import { programNameFor } from './program-name.js';

// The SHA-256 of the bundle asset, written in by scripts/build-exe.mjs.
declare const TP_BUNDLE_HASH: string;

/** The asset's key in the executable (scripts/build-exe.mjs writes it). */
export const BUNDLE_ASSET = 'tp.cjs';

const argv = process.argv.slice(2);
// TP_CODE_CACHE=off: compile from the source and write nothing (what a first run costs).
const cacheFile = process.env.TP_CODE_CACHE === 'off' ? undefined : codeCacheFile(userCacheDir(), TP_BUNDLE_HASH, argv);
// The executable's require: Node's built-in modules (and node:sea), all the bundle asks for.
const loaded = runWithCodeCache(getAsset(BUNDLE_ASSET, 'utf8'), BUNDLE_ASSET, cacheFile, require);
const main = loaded.exports.main as typeof tpMain;

void main(argv, undefined, programNameFor(process.argv[1])).then((code) => {
  process.exitCode = code;
  loaded.saveCache();
});
