// The npm package as a student gets it: `npm pack`, installed with --omit=dev in an
// empty folder (and globally, with a prefix of the test's own), then its three bins
// run on a solved TP4 namespace of the local cluster: tp, tp-grader (what
// `npx tp-grader` runs) and kubectl-tp (kubectl's plugin). npm runs --offline with an
// empty cache: the package needs nothing from any registry, as it has no dependencies.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { kubectlPath, nodeBinDir, runCommand, scoreOf } from '../support/installed-tp.js';
import { solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { releaseStep } from '../support/release-workflow.js';

const kubeconfig = resolve(testKubeconfigPath());
const root = mkdtempSync(join(tmpdir(), 'tp-npm-'));
const home = join(root, 'home');
const installDir = join(root, 'install');
const globalPrefix = join(root, 'global');
const studentDir = join(root, 'student');
const npmEnv = { PATH: nodeBinDir(), HOME: home, npm_config_cache: join(root, 'npm-cache'), npm_config_offline: 'true', npm_config_update_notifier: 'false' };
const studentEnv = (path: string) => ({ PATH: path, HOME: home, LANG: 'en_US.UTF-8', NO_COLOR: '1', KUBECONFIG: kubeconfig });

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string }>;
}

let packed: PackResult;
let tarball = '';
let solved: SolvedTp4;

const npm = async (args: string[], cwd: string) => {
  const run = await runCommand('npm', args, { cwd, env: npmEnv, timeoutMs: 300_000 });
  if (run.exitCode !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${run.exitCode}):\n${run.stderr}`);
  return run;
};

const checkArgs = (...extra: string[]) => ['check', '4', '-n', solved.namespace, '--http-via', 'nodeport', '--timeout', '2', ...extra];
const fullMarks = '34/34';

beforeAll(async () => {
  for (const dir of [home, installDir, studentDir]) mkdirSync(dir, { recursive: true });
  // prepack builds the bundle first, as `npm publish` would.
  const pack = await npm(['pack', '--json', '--pack-destination', root], process.cwd());
  packed = (JSON.parse(pack.stdout) as PackResult[])[0] as PackResult;
  tarball = join(root, packed.filename);
  await npm(['install', '--omit=dev', '--no-audit', '--no-fund', tarball], installDir);
  await npm(['install', '--global', '--prefix', globalPrefix, '--omit=dev', '--no-audit', '--no-fund', tarball], root);
  solved = await solvedTp4Namespace('tp-npm', makeKubeConfig());
}, 600_000);

afterAll(async () => {
  await solved?.remove();
});

describe('the packed tarball', () => {
  it('holds the bins, the bundle, the lab files, schemas and answers templates, and nothing else', () => {
    const paths = packed.files.map((file) => file.path).sort();
    for (const needed of ['LICENSE', 'bin/tp.js', 'bin/kubectl-tp.js', 'dist/start.cjs', 'bin/package.json', 'dist/tp.cjs', 'labs/tp4/lab.yaml', 'labs/pods/lab.yaml', 'schema/lab.schema.json', 'answers/answers_tp4', 'package.json', 'README.md']) {
      expect(paths).toContain(needed);
    }
    const allowed = [/^bin\/([a-z-]+\.js|package\.json)$/, /^dist\/[\w-]+\.c?js$/, /^labs\/[a-z0-9-]+\/lab\.yaml$/, /^labs\/README\.md$/, /^schema\/[\w.-]+\.json$/, /^answers\/answers_[a-z0-9-]+$/, /^(package\.json|README\.md|LICENSE)$/];
    expect(paths.filter((path) => !allowed.some((pattern) => pattern.test(path)))).toEqual([]);
    expect(paths.filter((path) => path.includes('solution'))).toEqual([]);
  });

  it('npm publish --dry-run, as the release workflow publishes it, would publish this package and needs no registry to say so', async () => {
    // The workflow's command, with --dry-run, and a registry on loopback that nothing answers.
    const command = releaseStep('publish', 'npm publish').trim();
    expect(command).toBe('npm publish --provenance --access public');
    const publish = await npm([...command.split(' ').slice(1), '--dry-run', '--registry', 'http://127.0.0.1:9/'], process.cwd());
    // prepack (the build) prints first; npm's own last word is what it would publish.
    expect(publish.stdout.trim().split('\n').at(-1)).toBe(`+ ${packed.filename.replace(/-(\d+\.\d+\.\d+)\.tgz$/, '@$1')}`);
    expect(publish.stderr).toContain(`filename: ${packed.filename}`);
    expect(publish.stderr).toContain(`total files: ${packed.files.length}`);
    // npm would correct a package.json it finds wrong (a bin path, the repository URL) and say so.
    expect(publish.stderr).not.toMatch(/auto-corrected|errors in your package\.json/i);
  });

  it('declares the three bins and no runtime dependency (esbuild bundled them all)', () => {
    const manifest = JSON.parse(readFileSync(join(installDir, 'node_modules/tp-grader/package.json'), 'utf8')) as { bin: Record<string, string>; dependencies?: Record<string, string> };
    expect(Object.keys(manifest.bin).sort()).toEqual(['kubectl-tp', 'tp', 'tp-grader']);
    expect(manifest.dependencies ?? {}).toEqual({});
  });
});

describe('installed with --omit=dev in an empty folder', () => {
  const bin = (name: string) => join(installDir, 'node_modules/.bin', name);
  const env = () => studentEnv(nodeBinDir());

  it('tp list shows the labs', async () => {
    const { exitCode, stdout, stderr } = await runCommand(bin('tp'), ['list'], { cwd: studentDir, env: env() });
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^tp4\s+7\s+34\s+TP4/m);
  });

  it('tp init 4 writes answers/answers_tp4, tp explain 4 explains, tp check 4 grades it: 34/34', async () => {
    const init = await runCommand(bin('tp'), ['init', '4'], { cwd: studentDir, env: env() });
    expect(init.exitCode).toBe(0);
    expect(readFileSync(join(studentDir, 'answers/answers_tp4'), 'utf8')).toContain('"Answer8": "<fix me>"');

    const explain = await runCommand(bin('tp'), ['explain', '4'], { cwd: studentDir, env: env() });
    expect(explain.exitCode).toBe(0);
    expect(explain.stdout).toContain('[contexts]');

    // Unanswered, the check fails (exit 1); answered, it passes (exit 0).
    const unanswered = await runCommand(bin('tp'), checkArgs(), { cwd: studentDir, env: env() });
    expect(unanswered.exitCode).toBe(1);
    writeFileSync(join(studentDir, 'answers/answers_tp4'), answersFileText(tp4Answers(kubeconfig)));
    const check = await runCommand(bin('tp'), checkArgs('--format', 'json'), { cwd: studentDir, env: env() });
    expect(check.stderr).toBe('');
    expect(scoreOf(check.stdout)).toBe(fullMarks);
    expect(check.exitCode).toBe(0);
  });

  it('keeps its caches under ~/.cache/tp (V8\'s code cache of its bundle, the verdicts of hashed answers), writes nothing else in the home, and grades the same from them', async () => {
    const cacheDir = join(home, '.cache', 'tp', 'code-cache');
    const verdicts = join(home, '.cache', 'tp', 'answer-verdicts.json');
    const filesUnder = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
    expect(filesUnder(home).filter((file) => !file.startsWith(`${cacheDir}/`))).toEqual([verdicts]);
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('-check.bin'))).toHaveLength(1);
    const again = await runCommand(bin('tp'), checkArgs('--format', 'json'), { cwd: studentDir, env: env() });
    expect(again.stderr).toBe('');
    expect(scoreOf(again.stdout)).toBe(fullMarks);
  });

  it('npx tp-grader check 4 runs the same tp', async () => {
    const run = await runCommand('npx', ['tp-grader', ...checkArgs('--format', 'json', '--answers', join(studentDir, 'answers/answers_tp4'))], {
      cwd: installDir,
      env: { ...env(), npm_config_cache: npmEnv.npm_config_cache, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
    });
    expect(scoreOf(run.stdout)).toBe(fullMarks);
    expect(run.exitCode).toBe(0);
  });
});

describe('installed globally (npm install -g)', () => {
  const bin = (name: string) => join(globalPrefix, 'bin', name);
  const path = () => `${join(globalPrefix, 'bin')}:${nodeBinDir()}`;

  it('puts tp, tp-grader and kubectl-tp on PATH', async () => {
    for (const name of ['tp', 'tp-grader', 'kubectl-tp']) {
      const run = await runCommand(bin(name), ['--version'], { cwd: studentDir, env: studentEnv(path()) });
      expect(run.stdout).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('kubectl finds the plugin, and kubectl tp --help says kubectl tp', async () => {
    const plugins = await runCommand(kubectlPath(), ['plugin', 'list', '--name-only'], { cwd: studentDir, env: studentEnv(path()) });
    expect(plugins.stdout.split('\n')).toContain('kubectl-tp');
    const help = await runCommand(kubectlPath(), ['tp', '--help'], { cwd: studentDir, env: studentEnv(path()) });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kubectl tp \[options\] \[command\]/);
  });

  it('kubectl tp check 4 grades the namespace: 34/34, exit 0', async () => {
    const run = await runCommand(kubectlPath(), ['tp', ...checkArgs('--format', 'json')], { cwd: studentDir, env: studentEnv(path()) });
    expect(scoreOf(run.stdout)).toBe(fullMarks);
    expect(run.exitCode).toBe(0);
  });
});
