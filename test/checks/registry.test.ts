// The registry lists every check kind file, under the kind's own name, and
// every kind's parameter schema compiles.
import { readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';

/** Files of src/checks/ that are helpers, not kinds. */
const HELPERS = new Set(['define.ts', 'index.ts', 'snapshot-read.ts', 'answer-hash.ts']);

describe('check registry', () => {
  it('has one entry per kind file, named as the file', () => {
    const files = readdirSync('src/checks').filter((f) => f.endsWith('.ts') && !HELPERS.has(f)).map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(checkKinds).sort()).toEqual(files.sort());
    for (const [name, kind] of Object.entries(checkKinds)) expect(kind.kind).toBe(name);
  });

  it('compiles every parameter schema, and every message exists in French and English', () => {
    const ajv = new Ajv({ allowUnionTypes: true, strict: false });
    for (const kind of Object.values(checkKinds)) {
      expect(() => ajv.compile(kind.schema)).not.toThrow();
      for (const text of Object.values(kind.messages) as Array<{ fr: string; en: string }>) {
        expect(text.fr.length).toBeGreaterThan(0);
        expect(text.en.length).toBeGreaterThan(0);
      }
    }
  });
});
