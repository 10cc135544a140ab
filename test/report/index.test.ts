import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { cleanDeep } from '../../src/core/clean-text.js';
import { DEFAULT_GRADEBOOK_FORMATS, GRADEBOOK_FORMATS, formatNames, gradebookFormatters, labTestFormatters, loadFormatter } from '../../src/report/index.js';
import { englishReport } from './sample-report.js';
import { sampleGradebook } from './sample-gradebook.js';

describe('the formatter registry', () => {
  it('knows the formats of SPEC.md', () => {
    expect(formatNames).toEqual(['pretty', 'json', 'junit', 'github', 'markdown', 'classroom', 'gradescope']);
  });

  // One direction only: src/report also holds helpers and the gradebook formatters.
  it('has a file of the same name in src/report for every format', () => {
    const files = readdirSync(new URL('../../src/report/', import.meta.url));
    expect(files).toEqual(expect.arrayContaining(formatNames.map((name) => `${name}.ts`)));
  });

  it('finds a formatter by name, and nothing for an unknown one', async () => {
    // Handed the report cleaned: the sample's bell is gone.
    expect((await loadFormatter('json'))?.(englishReport(), { color: false })).toBe(formatJson(cleanDeep(englishReport())));
    expect(await loadFormatter('xml')).toBeUndefined();
    expect(await loadFormatter('toString')).toBeUndefined();
  });

  it('gives text ending with a newline from every formatter', async () => {
    for (const name of formatNames) {
      expect((await loadFormatter(name))?.(englishReport(), { color: false }).endsWith('\n')).toBe(true);
    }
  });

  it('names the gradebook files of SPEC.md, each made by its formatter', async () => {
    expect(GRADEBOOK_FORMATS).toEqual(['csv', 'json', 'html', 'feedback', 'gradescope']);
    expect(DEFAULT_GRADEBOOK_FORMATS).toEqual(['csv', 'json', 'html', 'feedback']);
    const gradebook = sampleGradebook();
    const paths = await Promise.all(DEFAULT_GRADEBOOK_FORMATS.map(async (name) => (await gradebookFormatters[name].load())(gradebook).map((file) => file.path)));
    expect(paths.slice(0, 3)).toEqual([['grades.csv', 'grades-not-imported.csv'], ['grades.json'], ['report.html']]);
    expect(paths[3]).toEqual(gradebook.students.map((result) => `feedback/${result.student.id}.md`));
  });

  it('has the lines of tp lab test', async () => {
    const format = await labTestFormatters.text();
    expect(format.scenario({ id: 'solution', ok: true, notFailed: [], unexpected: [], skipped: [], proven: [], report: englishReport() })).toBe('✔ solution');
  });
});
