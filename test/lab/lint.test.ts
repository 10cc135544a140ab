// `tp lab lint` over files and folders.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/core/errors.js';
import { lintPaths } from '../../src/lab/lint.js';
import { fakeKinds } from './fake-kinds.js';
import { ANSWER1_CHECK, SAMPLE_LAB, labWith } from './sample-lab.js';

const root = mkdtempSync(join(tmpdir(), 'tp-lint-'));
const write = (path: string, text: string): string => {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
};
const good = write('labs/good/lab.yaml', SAMPLE_LAB);
const bad = write('labs/bad/lab.yaml', labWith(ANSWER1_CHECK.replace('points: 1', 'points: -1')));
// Not labs: a solution manifest, an app manifest, and a YAML file that does not look like a lab.
write('labs/bad/solution/deploy.yaml', 'apiVersion: v1\nkind: ConfigMap\n');
write('labs/bad/app/k8s.yaml', 'exercises: not a lab\n');
write('labs/notes.yaml', 'todo: [a, b]\n');
const extra = write('labs/more/extra.yaml', `# yaml-language-server: $schema=../../schema/lab.schema.json\n${labWith(ANSWER1_CHECK.replace('kind: answer', 'kind: nope'))}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('lintPaths', () => {
  test('a folder: every lab file in it, skipping solution/ and app/, file by file', async () => {
    const problems = await lintPaths([join(root, 'labs')], fakeKinds);
    expect(problems.map(formatProblem)).toEqual([
      `${bad}:12:17 points must be a number >= 0`,
      `${extra}:12:15 unknown check kind "nope" (known: answer, resource, selector)`,
    ]);
  });

  test('files given one by one, a valid one among them', async () => {
    expect(await lintPaths([good], fakeKinds)).toEqual([]);
    expect((await lintPaths([good, bad, bad], fakeKinds)).length).toBe(1);
  });

  test('warnings are part of the lint output', async () => {
    const warned = write('warned/lab.yaml', SAMPLE_LAB.replace('id: tp9', 'id: !x tp9'));
    expect((await lintPaths([warned], fakeKinds)).map(formatProblem)).toEqual([`${warned}:2:5 warning: Unresolved tag: !x`]);
  });

  test('a path that does not exist, or a folder with no lab, is a usage error', async () => {
    await expect(lintPaths([join(root, 'nope')], fakeKinds)).rejects.toMatchObject({ code: 'USAGE' });
    mkdirSync(join(root, 'empty'));
    await expect(lintPaths([join(root, 'empty')], fakeKinds)).rejects.toMatchObject({ code: 'USAGE' });
  });
});
