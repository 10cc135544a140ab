// Files tp writes (reports, gradebooks, feedback/<id>.md, answers files) are never written through a symbolic link.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/core/write-atomic.js';
import { writeGradebook } from '../../src/cli/write-gradebook.js';
import { runTp } from '../support/run-cli.js';
import { sampleGradebook } from '../report/sample-gradebook.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'tp-write-'));

describe('writeFileAtomic', () => {
  it('writes a whole file, and replaces one', async () => {
    const dir = fresh();
    await writeFileAtomic(join(dir, 'a/b.txt'), 'one');
    await writeFileAtomic(join(dir, 'a/b.txt'), 'two');
    expect(readFileSync(join(dir, 'a/b.txt'), 'utf8')).toBe('two');
  });

  it('writes a file from pieces, the same bytes as from its whole text', async () => {
    const dir = fresh();
    const pieces = Array.from({ length: 3000 }, (_, i) => `ligne ${i} — ${'é'.repeat(i % 700)}\n`);
    pieces.splice(1500, 0, `${'€'.repeat(1 << 20)}\n`);
    await writeFileAtomic(join(dir, 'grades.json'), pieces);
    expect(readFileSync(join(dir, 'grades.json'), 'utf8')).toBe(pieces.join(''));
    await writeFileAtomic(join(dir, 'empty.json'), []);
    expect(readFileSync(join(dir, 'empty.json'), 'utf8')).toBe('');
  });

  it('leaves the file as it was when its pieces cannot be made, and no temporary file', async () => {
    const dir = fresh();
    await writeFileAtomic(join(dir, 'report.html'), 'before');
    function* failing(): Generator<string> {
      yield 'x'.repeat(2 << 20);
      throw new Error('formatter failed');
    }
    await expect(writeFileAtomic(join(dir, 'report.html'), failing())).rejects.toThrow('formatter failed');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('before');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('refuses a symbolic link at the output path, leaving its target untouched', async () => {
    const dir = fresh();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'report.xml'));
    await expect(writeFileAtomic(join(dir, 'report.xml'), 'owned')).rejects.toThrow(/report\.xml is a symbolic link: tp does not write through one/);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'report.xml')).isSymbolicLink()).toBe(true);
  });

  it('refuses a linked folder under the output directory, and a path that leaves it', async () => {
    const dir = fresh();
    const elsewhere = fresh();
    mkdirSync(join(dir, 'out'));
    symlinkSync(elsewhere, join(dir, 'out/feedback'));
    await expect(writeFileAtomic(join(dir, 'out/feedback/alice.md'), 'x', { within: join(dir, 'out') })).rejects.toThrow(/feedback is a symbolic link/);
    expect(existsSync(join(elsewhere, 'alice.md'))).toBe(false);
    await expect(writeFileAtomic(join(dir, 'out/../x.md'), 'x', { within: join(dir, 'out') })).rejects.toThrow(/not under/);
  });

  it('keeps a whole gradebook out of a planted feedback link', async () => {
    const dir = fresh();
    const elsewhere = fresh();
    symlinkSync(elsewhere, join(dir, 'feedback'));
    await expect(writeGradebook(dir, sampleGradebook())).rejects.toThrow(/symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('tp init refuses a link planted at the answers file, exit 2', async () => {
    const dir = fresh();
    const elsewhere = fresh();
    mkdirSync(join(dir, 'answers'));
    symlinkSync(join(elsewhere, 'authorized_keys'), join(dir, 'answers/answers_tp4'));
    const init = await runTp(['init', '4'], { cwd: dir });
    expect(init.exitCode).toBe(2);
    expect(init.stderr).toContain('answers_tp4 is a symbolic link: tp does not write through one');
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
