// --timeout as kubectl's --request-timeout takes it: seconds, or a Go duration.
import { describe, expect, it } from 'vitest';
import { durationSeconds, parseDuration } from '../../src/cli/timeout-option.js';
import { runTp } from '../support/run-cli.js';

describe('durations', () => {
  it.each([
    ['5', 5],
    ['2.5', 2.5],
    ['500ms', 0.5],
    ['5s', 5],
    ['1m', 60],
    ['1m30s', 90],
    ['1.5h', 5400],
    ['250us', 0.00025],
    ['250µs', 0.00025],
  ])('%s is %d s', (text, seconds) => {
    expect(durationSeconds(text)).toBeCloseTo(seconds, 9);
  });

  it.each(['', 's', '5 s', '5x', '-1s', '1m-5s', 'abc', `${'9'.repeat(80)}s`])('"%s" is not a duration', (text) => {
    expect(durationSeconds(text)).toBeUndefined();
  });

  it('0 is refused: tp always bounds its requests', () => {
    expect(() => parseDuration('--timeout')('0s')).toThrow('--timeout 0s: expected a duration > 0');
  });
});

describe('on the command line', () => {
  it.each([['check'], ['grade'], ['snapshot'], ['lab', 'test']])('tp %s --help shows --timeout <duration> and --request-timeout', async (...command) => {
    const { stdout } = await runTp([...command, '--help']);
    expect(stdout).toMatch(/--timeout <duration>/);
    expect(stdout).toMatch(/--request-timeout <duration>/);
  });

  it('a wrong duration is a usage error (exit 2) naming the flag', async () => {
    const run = await runTp(['check', '4', '--timeout', 'soon']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--timeout soon: expected a duration > 0');
  });
});
