// tp run as kubectl's plugin: kubectl starts the kubectl-tp file found on PATH,
// with the plugin's path as argv[0] and the arguments after `tp` as they were.
import { describe, expect, it } from 'vitest';
import { programNameFor } from '../../src/cli/program-name.js';
import { runTp } from '../support/run-cli.js';

describe('the name tp answers to', () => {
  it('is `kubectl tp` when started as kubectl-tp (a link, a krew install, a Windows .exe)', () => {
    expect(programNameFor('/usr/local/bin/kubectl-tp')).toBe('kubectl tp');
    expect(programNameFor('/home/ana/.krew/bin/kubectl-tp')).toBe('kubectl tp');
    expect(programNameFor('C:\\Users\\ana\\.krew\\bin\\kubectl-tp.exe'.replaceAll('\\', '/'))).toBe('kubectl tp');
    expect(programNameFor('/opt/tp/bin/kubectl-tp.js')).toBe('kubectl tp');
  });

  it('is `tp` otherwise', () => {
    expect(programNameFor('/usr/local/bin/tp')).toBe('tp');
    expect(programNameFor('/usr/local/bin/tp-grader')).toBe('tp');
    expect(programNameFor('/home/ana/Downloads/tp-linux-x64')).toBe('tp');
    expect(programNameFor('/usr/local/bin/kubectl-tpx')).toBe('tp');
    expect(programNameFor(undefined)).toBe('tp');
  });
});

describe('kubectl tp --help', () => {
  it('shows the usage and the examples with `kubectl tp`', async () => {
    const help = await runTp(['--help'], {}, 'kubectl tp');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kubectl tp \[options\] \[command\]/);
    const checkHelp = await runTp(['check', '--help'], {}, 'kubectl tp');
    expect(checkHelp.stdout).toMatch(/^Usage: kubectl tp check \[options\] <lab>/);
    expect(checkHelp.stdout).toContain('\n  kubectl tp check 4\n');
    expect(checkHelp.stdout).not.toMatch(/^ {2}tp check/m);
  });

  it('plain tp keeps saying tp', async () => {
    const checkHelp = await runTp(['check', '--help']);
    expect(checkHelp.stdout).toMatch(/^Usage: tp check \[options\] <lab>/);
    expect(checkHelp.stdout).toContain('\n  tp check 4\n');
  });
});
