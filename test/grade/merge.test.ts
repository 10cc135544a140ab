// --shard i/n slices a cohort; merge puts the shards' gradebooks back together.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseShard, shardOf } from '../../src/grade/shard.js';
import { mergeGradebooks } from '../../src/grade/merge.js';
import { formatGradesCsv } from '../../src/report/csv.js';
import { TpError } from '../../src/core/errors.js';
import type { Gradebook, Shard } from '../../src/grade/types.js';
import { sampleGradebook, sampleOutline, sampleResults } from '../report/sample-gradebook.js';
import { buildGradebook } from '../../src/grade/gradebook.js';
import { formatGradebookJson, parseGradebookJson } from '../../src/report/gradebook-json.js';
import { formatJson } from '../../src/report/json.js';

const shardBook = (full: Gradebook, shard: Shard): Gradebook =>
  buildGradebook({ ...full, results: shardOf(full.students, shard), shard, run: { apiRequests: 7, clusters: 1, durationMs: 10 * shard.index } });

describe('--shard i/n', () => {
  it('reads i/n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('0/4')).toThrow(TpError);
    expect(() => parseShard('5/4')).toThrow(/1 <= i <= n/);
    expect(() => parseShard('two')).toThrow(TpError);
  });

  it('reads job/n in the pod of an Indexed Job: the shard is its JOB_COMPLETION_INDEX + 1', () => {
    expect(parseShard('job/3', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 3 });
    expect(parseShard('job/3', { JOB_COMPLETION_INDEX: '2' })).toEqual({ index: 3, count: 3 });
    expect(() => parseShard('job/3', {})).toThrow(/--shard job\/3: JOB_COMPLETION_INDEX is not set/);
    expect(() => parseShard('job/3', { JOB_COMPLETION_INDEX: 'x' })).toThrow(/JOB_COMPLETION_INDEX is "x", not an index/);
    // A Job of 4 pods run with job/3: the fourth pod has no shard.
    expect(() => parseShard('job/3', { JOB_COMPLETION_INDEX: '3' })).toThrow(/or job\/n in an Indexed Job of n pods \(its index is 3\)/);
  });

  it('slices every cohort into shards that cover it exactly once, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 20 }), (size, count) => {
        const cohort = Array.from({ length: size }, (_, i) => i);
        const slices = Array.from({ length: count }, (_, i) => shardOf(cohort, { index: i + 1, count }));
        expect(slices.flat()).toEqual(cohort);
        // Balanced: no shard holds more than one student above another.
        const sizes = slices.map((slice) => slice.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('grades.json', () => {
  it('reads back what it wrote', () => {
    const gradebook = sampleGradebook();
    const again = parseGradebookJson(formatGradebookJson(gradebook), 'grades.json');
    expect(again).toEqual(gradebook);
  });

  it('is laid out as one JSON text indented by two, a thousand students or none', () => {
    for (const gradebook of [sampleGradebook(), { ...sampleGradebook(), students: [] }]) {
      const text = formatGradebookJson(gradebook);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });

  it('holds each student\'s JSON report as SPEC writes it', () => {
    const json = JSON.parse(formatGradebookJson(sampleGradebook())) as { students: Array<{ report?: { lab: string; score: number; exercises: unknown[] } }> };
    expect(json.students[0]?.report).toMatchObject({ lab: 'tp4', score: 3, target: { namespace: 'alice' } });
    expect(json.students[2]?.report).toBeUndefined();
    const graded = sampleGradebook().students[0]?.report;
    expect(JSON.stringify(json.students[0]?.report, null, 2)).toBe(graded && formatJson(graded).trimEnd());
  });

  it('refuses a file that is not a gradebook', () => {
    expect(() => parseGradebookJson('{"lab": "tp4"}', 'x.json')).toThrow(/x\.json: not a tp gradebook/);
    expect(() => parseGradebookJson('{', 'x.json')).toThrow(/not valid JSON/);
  });

  it("refuses a shard whose student ids the cohort schema would refuse: they name files", () => {
    const text = formatGradebookJson(sampleGradebook());
    for (const hostile of ['../../../home/trainer/.bashrc', '/etc/cron.d/x', 'a/b', '.hidden', 'x'.repeat(101), 'al\u001bice']) {
      const json = text.replace('"id": "alice"', `"id": ${JSON.stringify(hostile)}`);
      expect(json).not.toBe(text);
      expect(() => parseGradebookJson(json, 'shard.json'), hostile).toThrow(/is not a student id/);
    }
  });
});

describe('tp grade merge', () => {
  const full = sampleGradebook();

  it('gives back the full run from its shards, whatever order they come in', () => {
    const parts = [shardBook(full, { index: 2, count: 2 }), shardBook(full, { index: 1, count: 2 })];
    const { gradebook, warnings } = mergeGradebooks(parts, ['b', 'a'], full.generatedAt);
    expect(warnings).toEqual([]);
    expect(gradebook.complete).toBe(true);
    expect(gradebook.students).toEqual(full.students);
    expect(gradebook.summary).toEqual(full.summary);
    expect(formatGradesCsv(gradebook)).toBe(formatGradesCsv(full));
    expect(gradebook.run).toEqual({ apiRequests: 14, clusters: 2, durationMs: 20 });
  });

  it('marks the result incomplete when a shard is missing, and says which', () => {
    const { gradebook, warnings } = mergeGradebooks([shardBook(full, { index: 1, count: 3 })], ['a'], full.generatedAt);
    expect(gradebook.complete).toBe(false);
    expect(warnings).toEqual(['shard(s) 2/3, 3/3 missing: the merged gradebook is incomplete']);
  });

  it('refuses a shard given twice, or a shard of another lab', () => {
    const one = shardBook(full, { index: 1, count: 2 });
    expect(() => mergeGradebooks([one, one], ['a', 'b'], '')).toThrow(/student "alice" is in both a and b/);
    const other = { ...shardBook(full, { index: 2, count: 2 }), outline: { ...sampleOutline(), id: 'tp5' } };
    expect(() => mergeGradebooks([one, other], ['a', 'b'], '')).toThrow(/not shards of one run/);
  });
});

describe('the cohort summary', () => {
  it('counts graded students, errors, and the success of each check among the graded', () => {
    const { summary } = sampleGradebook();
    expect(summary).toMatchObject({ students: 3, graded: 2, errors: 1, pending: 0, meanScore: 3, medianScore: 3 });
    expect(summary.exercises).toEqual([
      { id: 'contexts', passed: 2, graded: 2 },
      { id: 'labels', passed: 0, graded: 2 },
    ]);
    // The manual and skipped checks count nobody.
    expect(summary.checks.find((c) => c.id === 'contexts-review')).toEqual({ id: 'contexts-review', exercise: 'contexts', passed: 0, graded: 0 });
    expect(sampleResults()).toHaveLength(3);
  });
});
