// Who handed in which file: Moodle's folder names, file names, a cohort's ids,
// emails and names, and what cannot be decided said so.
import { describe, expect, it } from 'vitest';
import { labelOf, type SubmissionSource } from '../../src/grade/submission-sources.js';
import { matchToCohort, nameKey, studentsFromSources } from '../../src/grade/match-submissions.js';
import type { CohortStudent } from '../../src/grade/types.js';

const source = (where: string): SubmissionSource => ({ where, ...labelOf(where), read: async () => Buffer.alloc(0) });
const student = (index: number, id: string, more: Partial<CohortStudent> = {}): CohortStudent => ({ index, id, answers: '', answersAsWritten: '', ...more });

describe('matching submissions', () => {
  it('reads who a file is from: Moodle\'s folders, its old flat names, a folder or a file of one\'s own', () => {
    expect(labelOf('Élodie Dupré_1203_assignsubmission_file_/submission_tp4.json.gz')).toEqual({ label: 'Élodie Dupré', participant: '1203' });
    expect(labelOf('Bob Durand_88_assignsubmission_file_submission_tp4.json.gz')).toEqual({ label: 'Bob Durand', participant: '88' });
    expect(labelOf('alice/submission_tp4.json.gz')).toEqual({ label: 'alice' });
    expect(labelOf('carol@example.org.json.gz')).toEqual({ label: 'carol@example.org' });
  });

  it('compares names without case, accents, punctuation or word order', () => {
    expect(nameKey("Élodie  d'Arc-Martin")).toBe(nameKey('MARTIN Arc d Elodie'));
    expect(nameKey('Alice Martin')).not.toBe(nameKey('Alicia Martin'));
  });

  it('matches by id, email, idNumber or name, and says what names nobody, several students, or a student twice', () => {
    const cohort = [
      student(0, 'alice', { name: 'Alice Martin', email: 'alice@example.org' }),
      student(1, 'bob', { name: 'Bob Durand', idNumber: '2024002' }),
      student(2, 'elodie', { name: 'Élodie Dupré' }),
      student(3, 'dan1', { name: 'Dan Lee' }),
      student(4, 'dan2', { name: 'Dan Lee' }),
      student(5, 'fay', { name: 'Fay Wong' }),
    ];
    const matching = matchToCohort(cohort, [
      source('Alice@Example.org.json.gz'),
      source('2024002/submission_tp4.json.gz'),
      source('Dupre Elodie_12_assignsubmission_file_/submission_tp4.json.gz'),
      source('Dan Lee_13_assignsubmission_file_/submission_tp4.json.gz'),
      source('Zoe Stranger_14_assignsubmission_file_/submission_tp4.json.gz'),
      source('fay/submission_tp4.json.gz'),
      source('fay/old/submission_tp4.json.gz'),
    ]);
    expect(matching.students.map(({ student: s, source: found }) => [s.id, 'missing' in found ? found.missing : found.where])).toEqual([
      ['alice', 'Alice@Example.org.json.gz'],
      ['bob', '2024002/submission_tp4.json.gz'],
      ['elodie', 'Dupre Elodie_12_assignsubmission_file_/submission_tp4.json.gz'],
      ['dan1', 'no submission found for this student'],
      ['dan2', 'no submission found for this student'],
      ['fay', 'several submission files: fay/submission_tp4.json.gz, fay/old/submission_tp4.json.gz (keep one)'],
    ]);
    expect(matching.unmatched).toEqual([
      { where: 'Dan Lee_13_assignsubmission_file_/submission_tp4.json.gz', reason: '"Dan Lee" names several students: dan1, dan2' },
      { where: 'Zoe Stranger_14_assignsubmission_file_/submission_tp4.json.gz', reason: '"Zoe Stranger" names no student of the cohort (by id, email, idNumber, username or name)' },
    ]);
  });

  it('makes a student of each folder or file without a cohort, with ids that do not collide', () => {
    const matching = studentsFromSources([source('Élodie Dupré_12_assignsubmission_file_/s.json.gz'), source('elodie-dupre/s.json.gz'), source('Elodie Dupre.json.gz')]);
    expect(matching.students.map(({ student: s }) => [s.id, s.name])).toEqual([['elodie-dupre-12', 'Élodie Dupré'], ['elodie-dupre', 'elodie-dupre'], ['elodie-dupre-2', 'Elodie Dupre']]);
  });
});

describe('a folder of submissions', () => {
  it('reads the submission files in it, a folder per student or not, and never follows a link', async () => {
    const { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { listSubmissions } = await import('../../src/grade/submission-sources.js');
    const dir = mkdtempSync(join(tmpdir(), 'tp-subs-'));
    mkdirSync(join(dir, 'alice'));
    writeFileSync(join(dir, 'alice', 'submission_tp4.json.gz'), 'a');
    writeFileSync(join(dir, 'bob.json.gz'), 'b');
    writeFileSync(join(dir, 'notes.txt'), 'not a submission');
    mkdirSync(join(dir, 'mallory'));
    symlinkSync('/etc/passwd', join(dir, 'mallory', 'submission_tp4.json.gz'));
    const listing = await listSubmissions(dir);
    expect(listing.sources.map((source) => [source.where, source.label])).toEqual([['alice/submission_tp4.json.gz', 'alice'], ['bob.json.gz', 'bob']]);
    expect(listing.skipped).toEqual([{ where: 'mallory/submission_tp4.json.gz', reason: 'a symbolic link: tp does not follow it' }]);
    expect((await listing.sources[0]!.read()).toString()).toBe('a');
  });
});
