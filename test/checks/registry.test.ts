// The registry lists every check kind file, under the kind's own name; every
// kind's parameter schema compiles with the production ajv (strict, as lab
// files are loaded); and every kind has its test file beside this one.
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { paramsErrors } from '../../src/lab/ajv.js';

/** Files of src/checks/ that are helpers, not kinds. */
const HELPERS = new Set(['define.ts', 'index.ts', 'snapshot-read.ts', 'answer-hash.ts', 'message.ts', 'kind-name-schema.ts']);

describe('check registry', () => {
  it('has one entry per kind file, named as the file', () => {
    const files = readdirSync('src/checks').filter((f) => f.endsWith('.ts') && !HELPERS.has(f)).map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(checkKinds).sort()).toEqual(files.sort());
    for (const [name, kind] of Object.entries(checkKinds)) expect(kind.kind).toBe(name);
  });

  it('compiles every parameter schema as tp does, and every message exists in French and English', () => {
    for (const kind of Object.values(checkKinds)) {
      // Compiling throws on a schema strict ajv refuses (an unknown keyword, a typo).
      expect(() => paramsErrors(kind.schema, {})).not.toThrow();
      for (const text of Object.values(kind.messages) as Array<{ fr: string; en: string }>) {
        expect(text.fr.length).toBeGreaterThan(0);
        expect(text.en.length).toBeGreaterThan(0);
      }
    }
  });

  it('has a test file per kind (test/checks/<kind>.test.ts, made with testCheck)', () => {
    for (const name of Object.keys(checkKinds)) expect(existsSync(`test/checks/${name}.test.ts`), name).toBe(true);
  });
});
