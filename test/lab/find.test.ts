// What `<lab>` on the command line means.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { TpError } from '../../src/core/errors.js';
import { defaultLabsDir, listLabFiles, resolveLabRef } from '../../src/lab/find.js';

const root = mkdtempSync(join(tmpdir(), 'tp-find-'));
const labsDir = join(root, 'labs');
for (const id of ['tp4', 'pods']) {
  mkdirSync(join(labsDir, id), { recursive: true });
  writeFileSync(join(labsDir, id, 'lab.yaml'), `id: ${id}\n`);
}
// A folder without lab.yaml is not a lab.
mkdirSync(join(labsDir, 'drafts'));
const ownLab = join(root, 'mine', 'lab.yaml');
mkdirSync(join(root, 'mine'));
writeFileSync(ownLab, 'id: mine\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const tp4 = join(labsDir, 'tp4', 'lab.yaml');

describe('resolveLabRef', () => {
  test.each([
    ['4', tp4],
    ['tp4', tp4],
    ['pods', join(labsDir, 'pods', 'lab.yaml')],
    [ownLab, ownLab],
    [join(root, 'mine'), ownLab],
  ])('%s', (ref, expected) => {
    expect(resolveLabRef(ref, labsDir)).toBe(expected);
  });

  test('a relative path is made absolute', () => {
    expect(resolveLabRef(relative(process.cwd(), ownLab), labsDir)).toBe(ownLab);
  });

  test('an unknown lab lists the available ones and says what to run', () => {
    const error = (() => {
      try {
        return resolveLabRef('tp5', labsDir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TpError);
    expect(error).toMatchObject({ code: 'LAB_NOT_FOUND', message: 'no lab "tp5" (available: pods, tp4)', advice: 'run `tp list`' });
  });

  test('with no labs at all, it says where it looked', () => {
    expect(() => resolveLabRef('x', join(root, 'none'))).toThrow(`no lab "x" (no labs in ${join(root, 'none')})`);
  });
});

describe('listLabFiles', () => {
  test('every labs/*/lab.yaml, sorted', () => {
    expect(listLabFiles(labsDir)).toEqual([join(labsDir, 'pods', 'lab.yaml'), tp4]);
  });

  test('a missing folder has no labs', () => {
    expect(listLabFiles(join(root, 'none'))).toEqual([]);
  });
});

describe('defaultLabsDir', () => {
  test("from this repository's sources, the repository's labs/", () => {
    expect(defaultLabsDir()).toBe(resolve('labs'));
  });

  test('from a bundle deep in a package, that package’s labs/', () => {
    const pkg = join(root, 'pkg');
    mkdirSync(join(pkg, 'labs'), { recursive: true });
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'package.json'), '{}');
    expect(defaultLabsDir(pathToFileURL(join(pkg, 'dist', 'tp.js')).href)).toBe(join(pkg, 'labs'));
  });
});
