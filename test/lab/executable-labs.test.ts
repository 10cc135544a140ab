// The labs inside the single executable: one asset (path → text) unpacked once
// per content to a cache folder, then read from disk like any labs folder.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackShippedFiles } from '../../src/lab/executable-labs.js';
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
