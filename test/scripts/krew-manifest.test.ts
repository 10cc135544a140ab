// The krew manifest a release publishes: packaging/krew/tp.yaml filled in by
// scripts/krew-manifest.mjs from the release's archives, for every platform the
// release workflow builds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface KrewPlatform {
  selector: { matchLabels: { os: string; arch: string } };
  uri: string;
  sha256: string;
  files: Array<{ from: string; to: string }>;
  bin: string;
}
interface KrewManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: { version: string; homepage: string; shortDescription: string; platforms: KrewPlatform[] };
}

const repository = 'https://github.com/example-org/tp';
const workflow = parse(readFileSync('examples/release/release.yml', 'utf8')) as {
  jobs: { executable: { strategy: { matrix: { include: Array<{ target: string }> } } } };
};
const targets = workflow.jobs.executable.strategy.matrix.include.map((entry) => entry.target);
const archiveOf = (target: string) => `tp-${target}${target.startsWith('windows') ? '.zip' : '.tar.gz'}`;

/** A folder with a (fake) archive per target, each with its own content. */
const archivesFolder = (names: string[]) => {
  const folder = mkdtempSync(join(tmpdir(), 'tp-krew-'));
  for (const name of names) writeFileSync(join(folder, name), `archive ${name}\n`);
  return folder;
};

const render = (...args: string[]) => spawnSync(process.execPath, ['scripts/krew-manifest.mjs', ...args], { encoding: 'utf8' });

describe('the krew manifest of a release', () => {
  const archives = archivesFolder(targets.map(archiveOf));
  const run = render('--version', 'v1.2.3', '--repository', repository, '--archives', archives);
  const manifest = parse(run.stdout) as KrewManifest;

  it('is a krew Plugin named tp (kubectl tp) at the tag version', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(manifest.apiVersion).toBe('krew.googlecontainertools.github.com/v1alpha2');
    expect(manifest.kind).toBe('Plugin');
    expect(manifest.metadata.name).toBe('tp');
    expect(manifest.spec.version).toBe('v1.2.3');
    expect(manifest.spec.homepage).toBe(repository);
  });

  it('has one platform per executable the release workflow builds, downloading its archive with its sha256', () => {
    expect(manifest.spec.platforms.map((p) => p.bin).sort()).toEqual(targets.map((t) => `tp-${t}${t.startsWith('windows') ? '.exe' : ''}`).sort());
    for (const platform of manifest.spec.platforms) {
      const target = platform.bin.replace(/^tp-/, '').replace(/\.exe$/, '');
      const archive = archiveOf(target);
      expect(platform.uri).toBe(`${repository}/releases/download/v1.2.3/${archive}`);
      expect(platform.sha256).toBe(createHash('sha256').update(readFileSync(join(archives, archive))).digest('hex'));
      expect(platform.files.map((file) => file.from)).toContain(platform.bin);
      const { os, arch } = platform.selector.matchLabels;
      expect(`${{ linux: 'linux', darwin: 'macos', windows: 'windows' }[os]}-${{ amd64: 'x64', arm64: 'arm64' }[arch]}`).toBe(target);
    }
  });

  it('refuses a release whose archive is missing, naming it', () => {
    const partial = archivesFolder(targets.filter((t) => t !== 'linux-arm64').map(archiveOf));
    const failed = render('--version', 'v1.2.3', '--repository', repository, '--archives', partial);
    expect(failed.status).toBe(2);
    expect(failed.stderr).toContain('tp-linux-arm64.tar.gz');
    expect(failed.stdout).toBe('');
  });

  it('refuses a version without the v krew wants', () => {
    const failed = render('--version', '1.2.3', '--repository', repository, '--archives', archives);
    expect(failed.status).toBe(2);
    expect(failed.stderr).toContain('vX.Y.Z');
  });
});
