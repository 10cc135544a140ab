// npm run build:exe: a single executable of tp for students without Node, made with
// Node's single executable applications (SEA) from the Node running this script:
//   1. esbuild bundles the CLI as for the npm package (scripts/bundle.mjs): tp.cjs and the
//      libraries it keeps apart (client-node.cjs…), built for the executable; they go in
//      as assets, and the SEA main script is a small loader (src/cli/executable-main.ts)
//      that runs them with V8's code cache per command, as the npm bins do;
//   2. the labs, answers templates and schemas (never the reference solutions) go in
//      as one asset, unpacked at run time by src/lab/executable-labs.ts;
//   3. `node --experimental-sea-config` writes the preparation blob;
//   4. postject injects it into a copy of the node binary.
// It builds for the platform it runs on: dist/exe/tp-<os>-<arch>[.exe] (`--out <dir>` for
// another folder: the tests build into a temporary one). The release workflow
// (examples/release/release.yml) runs it on each platform's runner.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import postject from 'postject';
import { buildLibraries, LIBRARIES, librariesApart } from './libraries-apart.mjs';
import { precompiledPlugin } from './precompile.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values: options } = parseArgs({ options: { out: { type: 'string', default: join(root, 'dist', 'exe') } } });
const outDir = resolve(options.out);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const osName = { linux: 'linux', darwin: 'macos', win32: 'windows' }[process.platform] ?? process.platform;
const executable = join(outDir, `tp-${osName}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`);

// Optional add-ons that client-node's dependencies (ws, node-fetch, debug) try to
// require inside a try: in the executable they are absent on purpose (its loader
// loads nothing from the disk), and made so at build time.
const OPTIONAL_ADDONS = /^(bufferutil|utf-8-validate|supports-color|encoding)$/;
const absentAddons = {
  name: 'absent-optional-addons',
  setup(builder) {
    builder.onResolve({ filter: OPTIONAL_ADDONS }, (args) => ({ path: args.path, namespace: 'absent' }));
    builder.onLoad({ filter: /.*/, namespace: 'absent' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not in the tp executable`)});`,
    }));
  },
};

/** The files students need beside the code: lab.yaml of every lab, answers templates, schemas. */
const shippedFiles = () => {
  const files = {};
  const add = (path) => {
    files[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8');
  };
  // A lab is a folder holding lab.yaml, as tp lists them (labs/ckad/ holds a plan, no lab).
  for (const lab of readdirSync(join(root, 'labs'), { withFileTypes: true }).filter((e) => e.isDirectory())) {
    if (existsSync(join(root, 'labs', lab.name, 'lab.yaml'))) add(join(root, 'labs', lab.name, 'lab.yaml'));
  }
  // Only the templates: a hint state (answers/.tp-hints_*) left by a `tp check` run in the repo is no template.
  for (const name of readdirSync(join(root, 'answers')).filter((n) => n.startsWith('answers_'))) add(join(root, 'answers', name));
  for (const name of readdirSync(join(root, 'schema'))) add(join(root, 'schema', name));
  return files;
};

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // find.ts's import.meta.url is never read in the executable (its labs are inside).
  logOverride: { 'empty-import-meta': 'silent' },
};

/**
 * tp's bundle and its libraries apart, in `work`; returns the names of the code assets and
 * the SHA-256 of their content, which names the executable's code caches.
 */
const bundleCode = async (work) => {
  const exportsOf = await buildLibraries(work, { ...common, plugins: [absentAddons] });
  await build({
    ...common,
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: join(work, 'tp.cjs'),
    define: { TP_VERSION: JSON.stringify(version), TP_EXECUTABLE: 'true' },
    plugins: [absentAddons, librariesApart(exportsOf), await precompiledPlugin()],
  });
  const code = ['tp.cjs', ...Object.values(LIBRARIES)];
  const hash = createHash('sha256');
  for (const name of code) hash.update(`${name}\0`).update(readFileSync(join(work, name))).update('\0');
  return { code, bundleHash: hash.digest('hex') };
};

/** The SEA main script: one CommonJS file that imports only Node's built-ins, the loader of the assets. */
const bundleLoader = (file, bundleHash) =>
  build({
    ...common,
    entryPoints: [join(root, 'src/cli/executable-main.ts')],
    outfile: file,
    define: { TP_BUNDLE_HASH: JSON.stringify(bundleHash) },
  });

/** The preparation blob of the loader, tp's code and the shipped files. */
const makeBlob = (work, code, files) => {
  writeFileSync(join(work, 'shipped-files.json'), JSON.stringify(files));
  const seaConfig = {
    main: join(work, 'loader.cjs'),
    output: join(work, 'sea-prep.blob'),
    disableExperimentalSEAWarning: true,
    // V8's code cache of the loader, made now (tp's own code has one per command, made at run time).
    useCodeCache: true,
    assets: Object.fromEntries(['shipped-files.json', ...code].map((name) => [name, join(work, name)])),
  };
  writeFileSync(join(work, 'sea-config.json'), JSON.stringify(seaConfig, null, 2));
  run(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')]);
  return readFileSync(seaConfig.output);
};

/** A copy of this node binary with the blob injected. */
const injectInto = async (file, blob) => {
  rmSync(file, { force: true });
  copyFileSync(process.execPath, file);
  chmodSync(file, 0o755);
  // macOS refuses a binary whose signature no longer matches: remove it, inject, sign ad hoc.
  if (process.platform === 'darwin') run('codesign', ['--remove-signature', file]);
  await postject.inject(file, 'NODE_SEA_BLOB', blob, {
    sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
    ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
  });
  if (process.platform === 'darwin') run('codesign', ['--sign', '-', file]);
};

const started = Date.now();
const files = shippedFiles();
if (Object.keys(files).some((path) => path.includes('/solution/'))) throw new Error('a reference solution would go into the executable');
// The bundle, the asset and the blob are intermediate: made in a folder of this run's own, then removed.
const work = mkdtempSync(join(tmpdir(), 'tp-build-exe-'));
try {
  const { code, bundleHash } = await bundleCode(work);
  await bundleLoader(join(work, 'loader.cjs'), bundleHash);
  const blob = makeBlob(work, code, files);
  mkdirSync(outDir, { recursive: true });
  await injectInto(executable, blob);
} finally {
  rmSync(work, { recursive: true, force: true });
}

const megabytes = (statSync(executable).size / 1e6).toFixed(1);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const shown = relative(process.cwd(), executable).startsWith('..') ? executable : relative(process.cwd(), executable);
console.log(`${shown}: ${megabytes} MB, node ${process.version}, ${Object.keys(files).length} shipped files, ${seconds} s`);
