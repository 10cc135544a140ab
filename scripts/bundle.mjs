// Bundles the CLI into dist/ (ESM, code-split so commands load lazily):
// one file to start instead of hundreds of modules keeps `tp` start-up fast.
import { build } from 'esbuild';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { precompiledPlugin } from './precompile.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Chunk names change with their content: build into a fresh folder and swap it
// in whole, so old chunks do not pile up and a running tp never sees half a build.
const staging = `dist.tmp-${process.pid}`;
rmSync(staging, { recursive: true, force: true });

await build({
  entryPoints: { tp: 'src/cli/main.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // TP_EXECUTABLE is true only in the single executable's bundle (scripts/build-exe.mjs).
  define: { TP_VERSION: JSON.stringify(version), TP_EXECUTABLE: 'false' },
  // CommonJS dependencies bundled into ESM still call require() for node built-ins. Made on
  // first use: createRequire costs a path resolution, and every chunk has this banner.
  banner: {
    js: "import { createRequire as __tpCreateRequire } from 'node:module'; let __tpRequire; const require = (id) => (__tpRequire ??= __tpCreateRequire(import.meta.url))(id);",
  },
  // The shipped labs loaded and the JSON Schemas compiled now, not at every start.
  plugins: [await precompiledPlugin()],
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
