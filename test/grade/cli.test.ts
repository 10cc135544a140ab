// `tp grade` mistakes a trainer makes, caught before any cluster is read.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTp } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tp-grade-cli-'));
const cohort = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('tp grade', () => {
  it('asks for --cohort', async () => {
    const run = await runTp(['grade', 'tp4']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('tp grade needs --cohort <file>');
  });

  it('prints cohort problems as file:line:col, exit 2', async () => {
    const file = cohort('typo.yaml', 'lab: tp4\nstudents:\n  - id: alice\n    answer: a\n');
    const run = await runTp(['grade', '--cohort', file]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.split('\n')).toContain(`${file}:4:5 unknown property "answer"`);
  });

  it('refuses a cohort of another lab', async () => {
    const file = cohort('other.yaml', 'lab: tp5\nstudents:\n  - { id: alice, answers: a }\n');
    const run = await runTp(['grade', 'tp4', '--cohort', file]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${file}:1:1 this cohort is for lab "tp5", not "tp4"`);
  });

  it('names the formats it knows', async () => {
    const file = cohort('ok.yaml', 'lab: tp4\nstudents:\n  - { id: alice, answers: a }\n');
    const run = await runTp(['grade', '--cohort', file, '--format', 'csv,pdf']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--format pdf: expected csv, json, html, feedback');
  });

  it('refuses to grade while a student lacks the Moodle identifier, listing them', async () => {
    const file = cohort('ids.yaml', 'lab: tp4\nmoodleIdentifier: idnumber\nstudents:\n  - { id: alice, answers: a, idNumber: "007" }\n  - { id: bob, answers: b }\n  - { id: carol, answers: c, idNumber: " " }\n');
    const run = await runTp(['grade', '--cohort', file, '--output', join(dir, 'ids-out')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`tp: ${file}: 2 student(s) have no idNumber, which Moodle's import finds students by: bob, carol`);
    // The flag wins over the cohort's choice.
    const byEmail = await runTp(['grade', '--cohort', file, '--moodle-id', 'email', '--output', join(dir, 'ids-out')]);
    expect(byEmail.stderr).toContain('3 student(s) have no email');
    expect((await runTp(['grade', '--cohort', file, '--moodle-id', 'login'])).stderr).toContain('--moodle-id login: expected email, idnumber, username');
  });

  it('warns, without refusing, when no identifier was chosen and none is complete', async () => {
    const file = cohort('noids.yaml', 'lab: tp4\nstudents:\n  - { id: alice, answers: a, email: a@example.org }\n  - { id: bob, answers: b }\n');
    const run = await runTp(['grade', '--cohort', file, '--output', join(dir, 'noids-out'), '--timeout', '1']);
    expect(run.stderr).toContain(`${file}: warning: 1 student(s) have no email, which Moodle's import finds students by: bob. Choose the identifier`);
  });

  it('documents its exit codes in --help', async () => {
    const run = await runTp(['grade', '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Exit codes: 0 every student was graded (whatever their scores), 2 a student is in error');
  });

  it('merge says what it needs', async () => {
    const run = await runTp(['grade', 'merge', join(dir, 'nowhere')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('no such file or directory');
  });
});
