// `tp grade` mistakes a trainer makes, caught before any cluster is read.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTp } from '../support/run-cli.js';
import { startLiveTp } from '../support/live-tp.js';
import { bundleCli } from './bundle-cli.js';
import { waitFor } from '../support/cluster.js';

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

  it('refuses a cohort whose lab is another lab file named by path, and takes one naming this lab', async () => {
    const pods = join(process.cwd(), 'labs/pods/lab.yaml');
    const other = cohort('by-path.yaml', `lab: ${pods}\nstudents:\n  - { id: alice, answers: a }\n`);
    const run = await runTp(['grade', 'tp4', '--cohort', other, '--output', join(dir, 'by-path-out')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${other}:1:1 this cohort is for lab "pods" (${pods}), not "tp4"`);
    expect(existsSync(join(dir, 'by-path-out'))).toBe(false);
    const same = cohort('same-by-path.yaml', `lab: ${join(process.cwd(), 'labs/tp4/lab.yaml')}\nstudents:\n  - { id: alice, answers: a }\n`);
    const graded = await runTp(['grade', 'tp4', '--cohort', same, '--output', join(dir, 'same-by-path-out'), '--format', 'json', '--timeout', '1']);
    expect(graded.stderr).not.toContain('this cohort is for lab');
    expect(existsSync(join(dir, 'same-by-path-out', 'grades.json'))).toBe(true);
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

  it('refuses, before reading any cluster, a cohort where no identifier is complete and none was chosen', async () => {
    // The cohort's cluster is a listener on loopback that counts who dials it.
    let dialled = 0;
    const server = createServer((socket) => {
      dialled += 1;
      socket.destroy();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const kubeconfig = cohort('cluster.kubeconfig', `apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:${port}"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {token: t}}]\n`);
    const file = cohort('mixed.yaml', `lab: tp4\ndefaults: { kubeconfig: ${kubeconfig} }\nstudents:\n  - { id: alice, answers: a, email: a@example.org }\n  - { id: bob, answers: b, idNumber: "42" }\n  - { id: carol, answers: c }\n`);
    const output = join(dir, 'mixed-out');
    try {
      const run = await runTp(['grade', '--cohort', file, '--output', output, '--timeout', '1']);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(`tp: ${file}: no Moodle identifier is given for every student, and none was chosen (no email: bob, carol; no idNumber: alice, carol; no username: alice, bob, carol)`);
      expect(run.stderr).toContain('--format json,html,feedback');
      expect(existsSync(output)).toBe(false);
      // In the trainer's language.
      const french = await runTp(['grade', '--cohort', file, '--output', output, '--lang', 'fr']);
      expect(french.exitCode).toBe(2);
      expect(french.stderr).toContain(`tp: ${file} : aucun identifiant Moodle n'est donné pour tous les étudiants, et aucun n'a été choisi (sans email : bob, carol ; sans idNumber : alice, carol ; sans username : alice, bob, carol)`);
      expect(dialled).toBe(0);

      // The ways out: choosing the field (then only who lacks it is listed), or writing no CSV.
      const byEmail = await runTp(['grade', '--cohort', file, '--moodle-id', 'email', '--output', output]);
      expect(byEmail.exitCode).toBe(2);
      expect(byEmail.stderr).toContain(`tp: ${file}: 2 student(s) have no email, which Moodle's import finds students by: bob, carol`);
      const noCsv = await runTp(['grade', '--cohort', file, '--format', 'json,feedback', '--output', output, '--timeout', '1']);
      expect(noCsv.stderr).not.toContain('identifier');
      expect(dialled).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });

  it('grades the SPEC\'s cohort (alice with an email, bob with none): bob is left out of grades.csv, named in a warning', async () => {
    const file = cohort('spec.yaml', 'lab: tp4\nstudents:\n  - { id: alice, answers: a, email: alice@example.org }\n  - { id: bob, answers: b }\n');
    const output = join(dir, 'spec-out');
    const run = await runTp(['grade', '--cohort', file, '--output', output, '--timeout', '1']);
    // Graded (no cluster here: both in error), not refused before grading.
    expect(run.stderr).not.toContain('no Moodle identifier is given');
    expect(run.stderr).toContain(`${file}: warning: 1 student(s) have no email, idNumber or username: bob. They are graded but left out of grades.csv`);
    expect(run.stderr).toContain('0/2 students graded, 2 in error');
    expect(readFileSync(join(output, 'grades-not-imported.csv'), 'utf8')).toMatch(/alice[\s\S]*bob/);
  });

  it('grades a cohort with no identifier at all (never meant for Moodle), saying grades.csv holds no one', async () => {
    const file = cohort('noids.yaml', 'lab: tp4\nstudents:\n  - { id: alice, answers: a }\n  - { id: bob, answers: b }\n');
    const run = await runTp(['grade', '--cohort', file, '--output', join(dir, 'noids-out'), '--timeout', '1']);
    expect(run.stderr).toContain(`${file}: note: no student has an email, idNumber or username, so grades.csv holds no one`);
    expect(run.stderr).not.toContain('no Moodle identifier is given');
    expect(readFileSync(join(dir, 'noids-out', 'grades.csv'), 'utf8').trim().split(/\r?\n/)).toHaveLength(1);
    expect(readFileSync(join(dir, 'noids-out', 'grades-not-imported.csv'), 'utf8')).toMatch(/alice[\s\S]*bob/);
  });

  it('documents its exit codes in --help', async () => {
    const run = await runTp(['grade', '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Exit codes: 0 every student was graded (whatever their scores), 2 a student is in error');
  });

  it('--exit-zero-with-errors: students in error are data once the gradebook is written (a Job pod is not retried for them)', async () => {
    const file = cohort('errors.yaml', 'lab: tp4\nstudents:\n  - { id: alice, answers: a }\n  - { id: bob, answers: b }\n');
    const plain = await runTp(['grade', '--cohort', file, '--output', join(dir, 'errors-plain'), '--timeout', '1']);
    expect(plain.exitCode).toBe(2);
    const zero = await runTp(['grade', '--cohort', file, '--output', join(dir, 'errors-zero'), '--timeout', '1', '--exit-zero-with-errors']);
    expect(zero.stderr).toMatch(/alice/);
    expect(readFileSync(join(dir, 'errors-zero', 'grades-not-imported.csv'), 'utf8')).toMatch(/alice[\s\S]*bob/);
    expect(zero.exitCode).toBe(0);
  });

  it('--exit-zero-with-errors holds for the live class too: Ctrl-C writes the gradebook, students in error are said, exit 0 (2 without it)', async () => {
    const file = cohort('live-errors.yaml', 'lab: tp4\nstudents:\n  - { id: alice, answers: a }\n  - { id: bob, answers: b }\n');
    const cli = await bundleCli();
    for (const [extra, code] of [[[], 2], [['--exit-zero-with-errors'], 0]] as const) {
      const out = join(dir, `live-errors-${code}`);
      // No kubeconfig anywhere (HOME is the test's folder): both students are in error at once.
      const live = await startLiveTp(cli, ['grade', '--cohort', file, '--output', out, '--watch', '--serve', '--timeout', '1', ...extra], { HOME: dir, LANG: 'en_US.UTF-8' }, process.cwd());
      await waitFor(async () => (await live.state()).rows.every((row) => row.status === 'error'), 30_000, 'both students in error');
      expect(await live.interrupt()).toBe(code);
      expect(live.stderr()).toMatch(/^ {2}alice: /m);
      expect(readFileSync(join(out, 'grades-not-imported.csv'), 'utf8')).toMatch(/alice[\s\S]*bob/);
    }
  }, 120_000);

  it('--watch follows clusters: no --submissions (files do not change), no --push (a finished gradebook is sent)', async () => {
    const file = cohort('watch-usage.yaml', 'lab: tp4\nstudents:\n  - { id: alice, answers: a }\n');
    const submissions = await runTp(['grade', 'tp4', '--submissions', dir, '--watch', '--output', join(dir, 'watch-usage')]);
    expect(submissions.exitCode).toBe(2);
    expect(submissions.stderr).toContain('--watch follows clusters as the class works: submission files do not change');
    const push = await runTp(['grade', '--cohort', file, '--watch', '--push', 'moodle', '--output', join(dir, 'watch-usage')]);
    expect(push.exitCode).toBe(2);
    expect(push.stderr).toContain('--push sends a finished gradebook');
    const serve = await runTp(['grade', '--cohort', file, '--serve', '--output', join(dir, 'watch-usage')]);
    expect(serve.stderr).toContain('--serve shows the live class: it needs --watch');
  });

  it('--shard job/n takes the shard from JOB_COMPLETION_INDEX, and merge takes a directory of shard directories', async () => {
    const file = cohort('job.yaml', 'lab: tp4\nstudents:\n  - { id: alice, answers: a }\n  - { id: bob, answers: b }\n  - { id: carol, answers: c }\n');
    for (const index of ['0', '1']) {
      const env = { LANG: 'en_US.UTF-8', NO_COLOR: '1', JOB_COMPLETION_INDEX: index };
      const run = await runTp(['grade', '--cohort', file, '--shard', 'job/2', '--output', join(dir, 'job-out', 'shards', index), '--timeout', '1', '--exit-zero-with-errors'], { env });
      expect(run.exitCode).toBe(0);
    }
    const shardOne = JSON.parse(readFileSync(join(dir, 'job-out', 'shards', '0', 'grades.json'), 'utf8')) as { shard: { index: number; count: number } };
    expect(shardOne.shard).toEqual({ index: 1, count: 2 });
    const merge = await runTp(['grade', 'merge', join(dir, 'job-out', 'shards'), '--output', join(dir, 'job-out', 'all'), '--exit-zero-with-errors']);
    expect(merge.stderr).not.toContain('warning');
    expect(merge.exitCode).toBe(0);
    const merged = JSON.parse(readFileSync(join(dir, 'job-out', 'all', 'grades.json'), 'utf8')) as { mergedShards: number[]; students: Array<{ id: string }> };
    expect(merged.mergedShards).toEqual([1, 2]);
    expect(merged.students.map((s) => s.id)).toEqual(['alice', 'bob', 'carol']);
    // Without the flag, students in error make the merge exit 2, as they make tp grade.
    expect((await runTp(['grade', 'merge', join(dir, 'job-out', 'shards'), '--output', join(dir, 'job-out', 'all2')])).exitCode).toBe(2);
  });

  it('--shard job/n outside an Indexed Job says so', async () => {
    const file = cohort('nojob.yaml', 'lab: tp4\nstudents:\n  - { id: alice, answers: a }\n');
    const run = await runTp(['grade', '--cohort', file, '--shard', 'job/2']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--shard job/2: JOB_COMPLETION_INDEX is not set');
    expect(run.stderr).toContain('Indexed Job');
  });

  it('merge says what it needs', async () => {
    const run = await runTp(['grade', 'merge', join(dir, 'nowhere')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('no such file or directory');
    const empty = mkdtempSync(join(dir, 'empty-'));
    const none = await runTp(['grade', 'merge', empty]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('holds no grades.json, nor any directory holding one');
  });
});
