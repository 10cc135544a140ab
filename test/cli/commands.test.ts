// The commands that need no cluster, run as a student would from a shell.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTp } from '../support/run-cli.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'tp-cli-'));

describe('tp list, --help, --version', () => {
  it('lists tp4 with its exercises and max score', async () => {
    const { exitCode, stdout } = await runTp(['list']);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^tp4\s+7\s+34\s+TP4/m);
  });

  it('prints the version and a help that lists the commands', async () => {
    expect((await runTp(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    const help = await runTp(['--help']);
    expect(help.exitCode).toBe(0);
    for (const command of ['list', 'init', 'explain', 'check', 'grade', 'lab']) expect(help.stdout).toContain(command);
  });

  it('an unknown command or option is a usage error, exit 2', async () => {
    expect((await runTp(['chek', '4'])).exitCode).toBe(2);
    expect((await runTp(['check', '4', '--format', 'xml'])).exitCode).toBe(2);
    expect((await runTp(['check', '4', '--timeout', '-1'])).exitCode).toBe(2);
  });

  it('tp lab test refuses a --concurrency that is not a whole number >= 1, as tp grade does', async () => {
    for (const value of ['abc', '0', '2.5', '-3']) {
      const labTest = await runTp(['lab', 'test', '4', '--concurrency', value, '--kubeconfig', '/nonexistent/kubeconfig']);
      expect(labTest.exitCode).toBe(2);
      expect(labTest.stderr).toContain(`--concurrency ${value}: expected a whole number >= 1`);
      const grade = await runTp(['grade', '4', '--concurrency', value, '--cohort', '/nonexistent/cohort.yaml']);
      expect(grade.stderr).toContain(`--concurrency ${value}: expected a whole number >= 1`);
    }
  });

  it('an unknown lab says which labs exist', async () => {
    const { exitCode, stderr } = await runTp(['explain', '9']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('tp4');
  });
});

describe('tp init', () => {
  it('writes answers/answers_tp4 with a "<fix me>" per answer', async () => {
    const cwd = tempDir();
    const { exitCode } = await runTp(['init', '4'], { cwd });
    expect(exitCode).toBe(0);
    const answers = JSON.parse(readFileSync(join(cwd, 'answers/answers_tp4'), 'utf8')) as Record<string, string>;
    expect(Object.keys(answers)).toEqual(['Answer1', 'Answer2', 'Answer3', 'Answer4', 'Answer5', 'Answer6', 'Answer7', 'Answer8']);
    expect(Object.values(answers).every((v) => v === '<fix me>')).toBe(true);
  });

  it('never overwrites an answer the student wrote, only adds the missing keys', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'answers'));
    writeFileSync(join(cwd, 'answers/answers_tp4'), '"Answer1": "3",\r\n"Answer4": "country=fr"\r\n');
    const { exitCode, stdout } = await runTp(['init', 'tp4'], { cwd });
    expect(exitCode).toBe(0);
    expect(stdout).toContain('6');
    const text = readFileSync(join(cwd, 'answers/answers_tp4'), 'utf8');
    expect(text).toContain('"Answer1": "3"');
    expect(text).toContain('"Answer4": "country=fr"');
    expect(text).toContain('"Answer8": "<fix me>"');
  });
});

describe('tp explain', () => {
  it('explains one exercise in French, with hints', async () => {
    const { stdout } = await runTp(['explain', '4', 'labels'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(stdout).toContain('[labels] Labels et sélecteurs');
    expect(stdout).toContain('Indice : kubectl label cm/cm1');
    expect(stdout).not.toContain('[contexts]');
  });

  it('explains the whole lab in English with the questions of the answers file', async () => {
    const { stdout } = await runTp(['explain', '4', '--lang', 'en']);
    expect(stdout).toContain('[configmap] Configuration through a ConfigMap');
    expect(stdout).toContain('Answer8: Which resource recreated the deleted pods?');
  });

  it('an unknown exercise lists the real ones', async () => {
    const { exitCode, stderr } = await runTp(['explain', '4', 'nope']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('contexts, labels, nodes');
  });
});
