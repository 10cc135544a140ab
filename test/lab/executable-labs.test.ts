// The labs inside the single executable: one asset (path → text) unpacked once
// per content to a cache folder, then read from disk like any labs folder.
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackPrivately, unpackShippedFiles } from '../../src/lab/executable-labs.js';
import { listLabFiles } from '../../src/lab/find.js';

const cacheRoot = () => mkdtempSync(join(tmpdir(), 'tp-exe-cache-'));
const asset = (files: Record<string, string>) => JSON.stringify(files);
const labs = { 'labs/tp4/lab.yaml': 'id: tp4\n', 'labs/pods/lab.yaml': 'id: pods\n', 'answers/answers_tp4': '{}\n' };

describe('unpacking the shipped files', () => {
  it('writes every file under one folder, where the labs are found as on disk', () => {
    const folder = unpackShippedFiles(asset(labs), cacheRoot());
    expect(readFileSync(join(folder, 'labs/tp4/lab.yaml'), 'utf8')).toBe('id: tp4\n');
    expect(readFileSync(join(folder, 'answers/answers_tp4'), 'utf8')).toBe('{}\n');
    expect(listLabFiles(join(folder, 'labs'))).toEqual([join(folder, 'labs/pods/lab.yaml'), join(folder, 'labs/tp4/lab.yaml')]);
  });

  it('unpacks once: the next start finds the folder and writes nothing', () => {
    const root = cacheRoot();
    const folder = unpackShippedFiles(asset(labs), root);
    writeFileSync(join(folder, 'labs/tp4/lab.yaml'), 'changed by hand\n');
    expect(unpackShippedFiles(asset(labs), root)).toBe(folder);
    expect(readFileSync(join(folder, 'labs/tp4/lab.yaml'), 'utf8')).toBe('changed by hand\n');
  });

  it('a new executable with other labs gets a folder of its own', () => {
    const root = cacheRoot();
    const first = unpackShippedFiles(asset(labs), root);
    const second = unpackShippedFiles(asset({ ...labs, 'labs/tp4/lab.yaml': 'id: tp4\nversion: 2\n' }), root);
    expect(second).not.toBe(first);
    expect(readFileSync(join(second, 'labs/tp4/lab.yaml'), 'utf8')).toContain('version: 2');
    expect(readFileSync(join(first, 'labs/tp4/lab.yaml'), 'utf8')).toBe('id: tp4\n');
  });

  it('refuses a path that leaves the folder, and leaves nothing half-written', () => {
    const root = cacheRoot();
    for (const path of ['../escape.yaml', '/etc/escape.yaml', 'labs/../../escape.yaml']) {
      expect(() => unpackShippedFiles(asset({ 'labs/tp4/lab.yaml': 'id: tp4\n', [path]: 'x' }), root)).toThrow(/not a relative path/);
    }
    expect(existsSync(join(root, '..', 'escape.yaml'))).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('the folder the labs are unpacked to (issue 23, point 7)', () => {
  const NOBODY = 65534;

  /**
   * A cache root another local user made first, holding labs of their own where the executable
   * will look. As root, a folder given to `nobody`; otherwise a folder the system owns (/usr/share).
   */
  const someoneElses = (): string => {
    if (process.getuid?.() !== 0) return '/usr/share';
    const root = join(cacheRoot(), 'tp-1000');
    mkdirSync(root);
    // What the attacker planted where the victim's executable looks for its labs (the folder is named by their content).
    const planted = join(root, `files-${createHash('sha256').update(asset(labs)).digest('hex').slice(0, 16)}`);
    mkdirSync(join(planted, 'labs/tp4'), { recursive: true });
    writeFileSync(join(planted, 'labs/tp4/lab.yaml'), 'id: tp4\ntitle: planted\n');
    chownSync(planted, NOBODY, NOBODY);
    chownSync(root, NOBODY, NOBODY);
    return root;
  };

  it('never reads labs from a folder another user owns: the labs go to a private folder of their own', () => {
    const theirs = someoneElses();
    expect(() => unpackShippedFiles(asset(labs), theirs)).toThrow(/no one else may write/);
    const folder = unpackPrivately(asset(labs), [theirs]);
    expect(folder.startsWith(theirs)).toBe(false);
    expect(readFileSync(join(folder, 'labs/tp4/lab.yaml'), 'utf8')).toBe('id: tp4\n');
  });

  it('never reads labs from a folder others may write, nor through a link', () => {
    const open = cacheRoot();
    chmodSync(open, 0o777);
    expect(() => unpackShippedFiles(asset(labs), open)).toThrow(/no one else may write/);
    const linked = join(cacheRoot(), 'tp-link');
    symlinkSync(cacheRoot(), linked);
    expect(() => unpackShippedFiles(asset(labs), linked)).toThrow(/no one else may write/);
    const folder = unpackPrivately(asset(labs), [open, linked]);
    expect(folder.startsWith(open) || folder.startsWith(linked)).toBe(false);
    expect(readFileSync(join(folder, 'labs/tp4/lab.yaml'), 'utf8')).toBe('id: tp4\n');
  });

  it('makes the missing folder private, and uses it the next time', () => {
    const root = join(cacheRoot(), 'tp-0');
    const folder = unpackPrivately(asset(labs), [root]);
    expect(folder.startsWith(root)).toBe(true);
    expect(unpackPrivately(asset(labs), [root])).toBe(folder);
  });
});
