// schema/lab.schema.json is what editors use: it must be a valid schema and accept the labs tp accepts.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { SAMPLE_LAB } from './sample-lab.js';

const schema: object = JSON.parse(readFileSync(new URL('../../schema/lab.schema.json', import.meta.url), 'utf8'));

describe('schema/lab.schema.json', () => {
  test('is a valid draft-07 schema that strict ajv compiles', () => {
    const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  test('accepts the sample lab and rejects a typo', () => {
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
    const lab: unknown = parse(SAMPLE_LAB);
    expect(validate(lab)).toBe(true);
    expect(validate(parse(SAMPLE_LAB.replace('points: 1', 'pionts: 1')))).toBe(false);
  });
});
