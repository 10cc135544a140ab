// Builds the CLI into a directory of its own, for tests that must run `tp` as
// a separate process (signals): dist/ may be stale or being rebuilt by another run.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** Returns the path of a script to run with node, taking tp's arguments. */
export const bundleCli = async (): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-cli-bundle-'));
  const { version } = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };
  await build({
    entryPoints: { tp: resolve('src/cli/main.ts') },
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    define: { TP_VERSION: JSON.stringify(version) },
    banner: { js: "import { createRequire as __tpCreateRequire } from 'node:module'; const require = __tpCreateRequire(import.meta.url);" },
  });
  const entry = join(dir, 'run.mjs');
  writeFileSync(entry, "import { main } from './tp.js';\nprocess.exitCode = await main(process.argv.slice(2));\n");
  return entry;
};
