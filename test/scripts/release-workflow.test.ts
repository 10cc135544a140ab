// examples/release/release.yml as a release would run it: runners GitHub still
// offers, the licence the package declares shipped beside every executable, and
// its step that stops a release whose package.json names another repository
// (npm publish --provenance would refuse it after the GitHub release is made).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { releaseStep, releaseWorkflow } from '../support/release-workflow.js';

// GitHub's hosted runner labels at the end of 2026 (docs.github.com, "GitHub-hosted runners"):
// macos-13 was retired in December 2025, macos-15-intel is the Intel image that replaced it.
const HOSTED_RUNNERS = ['ubuntu-24.04', 'ubuntu-22.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm', 'macos-14', 'macos-15', 'macos-15-intel', 'macos-26', 'windows-2022', 'windows-2025'];

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  license: string;
  repository?: { type: string; url: string };
  homepage?: string;
  bugs?: { url: string };
  files: string[];
};

const checkRepository = (repository: string) =>
  spawnSync('bash', ['-c', releaseStep('publish', 'package.json names this repository')], {
    encoding: 'utf8',
    env: { ...process.env, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: repository },
  });

describe('the release workflow', () => {
  it('runs every job on a runner image GitHub still offers', () => {
    const jobs = Object.values(releaseWorkflow().jobs);
    const runners = jobs.flatMap((job) => (job.strategy ? job.strategy.matrix.include.map((entry) => entry.runner) : [job['runs-on']]));
    expect(runners.filter((runner) => !HOSTED_RUNNERS.includes(runner))).toEqual([]);
    expect(runners).not.toContain('macos-13');
  });

  it('stops before publishing when package.json names another repository than the one it runs in', () => {
    const [, owner, name] = /github\.com\/([^/]+)\/([^/]+?)\.git$/.exec(packageJson.repository?.url ?? '') ?? [];
    const same = checkRepository(`${owner}/${name}`);
    expect(same.stderr).toBe('');
    expect(same.status).toBe(0);
    const fork = checkRepository('someone-else/tp');
    expect(fork.status).toBe(1);
    expect(fork.stderr).toContain('npm --provenance would refuse it');
  });
});

describe('what npm provenance and krew-index ask of the package', () => {
  it('package.json says where the code lives: repository, homepage, bugs', () => {
    expect(packageJson.repository).toEqual({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/) });
    const web = (packageJson.repository?.url ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
    expect(packageJson.homepage).toBe(`${web}#readme`);
    expect(packageJson.bugs).toEqual({ url: `${web}/issues` });
  });

  it('LICENSE is the MIT licence package.json declares, and ships in the npm package', () => {
    expect(packageJson.license).toBe('MIT');
    const license = readFileSync('LICENSE', 'utf8');
    expect(license.split('\n')[0]).toBe('MIT License');
    expect(license).toContain('Permission is hereby granted, free of charge');
    expect(packageJson.files).toContain('LICENSE');
  });

  it('every archive carries the licence and krew installs it beside the executable', () => {
    const archive = releaseStep('executable', 'Archive (krew installs from .tar.gz, or .zip on Windows)', { 'matrix.target': 'linux-x64' });
    expect(archive).toMatch(/tar -czf [^\n]* LICENSE$/m);
    expect(archive).toMatch(/7z a [^\n]* LICENSE\)$/m);
    const manifest = parse(readFileSync('packaging/krew/tp.yaml', 'utf8')) as { spec: { platforms: Array<{ files: Array<{ from: string }> }> } };
    for (const platform of manifest.spec.platforms) expect(platform.files.map((file) => file.from)).toContain('LICENSE');
  });
});
