// The hint state file beside the answers file: read like a student's file
// (bounded, no link, no FIFO), written atomically and never through a link;
// any trouble is a warning, never a crash.
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HINT_STATE_MAX_BYTES, hintStatePath, readHintState, writeHintState } from '../../src/answers/hint-file.js';

const counts = new Map([['cm1-labels', 3]]);
const folder = () => mkdtempSync(join(tmpdir(), 'tp-hint-file-'));

describe('hint state file', () => {
  it('lives beside the answers file, as a dot file named after the lab', () => {
    expect(hintStatePath('/home/s/answers/answers_tp4', 'tp4')).toBe('/home/s/answers/.tp-hints_tp4.json');
  });

  it('a missing file is an empty state and no warning; a written one reads back', async () => {
    const path = join(folder(), '.tp-hints_tp4.json');
    expect(await readHintState(path, counts)).toEqual({ state: { levels: {} } });
    expect(await writeHintState(path, 'tp4', { levels: { 'cm1-labels': 2 } })).toBeUndefined();
    expect(await readHintState(path, counts)).toEqual({ state: { levels: { 'cm1-labels': 2 } } });
  });

  it('a link planted at its place is neither read nor written through', async () => {
    const dir = folder();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, JSON.stringify({ version: 1, levels: { 'cm1-labels': 3 } }));
    const path = join(dir, '.tp-hints_tp4.json');
    symlinkSync(victim, path);
    const read = await readHintState(path, counts);
    expect(read.state).toEqual({ levels: {} });
    expect(read.warning).toMatch(/ignored \(it is a symbolic link\)/);
    expect(await writeHintState(path, 'tp4', { levels: { 'cm1-labels': 1 } })).toMatch(/not saved .*symbolic link/);
    expect(JSON.parse(readFileSync(victim, 'utf8'))).toEqual({ version: 1, levels: { 'cm1-labels': 3 } });
  });

  it('a flood, a FIFO, a folder or garbage is ignored with the reason', async () => {
    const dir = folder();
    const big = join(dir, 'big.json');
    writeFileSync(big, ' '.repeat(HINT_STATE_MAX_BYTES + 1));
    expect((await readHintState(big, counts)).warning).toMatch(/ignored \(.*more than the 65536/);
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    expect((await readHintState(fifo, counts)).warning).toMatch(/ignored \(this is a named pipe/);
    expect((await readHintState(dir, counts)).warning).toMatch(/ignored \(this is a folder/);
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '\u001b[2J{{{');
    const read = await readHintState(garbage, counts);
    expect(read).toEqual({ state: { levels: {} }, warning: 'hint state garbage.json ignored (not valid JSON): hints start again from the first' });
  });
});
