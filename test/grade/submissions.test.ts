// Issue 23, points 4 and 8: a student's answers and hints are their own. Each
// student's submission root is resolved from the cohort file (the folder named
// by their id), and no link at any depth below it may lead out of it: alice is
// never graded on bob's answers, nor charged bob's hints. A hint state beside
// the answers files of several students (one flat folder, as the in-cluster
// Job's layout has it) is nobody's: counted for no one, with a word why.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../../src/cli/load-lab.js';
import { runCohort } from '../../src/grade/run-cohort.js';
import { parseCohort } from '../../src/grade/cohort-file.js';
import { readAnswersBytes } from '../../src/answers/read-bytes.js';
import type { Lab } from '../../src/lab/types.js';
import type { StudentResult } from '../../src/grade/types.js';
import { configMap, fakeCluster, inMemoryRunOptions, node } from './fake-cluster.js';

let lab: Lab;
beforeAll(async () => {
  lab = await loadLab('tp4', process.cwd());
}, 60_000);

const ANSWERS = (who: string) => `{ "Answer1": "${who === 'bob' ? 2 : 1}", "Answer4": "country=fr" }\n`;
const HINTS = '{"version":1,"lab":"tp4","levels":{"cm1-labels":2,"answer1-context-count":1}}\n';

/** Grades the cohort file `text` (written in `dir`) against a cluster in memory. */
const grade = async (dir: string, text: string): Promise<Map<string, StudentResult>> => {
  writeFileSync(join(dir, 'cohort.yaml'), text);
  const cohort = parseCohort(text, join(dir, 'cohort.yaml'), '/nonexistent-home');
  const cluster = fakeCluster([configMap('alice', 'cm1', { version: '1.0', country: 'fr' }), node('cp')]);
  const run = await runCohort(inMemoryRunOptions(lab, cohort.students, () => cluster.client, { lang: 'en' }));
  return new Map(run.results.map((result) => [result.student.id, result]));
};

const answerOf = (result: StudentResult | undefined, key: string): string | undefined =>
  result?.report?.exercises.flatMap((exercise) => exercise.checks).find((check) => check.answer?.key === key)?.message;

describe('a submission root per student', () => {
  it('refuses alice\'s answers/ folder linked to bob\'s, with per-student paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-submissions-'));
    mkdirSync(join(dir, 'repos/bob/answers'), { recursive: true });
    mkdirSync(join(dir, 'repos/alice'), { recursive: true });
    writeFileSync(join(dir, 'repos/bob/answers/answers_tp4'), ANSWERS('bob'));
    writeFileSync(join(dir, 'repos/bob/answers/.tp-hints_tp4.json'), HINTS);
    symlinkSync(join(dir, 'repos/bob/answers'), join(dir, 'repos/alice/answers'));
    const results = await grade(dir, 'lab: tp4\nstudents:\n  - { id: alice, namespace: alice, answers: repos/alice/answers/answers_tp4 }\n  - { id: bob, namespace: alice, answers: repos/bob/answers/answers_tp4 }\n');
    expect(results.get('alice')).toMatchObject({ status: 'error', reason: expect.stringContaining('outside the student\'s submission folder') as string });
    expect(results.get('alice')?.hints).toBeUndefined();
    expect(results.get('bob')).toMatchObject({ status: 'graded', hints: { used: 3 } });
    expect(answerOf(results.get('bob'), 'Answer1')).toContain('"2"');
  });

  it('refuses a submission root that is itself a link to another student\'s folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-submissions-'));
    mkdirSync(join(dir, 'subs/bob'), { recursive: true });
    writeFileSync(join(dir, 'subs/bob/answers_tp4'), ANSWERS('bob'));
    symlinkSync(join(dir, 'subs/bob'), join(dir, 'subs/alice'));
    const results = await grade(dir, 'lab: tp4\ndefaults: { namespace: alice, answers: "subs/{id}/answers_tp4" }\nstudents:\n  - { id: alice }\n  - { id: bob }\n');
    expect(results.get('alice')).toMatchObject({ status: 'error', reason: expect.stringContaining('is a link') as string });
    expect(results.get('bob')?.status).toBe('graded');
  });

  it('refuses, in the flat layout (answers/{id}), an answers file linked to a classmate\'s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-submissions-'));
    mkdirSync(join(dir, 'answers'));
    writeFileSync(join(dir, 'answers/bob'), ANSWERS('bob'));
    symlinkSync('bob', join(dir, 'answers/alice'));
    const results = await grade(dir, 'lab: tp4\ndefaults: { namespace: alice, answers: "answers/{id}" }\nstudents:\n  - { id: alice }\n  - { id: bob }\n');
    expect(results.get('alice')).toMatchObject({ status: 'error', reason: expect.stringContaining('is a link') as string });
    expect(results.get('bob')?.status).toBe('graded');
  });

  it('reads a flat folder as a ConfigMap volume lays it out (each file a link to its own name under ..data), as the in-cluster Job mounts answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-submissions-'));
    mkdirSync(join(dir, 'answers/..2026_12_04_10_00_00.123'), { recursive: true });
    for (const id of ['alice', 'bob']) writeFileSync(join(dir, 'answers/..2026_12_04_10_00_00.123', id), ANSWERS(id));
    symlinkSync('..2026_12_04_10_00_00.123', join(dir, 'answers/..data'));
    for (const id of ['alice', 'bob']) symlinkSync(`..data/${id}`, join(dir, 'answers', id));
    const results = await grade(dir, 'lab: tp4\ndefaults: { namespace: alice, answers: "answers/{id}" }\nstudents:\n  - { id: alice }\n  - { id: bob }\n');
    expect(results.get('alice')?.status).toBe('graded');
    expect(answerOf(results.get('alice'), 'Answer1')).toContain('"1"');
    expect(answerOf(results.get('bob'), 'Answer1')).toContain('"2"');
  });

  it('follows links that stay inside the student\'s own folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-submissions-'));
    mkdirSync(join(dir, 'repos/alice/v2'), { recursive: true });
    writeFileSync(join(dir, 'repos/alice/v2/answers_tp4'), ANSWERS('alice'));
    symlinkSync('v2', join(dir, 'repos/alice/answers'));
    const results = await grade(dir, 'lab: tp4\nstudents:\n  - { id: alice, namespace: alice, answers: repos/alice/answers/answers_tp4 }\n');
    expect(results.get('alice')?.status).toBe('graded');
    expect(answerOf(results.get('alice'), 'Answer1')).toContain('"1"');
  });
});

describe('hints counted per student', () => {
  it('charges no one the hint state of a folder that holds several students\' answers files, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-submissions-'));
    mkdirSync(join(dir, 'answers'));
    for (const id of ['alice', 'bob', 'carol']) writeFileSync(join(dir, 'answers', id), ANSWERS(id));
    writeFileSync(join(dir, 'answers/.tp-hints_tp4.json'), HINTS);
    const results = await grade(dir, 'lab: tp4\ndefaults: { namespace: alice, answers: "answers/{id}" }\nstudents:\n  - { id: alice }\n  - { id: bob }\n  - { id: carol }\n');
    for (const id of ['alice', 'bob', 'carol']) {
      const result = results.get(id);
      expect(result, id).toMatchObject({ status: 'graded', hints: { used: 0, levels: {} } });
      expect(result?.report?.warnings.join('\n'), id).toMatch(/hint state \.tp-hints_tp4\.json ignored \(.*answers files of 3 students/);
    }
  });

  it('still counts each student\'s own hint state, in a folder of their own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-submissions-'));
    for (const id of ['alice', 'bob']) {
      mkdirSync(join(dir, 'submissions', id), { recursive: true });
      writeFileSync(join(dir, 'submissions', id, 'answers_tp4'), ANSWERS(id));
    }
    writeFileSync(join(dir, 'submissions/alice/.tp-hints_tp4.json'), HINTS);
    const results = await grade(dir, 'lab: tp4\ndefaults: { namespace: alice, answers: "submissions/{id}/answers_tp4" }\nstudents:\n  - { id: alice }\n  - { id: bob }\n');
    expect(results.get('alice')).toMatchObject({ status: 'graded', hints: { used: 3 } });
    expect(results.get('bob')).toMatchObject({ status: 'graded', hints: { used: 0 } });
    expect(results.get('alice')?.report?.warnings).toEqual([]);
  });
});

describe('link layouts (fuzz)', () => {
  // Alice's tree and bob's, with links anywhere in alice's: whatever the layout, alice's answers
  // read inside the root her cohort entry gives her are her own text or a refusal, never bob's.
  const step = fc.record({
    at: fc.constantFrom('answers', 'a', 'a/b', 'answers/answers_tp4', 'a/answers_tp4', 'answers_tp4'),
    to: fc.constantFrom('bob', 'bob/answers', 'bob/answers/answers_tp4', 'alice/real', 'alice/real/answers_tp4', 'alice/a', 'alice', '..', '.'),
    relativeLink: fc.boolean(),
  });

  it('never reads a classmate\'s file through alice\'s root', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 4 }), fc.constantFrom('answers/answers_tp4', 'a/b/answers_tp4', 'answers_tp4'), async (links, answersPath) => {
        const dir = mkdtempSync(join(tmpdir(), 'tp-link-fuzz-'));
        const repos = join(dir, 'repos');
        mkdirSync(join(repos, 'bob/answers'), { recursive: true });
        mkdirSync(join(repos, 'alice/real'), { recursive: true });
        writeFileSync(join(repos, 'bob/answers/answers_tp4'), 'bob');
        writeFileSync(join(repos, 'alice/real/answers_tp4'), 'alice');
        for (const { at, to, relativeLink } of links) {
          const link = join(repos, 'alice', at);
          try {
            mkdirSync(join(link, '..'), { recursive: true });
            symlinkSync(relativeLink ? relative(join(link, '..'), join(repos, to)) || '.' : join(repos, to), link);
          } catch {
            // Something is already there: the layout keeps it.
          }
        }
        const text = `lab: tp4\nstudents:\n  - { id: alice, answers: repos/alice/${answersPath} }\n  - { id: bob, answers: repos/bob/answers/answers_tp4 }\n`;
        const [alice] = parseCohort(text, join(dir, 'cohort.yaml'), '/nonexistent-home').students;
        const read = await readAnswersBytes(alice?.answers ?? '', { within: alice?.submission ?? '' }).then((bytes) => bytes.toString(), () => 'refused');
        expect(['alice', 'refused']).toContain(read);
      }),
      { numRuns: 200 },
    );
  });
});
