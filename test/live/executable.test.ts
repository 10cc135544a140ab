// The single executable for students without Node (npm run build:exe), built here
// into a folder of the test's own, then run with an empty PATH (no node, no npm),
// on a solved TP4 namespace of the local cluster: tp list, init, explain, check;
// and as kubectl's plugin, installed by krew (built from its Go module) from the
// release archive and the krew manifest that scripts/krew-manifest.mjs fills in.
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { Script } from 'node:vm';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { kubectlPath, runCommand, scoreOf } from '../support/installed-tp.js';
import { solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { releaseStep } from '../support/release-workflow.js';

const kubeconfig = resolve(testKubeconfigPath());
const root = mkdtempSync(join(tmpdir(), 'tp-exe-'));
const outDir = join(root, 'out');
const home = join(root, 'home');
const release = join(root, 'release');
const krewRoot = join(root, 'krew');
const executable = join(outDir, `tp-${process.platform === 'darwin' ? 'macos' : process.platform}-${process.arch}`);
// No node, no npm, no kubectl on PATH: the executable needs none of them.
const bareEnv = { PATH: '', HOME: home, LANG: 'en_US.UTF-8', NO_COLOR: '1' };
let solved: SolvedTp4;

const tp = (args: string[], cwd: string, env: Record<string, string> = bareEnv) => runCommand(executable, args, { cwd, env });
const studentDir = () => mkdtempSync(join(root, 'student-'));
const checkArgs = (...extra: string[]) => ['check', '4', '--kubeconfig', kubeconfig, '-n', solved.namespace, '--http-via', 'nodeport', '--timeout', '2', ...extra];
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));

/**
 * The release steps of examples/release/release.yml for this platform, as written there (its smoke test
 * and its archive, run with bash in a checkout-like folder), then `kubectl krew install` of the result.
 */
const installWithKrew = async (krew: string) => {
  const target = basename(executable).replace(/^tp-/, '');
  const checkout = join(root, 'checkout');
  mkdirSync(join(checkout, 'dist', 'exe'), { recursive: true });
  for (const file of ['README.md', 'LICENSE']) copyFileSync(file, join(checkout, file));
  linkSync(executable, join(checkout, 'dist', 'exe', basename(executable)));
  const step = (name: string) =>
    execa('bash', ['-c', releaseStep('executable', name, { 'matrix.target': target })], {
      cwd: checkout,
      env: { RUNNER_OS: 'Linux', RUNNER_TEMP: join(root, 'runner-temp') },
    });
  mkdirSync(join(root, 'runner-temp'));
  const smoke = await step('Smoke test, with no node on PATH');
  expect(smoke.stdout).toMatch(/^\d+\.\d+\.\d+\nID\s+Exercises/);
  expect(smoke.stdout).toMatch(/^tp4\s+7\s+34\s/m);
  await step('Archive (krew installs from .tar.gz, or .zip on Windows)');
  mkdirSync(release, { recursive: true });
  renameSync(join(checkout, 'release', `${basename(executable)}.tar.gz`), join(release, `${basename(executable)}.tar.gz`));
  // The other platforms' archives are built on their own runners: stand-ins here, for their checksums.
  for (const other of ['linux-arm64', 'macos-x64', 'macos-arm64'].map((t) => `tp-${t}.tar.gz`).concat('tp-windows-x64.zip')) {
    if (other !== `${basename(executable)}.tar.gz`) writeFileSync(join(release, other), `stand-in for ${other}\n`);
  }
  const manifest = await execa(process.execPath, ['scripts/krew-manifest.mjs', '--version', 'v0.0.0-test', '--repository', 'https://github.com/example/tp', '--archives', release]);
  writeFileSync(join(release, 'tp.yaml'), manifest.stdout);
  await execa(krew, ['install', `--manifest=${join(release, 'tp.yaml')}`, `--archive=${join(release, `${basename(executable)}.tar.gz`)}`], {
    env: { PATH: '', HOME: home, KREW_ROOT: krewRoot },
    extendEnv: false,
    stdin: 'ignore',
  });
};

beforeAll(async () => {
  mkdirSync(home, { recursive: true });
  // Built side by side: the executable (node, postject) and krew (go).
  const [, krewBuild] = await Promise.all([
    execa(process.execPath, ['scripts/build-exe.mjs', '--out', outDir]),
    execa('bash', ['scripts/packaging/build-krew.sh']),
  ]);
  await installWithKrew(krewBuild.stdout.trim());
  solved = await solvedTp4Namespace('tp-exe', makeKubeConfig());
}, 600_000);

afterAll(async () => {
  await solved?.remove();
  rmSync(root, { recursive: true, force: true });
});

describe('the single executable, with an empty PATH', () => {
  it('tp list shows the labs, and prints nothing on stderr', async () => {
    const { exitCode, stdout, stderr } = await tp(['list'], studentDir());
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^tp4\s+7\s+34\s+TP4/m);
    expect(stdout).toMatch(/^pods\s/m);
  });

  it('holds the lab files, answers templates and schemas, never a reference solution', async () => {
    await tp(['list'], studentDir());
    // Beside the labs: V8's code cache of tp's own code (below).
    const [unpacked, ...others] = readdirSync(join(home, '.cache', 'tp')).filter((name) => name !== 'code-cache');
    expect(others).toEqual([]);
    const files = filesUnder(join(home, '.cache', 'tp', unpacked as string)).sort();
    expect(files).toContain('labs/tp4/lab.yaml');
    expect(files).toContain('answers/answers_tp4');
    expect(files).toContain('schema/lab.schema.json');
    expect(files.filter((file) => !/^(labs\/[a-z0-9-]+\/lab\.yaml|answers\/answers_[a-z0-9-]+|schema\/[\w.-]+\.json)$/.test(file))).toEqual([]);
    // Nor hidden in the binary: no solution file's text is in it.
    const binary = readFileSync(executable);
    for (const lab of ['tp4', 'pods']) {
      for (const file of readdirSync(join('labs', lab, 'solution'))) {
        expect(binary.includes(readFileSync(join('labs', lab, 'solution', file))), `labs/${lab}/solution/${file}`).toBe(false);
      }
    }
  });

  it('tp init 4, tp explain 4, then tp check 4 with an explicit --kubeconfig: 34/34, exit 0', async () => {
    const cwd = studentDir();
    expect((await tp(['init', '4'], cwd)).exitCode).toBe(0);
    expect(readFileSync(join(cwd, 'answers/answers_tp4'), 'utf8')).toContain('"Answer1": "<fix me>"');
    const explain = await tp(['explain', '4'], cwd);
    expect(explain.exitCode).toBe(0);
    expect(explain.stdout).toContain('[configmap]');

    expect((await tp(checkArgs(), cwd)).exitCode).toBe(1);
    writeFileSync(join(cwd, 'answers/answers_tp4'), answersFileText(tp4Answers(kubeconfig)));
    const check = await tp(checkArgs('--format', 'json'), cwd);
    expect(check.stderr).toBe('');
    expect(scoreOf(check.stdout)).toBe('34/34');
    expect(check.exitCode).toBe(0);
  });

  // The bundled RE2 engine (re2js) runs in the executable: tp check 4 above passed its image $regex.
  it('tp lab lint refuses a $regex RE2 cannot run in linear time, with file:line:col', async () => {
    const cwd = studentDir();
    const lab = join(cwd, 'lab.yaml');
    writeFileSync(lab, readFileSync(resolve('labs/tp4/lab.yaml'), 'utf8').replace(':v0\\\\.2(@sha256:[0-9a-f]+)?$', () => '^(v)\\\\1$'));
    const run = await tp(['lab', 'lint', lab], cwd);
    expect(run.exitCode).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/lab\.yaml:\d+:\d+ \$regex of check "image-v0-2" is not a linear-time \(RE2\) pattern/);
  });

  it('an unreachable cluster is exit 2 with a message, as with the npm package', async () => {
    const cwd = studentDir();
    const broken = join(cwd, 'kubeconfig');
    writeFileSync(broken, readFileSync(kubeconfig, 'utf8').replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:1'));
    const run = await tp(['check', '4', '--kubeconfig', broken, '--timeout', '1'], cwd);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/tp: /);
    expect(run.stdout).toBe('');
  });

  it('without a writable home it unpacks its labs in the temporary folder, and runs without a code cache', async () => {
    const temporary = join(root, 'tmp');
    mkdirSync(temporary, { recursive: true });
    // A home below a regular file cannot be created, even by root.
    const run = await tp(['list'], studentDir(), { ...bareEnv, HOME: join(executable, 'home'), TMPDIR: temporary });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^tp4\s/m);
    expect(readdirSync(temporary)).toEqual([expect.stringMatching(/^tp-/)]);
    expect(filesUnder(temporary).filter((file) => file.includes('code-cache'))).toEqual([]);
  });
});

// Like the npm bins, the executable runs tp's code with V8's code cache of each command,
// written under ~/.cache/tp/code-cache/ by the first run. A cache V8 takes is left as it
// is; one it refuses is written again (a new file renamed in place).
describe('the code cache of the single executable', () => {
  const cacheHome = () => {
    const own = mkdtempSync(join(root, 'cache-home-'));
    return { env: { ...bareEnv, HOME: own }, cacheDir: join(own, '.cache', 'tp', 'code-cache') };
  };
  const cacheOf = (cacheDir: string, command: string) => {
    const names = readdirSync(cacheDir).filter((name) => name.endsWith(`-${command}.bin`));
    expect(names).toHaveLength(1);
    const file = join(cacheDir, names[0] as string);
    return { file, inode: statSync(file).ino, bytes: readFileSync(file) };
  };

  it('is written by the first run of a command and used, untouched, by the next, which prints the same', async () => {
    const { env, cacheDir } = cacheHome();
    const cwd = studentDir();
    const first = await tp(['list'], cwd, env);
    expect(first.stderr).toBe('');
    const written = cacheOf(cacheDir, 'list');
    expect(statSync(written.file).mode & 0o077).toBe(0);
    const second = await tp(['list'], cwd, env);
    expect(second).toEqual(first);
    const after = cacheOf(cacheDir, 'list');
    expect(after.inode).toBe(written.inode);
    expect(after.bytes.equals(written.bytes)).toBe(true);
  });

  it('made for other code, or damaged, is refused: tp check grades right, and the cache is made again', async () => {
    const { env, cacheDir } = cacheHome();
    const cwd = studentDir();
    const answers = join(cwd, 'answers_tp4');
    writeFileSync(answers, answersFileText(tp4Answers(kubeconfig)));
    const check = () => tp(checkArgs('--format', 'json', '--answers', answers), cwd, env);
    expect(scoreOf((await check()).stdout)).toBe('34/34');
    const { file } = cacheOf(cacheDir, 'check');
    // V8's cache of another script, by the same Node (the cache of another build of tp), then bytes of no cache.
    const otherCode = new Script(`(function () { return ${JSON.stringify('other code '.repeat(1000))}; })`).createCachedData();
    for (const foreign of [otherCode, Buffer.alloc(statSync(file).size, 0x5a)]) {
      writeFileSync(file, foreign);
      const refused = await check();
      expect(refused.stderr).toBe('');
      expect(scoreOf(refused.stdout)).toBe('34/34');
      expect(refused.exitCode).toBe(0);
      const remade = cacheOf(cacheDir, 'check');
      expect(remade.bytes.equals(foreign)).toBe(false);
      // The new cache is taken by the next run.
      expect(scoreOf((await check()).stdout)).toBe('34/34');
      expect(cacheOf(cacheDir, 'check').inode).toBe(remade.inode);
    }
  });

  it('is not written with TP_CODE_CACHE=off', async () => {
    const { env, cacheDir } = cacheHome();
    const run = await tp(['list'], studentDir(), { ...env, TP_CODE_CACHE: 'off' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^tp4\s/m);
    expect(existsSync(cacheDir)).toBe(false);
  });
});

describe('the executable installed by krew, as kubectl tp', () => {
  // kubectl finds its plugins on PATH: krew's bin folder alone, still no node.
  const pluginEnv = () => ({ ...bareEnv, PATH: join(krewRoot, 'bin') });

  it('krew linked kubectl-tp to the executable, and installed the licence beside it', async () => {
    const installed = readdirSync(join(krewRoot, 'store', 'tp', 'v0.0.0-test'));
    expect(installed.sort()).toEqual(['LICENSE', basename(executable)]);
    const plugins = await runCommand(kubectlPath(), ['plugin', 'list', '--name-only'], { cwd: studentDir(), env: pluginEnv() });
    expect(plugins.stdout.split('\n')).toContain('kubectl-tp');
  });

  it('kubectl tp --help says kubectl tp', async () => {
    const help = await runCommand(kubectlPath(), ['tp', '--help'], { cwd: studentDir(), env: pluginEnv() });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kubectl tp \[options\] \[command\]/);
  });

  it('kubectl tp check 4 grades the namespace: 34/34, exit 0', async () => {
    const cwd = studentDir();
    const answers = join(cwd, 'answers_tp4');
    writeFileSync(answers, answersFileText(tp4Answers(kubeconfig)));
    const run = await runCommand(kubectlPath(), ['tp', ...checkArgs('--format', 'json', '--answers', answers)], { cwd, env: pluginEnv() });
    expect(scoreOf(run.stdout)).toBe('34/34');
    expect(run.exitCode).toBe(0);
  });
});
