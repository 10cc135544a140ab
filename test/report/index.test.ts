import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findFormatter, formatNames, formatters } from '../../src/report/index.js';
import { englishReport } from './sample-report.js';

describe('the formatter registry', () => {
  it('knows the formats of SPEC.md and the GitHub one', () => {
    expect(formatNames).toEqual(['pretty', 'json', 'junit', 'github']);
  });

  // One direction only: src/report also holds helpers and the gradebook formatters.
  it('has a file of the same name in src/report for every format', () => {
    const files = readdirSync(new URL('../../src/report/', import.meta.url));
    expect(files).toEqual(expect.arrayContaining(formatNames.map((name) => `${name}.ts`)));
  });

  it('finds a formatter by name, and nothing for an unknown one', () => {
    expect(findFormatter('json')).toBe(formatters.json);
    expect(findFormatter('xml')).toBeUndefined();
    expect(findFormatter('toString')).toBeUndefined();
  });

  it('gives text ending with a newline from every formatter', () => {
    for (const name of formatNames) {
      expect(findFormatter(name)?.(englishReport(), { color: false }).endsWith('\n')).toBe(true);
    }
  });
});
