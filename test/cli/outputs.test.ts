// What tp writes to its streams, whatever it quotes: usage mistakes said plainly,
// help when called alone, control characters never on stdout/stderr, and a
// reader that goes away (`tp list | head -1`) ending tp quietly.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTp } from '../support/run-cli.js';
import { bundleCli } from '../grade/bundle-cli.js';
import { isCleanText } from '../../src/core/clean-text.js';

describe('tp on its streams', () => {
  it('prints its help on stdout and exits 0 when called alone', async () => {
    const run = await runTp([]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Usage: tp [options] [command]');
    expect(run.stderr).toBe('');
  });

  it('refuses --output given a format name, with what was meant', async () => {
    for (const format of ['json', 'junit', 'github']) {
      const run = await runTp(['check', '4', '--output', format]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(`tp: --output ${format}: did you mean --format ${format}?`);
    }
  });

  it('cleans what an error quotes: a lab path full of escape sequences reaches stderr inert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-clean-'));
    const hostile = join(dir, 'lab\u001b]0;owned\u0007\u001b[2J\r\u202e.yaml');
    writeFileSync(hostile, 'id: [');
    const run = await runTp(['lab', 'lint', hostile]);
    expect(run.exitCode).not.toBe(0);
    const said = run.stdout + run.stderr;
    expect(said).toContain('lab]0;owned[2J');
    expect(isCleanText(said)).toBe(true);
    expect(said).not.toMatch(/[\u001b\u0007\r\u202e]/);
  });

  it('ends quietly when its reader goes away (tp list | head -1)', async () => {
    const cli = await bundleCli();
    // `true` reads nothing and is gone before tp writes: every write meets a closed pipe.
    const run = spawnSync('bash', ['-c', `node ${JSON.stringify(cli)} list | true; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('status=141');
    expect(run.stderr).toBe('');
  }, 60_000);
});
