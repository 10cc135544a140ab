// The npm bins run tp's bundle with V8's code cache (src/cli/code-cache.ts): the
// first run of a command writes the cache, the next ones start from it, and a cache
// that does not fit (another build, a damaged file, a home that cannot be written)
// costs a compile, never a wrong or failed run. Each run is a process of its own, as
// a student's are: V8 also keeps what it compiled in memory, which would hide the cache.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CODE_CACHE_BYTES } from '../../src/cli/code-cache.js';
import { codeCacheDir, codeCacheFile } from '../../src/cli/start.js';

// A bundle big enough for V8 to cache something, that requires a file beside it as tp.cjs does.
const bundleText = (answer: number) =>
  `const { word } = require('./beside.cjs');\n${Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + ${answer}; }`).join('\n')}\nexports.main = () => \`\${word} \${f1(0)}\`;\n`;

const project = (answer = 42) => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-code-cache-'));
  writeFileSync(join(dir, 'beside.cjs'), "exports.word = 'answer';\n");
  writeFileSync(join(dir, 'tp.cjs'), bundleText(answer));
  return { bundle: join(dir, 'tp.cjs'), cache: join(dir, 'home', '.cache', 'tp', 'code-cache', 'check.bin'), dir };
};

// The loader, bundled on its own, run by a small script: node run.mjs <bundle> [cache].
let runner = '';
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-code-cache-runner-'));
  await build({ entryPoints: ['src/cli/code-cache.ts'], outfile: join(dir, 'code-cache.mjs'), bundle: true, format: 'esm', platform: 'node', logLevel: 'error' });
  runner = join(dir, 'run.mjs');
  writeFileSync(
    runner,
    "import { loadWithCodeCache } from './code-cache.mjs';\n" +
      "import { join, dirname } from 'node:path';\n" +
      'const cache = process.argv[3];\n' +
      'const loaded = loadWithCodeCache(process.argv[2], cache, (library) => cache && join(dirname(cache), `${library}.bin`));\n' +
      'const printed = loaded.exports.main();\nloaded.saveCache();\n' +
      'console.log(JSON.stringify({ printed, cacheUsed: loaded.cacheUsed }));\n',
  );
  // The executable's way (src/cli/executable-main.ts): the code and its libraries as text, by name, none on disk.
  textRunner = join(dir, 'run-text.mjs');
  writeFileSync(
    textRunner,
    "import { runWithCodeCache } from './code-cache.mjs';\n" +
      "import { createRequire } from 'node:module';\n" +
      "import { join, dirname } from 'node:path';\n" +
      'const [texts, cache] = [JSON.parse(process.argv[2]), process.argv[3]];\n' +
      "const source = (name) => ({ filename: `/inside/${name}`, text: texts[name] });\n" +
      "const loaded = runWithCodeCache(source('tp.cjs'), cache, { library: source, libraryCache: (library) => join(dirname(cache), `${library}.bin`), require: createRequire(import.meta.url) });\n" +
      'const printed = loaded.exports.main();\nloaded.saveCache();\n' +
      'console.log(JSON.stringify({ printed, cacheUsed: loaded.cacheUsed }));\n',
  );
});

let textRunner = '';

const run = (bundle: string, cache: string | undefined): { printed: string; cacheUsed: boolean } => {
  const child = spawnSync(process.execPath, [runner, bundle, ...(cache === undefined ? [] : [cache])], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the loader failed (exit ${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout) as { printed: string; cacheUsed: boolean };
};

describe('the code cache of the bundle', () => {
  it('is written by the first run and used by the next, which print the same', () => {
    const { bundle, cache } = project();
    expect(run(bundle, cache)).toEqual({ printed: 'answer 42', cacheUsed: false });
    expect(existsSync(cache)).toBe(true);
    // The library it requires beside it has its cache too.
    expect(existsSync(join(cache, '..', 'beside.cjs.bin'))).toBe(true);
    expect(run(bundle, cache)).toEqual({ printed: 'answer 42', cacheUsed: true });
  });

  it('made for another bundle is refused: the new code runs, and its cache replaces the old', () => {
    const { bundle, cache } = project();
    run(bundle, cache);
    const old = readFileSync(cache);
    writeFileSync(bundle, bundleText(7));
    expect(run(bundle, cache)).toEqual({ printed: 'answer 7', cacheUsed: false });
    expect(readFileSync(cache).equals(old)).toBe(false);
    expect(run(bundle, cache)).toEqual({ printed: 'answer 7', cacheUsed: true });
  });

  it('damaged or cut short is refused and made again', () => {
    const { bundle, cache } = project();
    run(bundle, cache);
    const whole = readFileSync(cache);
    writeFileSync(cache, whole.subarray(0, whole.length >> 1));
    expect(run(bundle, cache)).toEqual({ printed: 'answer 42', cacheUsed: false });
    writeFileSync(cache, Buffer.alloc(whole.length, 0x5a));
    expect(run(bundle, cache)).toEqual({ printed: 'answer 42', cacheUsed: false });
    expect(run(bundle, cache).cacheUsed).toBe(true);
  });

  it('is not read when it is larger than any cache tp makes', () => {
    const { bundle, cache } = project();
    mkdirSync(join(cache, '..'), { recursive: true });
    writeFileSync(cache, '');
    truncateSync(cache, MAX_CODE_CACHE_BYTES + 1);
    expect(run(bundle, cache)).toEqual({ printed: 'answer 42', cacheUsed: false });
  });

  it('in a folder that cannot be written, tp runs as well and leaves nothing behind', () => {
    const { bundle, dir } = project();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const cache = join(locked, 'code-cache', 'check.bin');
    // root may write anywhere: then the cache is simply written.
    const rootUser = process.getuid?.() === 0;
    expect(run(bundle, cache)).toEqual({ printed: 'answer 42', cacheUsed: false });
    expect(readdirSync(locked)).toEqual(rootUser ? ['code-cache'] : []);
    chmodSync(locked, 0o700);
  });

  it('without a cache file (TP_CODE_CACHE=off), nothing is written', () => {
    const { bundle, dir } = project();
    expect(run(bundle, undefined)).toEqual({ printed: 'answer 42', cacheUsed: false });
    expect(readdirSync(dir).sort()).toEqual(['beside.cjs', 'tp.cjs']);
  });

  it('has one file per command under the cache folder, named by the bundle and the Node that made it', () => {
    const file = codeCacheFile('/home/alice/.cache/tp', 'c0626dbb128ffb65aaaa', ['check', '4']);
    expect(file).toBe(`/home/alice/.cache/tp/code-cache/c0626dbb128ffb65-node${process.versions.node}-${process.arch}-check.bin`);
    expect(codeCacheFile('/c', 'ab', ['--version'])).toMatch(/-other\.bin$/);
    expect(codeCacheFile('/c', 'ab', ['../../etc/passwd'])).toMatch(/^\/c\/code-cache\/ab-node[^/]*-other\.bin$/);
  });
});

describe('the code cache of code given as text (the executable\'s assets)', () => {
  const runText = (texts: Record<string, string>, cache: string) => {
    const child = spawnSync(process.execPath, [textRunner, JSON.stringify(texts), cache], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the loader failed (exit ${child.status}): ${child.stderr}`);
    return JSON.parse(child.stdout) as { printed: string; cacheUsed: boolean };
  };

  it('runs the code and the libraries it requires by name, with a cache for each, used by the next run', () => {
    const cache = join(mkdtempSync(join(tmpdir(), 'tp-code-cache-text-')), 'code-cache', 'check.bin');
    const texts = { 'tp.cjs': bundleText(42), 'beside.cjs': "exports.word = 'inside';\n" };
    expect(runText(texts, cache)).toEqual({ printed: 'inside 42', cacheUsed: false });
    expect(readdirSync(join(cache, '..')).sort()).toEqual(['beside.cjs.bin', 'check.bin']);
    expect(runText(texts, cache)).toEqual({ printed: 'inside 42', cacheUsed: true });
    // Other code under the same cache file: refused, and the new code runs.
    expect(runText({ ...texts, 'tp.cjs': bundleText(7) }, cache)).toEqual({ printed: 'inside 7', cacheUsed: false });
  });
});

describe('the folder of the code cache', () => {
  it('is the user\'s cache folder, made private when missing, and none when others may write it', () => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'tp-cache-home-'));
    expect(codeCacheDir({ XDG_CACHE_HOME: cacheHome })).toBe(join(cacheHome, 'tp'));
    chmodSync(join(cacheHome, 'tp'), 0o777);
    expect(codeCacheDir({ XDG_CACHE_HOME: cacheHome })).toBeUndefined();
    expect(codeCacheDir({ XDG_CACHE_HOME: cacheHome, TP_CODE_CACHE: 'off' })).toBeUndefined();
  });
});

describe('the code cache of a command, by the npm bin', () => {
  // The bin runs dist/ (npm test builds it first).
  const tp = (cacheHome: string, ...args: string[]) => {
    if (!existsSync('dist/start.cjs')) throw new Error('dist/ is missing: run npm run build first');
    return spawnSync(process.execPath, ['bin/tp.js', ...args], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome, TP_CACHE: undefined, TP_CODE_CACHE: undefined } });
  };
  const caches = (cacheHome: string) => (existsSync(join(cacheHome, 'tp', 'code-cache')) ? readdirSync(join(cacheHome, 'tp', 'code-cache')) : []);

  it('is not made by a run that stops at an error, but by the first that does the work', () => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'tp-cache-run-'));
    const missing = join(mkdtempSync(join(tmpdir(), 'tp-no-lab-')), 'lab.yaml');
    // A lab file that is not there: the run compiled little of `tp lab`, and keeps none of it.
    expect(tp(cacheHome, 'lab', 'lint', missing).status).toBe(2);
    expect(caches(cacheHome).filter((file) => file.endsWith('-lab.bin'))).toEqual([]);
    expect(tp(cacheHome, 'lab', 'lint', 'labs/tp4/lab.yaml').status).toBe(0);
    expect(caches(cacheHome).filter((file) => file.endsWith('-lab.bin'))).toHaveLength(1);
    // The version is what was asked for: its run keeps its cache.
    expect(tp(cacheHome, '--version').status).toBe(0);
    expect(caches(cacheHome).filter((file) => file.endsWith('-other.bin'))).toHaveLength(1);
  });
});
