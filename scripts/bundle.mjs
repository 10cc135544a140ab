// Bundles the CLI into dist/ for the npm package. What a start costs is mostly Node
// compiling modules, so tp's own code is one CommonJS file, dist/tp.cjs, that the bins
// run with V8's code cache (dist/start.cjs, from src/cli/start.ts): the modules of a
// command are evaluated only when that command runs (esbuild wraps what is imported
// with import() in a lazy initialiser), and one file is read and compiled once instead
// of ~55 ESM chunks resolved and linked one by one. The large libraries that `tp check`
// does not need are files of their own (dist/*.cjs, scripts/libraries-apart.mjs), read
// on the first use of one of their exports.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { buildLibraries, librariesApart } from './libraries-apart.mjs';
import { precompiledPlugin } from './precompile.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

// Built into a fresh folder and swapped in whole: files of an older build do not
// pile up, and a running tp never sees half a build.
const staging = `dist.tmp-${process.pid}`;
rmSync(staging, { recursive: true, force: true });

const exportsOf = await buildLibraries(staging, common);
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: `${staging}/tp.cjs`,
  format: 'cjs',
  // TP_EXECUTABLE is true only in the single executable's bundle (scripts/build-exe.mjs).
  // find.ts finds the labs from its own address: the bundle's, in CommonJS.
  define: { TP_VERSION: JSON.stringify(version), TP_EXECUTABLE: 'false', 'import.meta.url': '__tpImportMetaUrl' },
  banner: { js: "const __tpImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  // The shipped labs loaded and the JSON Schemas compiled now, not at every start.
  plugins: [librariesApart(exportsOf), await precompiledPlugin()],
});

// The bins read an ASCII file as Latin-1, a copy of its bytes, where UTF-8 is a decoding of
// 2.4 MB at every start: the bundle must stay ASCII only (the libraries apart, read rarely,
// may not be). esbuild writes escapes for what is not ASCII, except in a few places (the
// literal characters of a regular expression): say where.
{
  const file = `${staging}/tp.cjs`;
  const bytes = readFileSync(file);
  const at = bytes.findIndex((byte) => byte > 0x7f);
  if (at !== -1) {
    const line = bytes.subarray(0, at).toString('latin1').split('\n').length;
    throw new Error(`${file}:${line}: a character beyond ASCII (write it as an escape, e.g. \\u00b5): ${bytes.subarray(Math.max(0, at - 40), at + 10).toString('utf8')}`);
  }
}

// The bins' start: it names its code cache by the bundle's content. CommonJS, as the bins are
// (bin/package.json): Node does not start its ESM loader for them, milliseconds of every run.
const bundleHash = createHash('sha256').update(readFileSync(`${staging}/tp.cjs`)).digest('hex');
await build({
  ...common,
  entryPoints: ['src/cli/start.ts'],
  outfile: `${staging}/start.cjs`,
  format: 'cjs',
  define: { TP_BUNDLE_HASH: JSON.stringify(bundleHash), 'import.meta.url': '__tpImportMetaUrl' },
  banner: { js: "const __tpImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// dist/exe (npm run build:exe) is not this script's: it moves into the new dist whole.
if (existsSync('dist/exe')) renameSync('dist/exe', `${staging}/exe`);

const previous = `dist.old-${process.pid}`;
try {
  renameSync('dist', previous);
} catch {
  // no previous build
}
renameSync(staging, 'dist');
rmSync(previous, { recursive: true, force: true });
