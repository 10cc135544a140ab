// Every file of the project that the docs, the examples, the manifests and the
// comments of src/ and scripts/ name exists: a file that moves takes its mentions
// along, or this test names them (file: the name it no longer finds).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);
// What people read: the docs, and the comments and messages that point at a file.
const readers = tracked.filter((file) => /\.(md|ya?ml|sh|mjs)$|^src\/.*\.ts$|^deploy\/|Dockerfile$/.test(file) && existsSync(file));
// A path of the project's own rooms with an extension; `.js` in src/ and test/ is an import of a .ts.
const MENTION = /(?<![\w/.-])(?:src|test|scripts|docs|deploy|bench|examples|packaging|schema|labs|\.ci)\/[\w./-]*\w\.(?:ts|md|mjs|sh|ya?ml|json|go|Dockerfile)\b/g;

describe('files named in the docs and comments', () => {
  it('exist', () => {
    const missing = readers.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(MENTION)].map((match) => match[0]).filter((path) => !existsSync(path)).map((path) => `${file}: ${path}`),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it('would catch a moved file (the release workflow naming test/cluster/ for test/live/)', () => {
    expect('see test/cluster/executable.test.ts'.match(MENTION)).toEqual(['test/cluster/executable.test.ts']);
    expect(existsSync('test/cluster/executable.test.ts')).toBe(false);
  });
});
