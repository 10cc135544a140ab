// Bundles the CLI into dist/ for the npm package. What a start costs is mostly Node
// compiling modules, so tp's own code is one CommonJS file, dist/tp.cjs, that the bins
// run with V8's code cache (dist/start.cjs, from src/cli/start.ts): the modules of a
// command are evaluated only when that command runs (esbuild wraps what is imported
// with import() in a lazy initialiser), and one file is read and compiled once instead
// of ~55 ESM chunks resolved and linked one by one. The large libraries that `tp check`
// does not need are files of their own (dist/*.cjs), read on the first use of one of
// their exports.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { precompiledPlugin } from './precompile.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// The module tp imports → the file of dist/ that holds it. client-node is megabytes of
// generated code (watches, `tp lab test`); re2js runs only the `$regex` of a lab; ajv
// compiles schemas only for a lab file or cohort file the build did not see.
const LIBRARIES = {
  '@kubernetes/client-node': 'client-node.cjs',
  '@kubernetes/client-node/dist/exec_auth.js': 'exec-auth.cjs',
  re2js: 're2js.cjs',
  ajv: 'ajv.cjs',
};

// Node's own modules that only a rare path uses: commander requires child_process at its
// top for subcommands run as executables, which tp has none of.
const LAZY_BUILTINS = ['node:child_process'];

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

/** Each library as one CommonJS file; returns the names it exports. */
const buildLibraries = async (outDir) => {
  const exportsOf = {};
  for (const [name, file] of Object.entries(LIBRARIES)) {
    const outfile = `${outDir}/${file}`;
    await build({ ...common, stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: '.', loader: 'js' }, outfile, format: 'cjs' });
    exportsOf[name] = Object.keys(createRequire(import.meta.url)(resolve(outfile))).filter((key) => key !== 'default' && key !== '__esModule');
  }
  return exportsOf;
};

// In tp.js a library is a small CommonJS module whose exports are getters that require
// its file on first read: whoever imports it (even at the top of a module that is
// always evaluated, as core/pattern.ts) pays nothing until a value is used.
const librariesApart = (exportsOf) => ({
  name: 'libraries-apart',
  setup(builder) {
    const names = Object.keys(LIBRARIES).map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    builder.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'library-apart' }));
    // The stub's own require of the built-in is Node's (undefined: esbuild's default, external).
    builder.onResolve({ filter: new RegExp(`^(${LAZY_BUILTINS.join('|')})$`) }, (args) =>
      args.namespace === 'library-apart' ? undefined : { path: args.path, namespace: 'library-apart' },
    );
    builder.onLoad({ filter: /.*/, namespace: 'library-apart' }, (args) => {
      const builtin = LAZY_BUILTINS.includes(args.path);
      const required = builtin ? args.path : `./${LIBRARIES[args.path]}`;
      const keys = builtin ? Object.keys(createRequire(import.meta.url)(args.path)) : exportsOf[args.path];
      return {
        contents: [
          `let loaded; const load = () => (loaded ??= require(${JSON.stringify(required)}));`,
          ...keys.map((key) => `Object.defineProperty(exports, ${JSON.stringify(key)}, { enumerable: true, get: () => load()[${JSON.stringify(key)}] });`),
        ].join('\n'),
        loader: 'js',
      };
    });
    builder.onResolve({ filter: /^\.\/[\w-]+\.cjs$/, namespace: 'library-apart' }, (args) => ({ path: args.path, external: true }));
  },
});

// Built into a fresh folder and swapped in whole: files of an older build do not
// pile up, and a running tp never sees half a build.
const staging = `dist.tmp-${process.pid}`;
rmSync(staging, { recursive: true, force: true });

const exportsOf = await buildLibraries(staging);
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
