// Runs the tp CLI in-process, as a user would from a shell, capturing what it prints.
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import type { ProgramName } from '../../src/cli/program-name.js';

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const capture = () => {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
};

export const runTp = async (args: string[], overrides: Partial<CliIo> = {}, name: ProgramName = 'tp'): Promise<CliRun> => {
  const out = capture();
  const err = capture();
  const io: CliIo = {
    stdout: out.stream,
    stderr: err.stream,
    env: { LANG: 'en_US.UTF-8', NO_COLOR: '1' },
    cwd: process.cwd(),
    homeDir: '/nonexistent-home',
    now: () => new Date('2026-11-23T10:00:00Z'),
    ...overrides,
  };
  const exitCode = await main(args, io, name);
  return { exitCode, stdout: out.text(), stderr: err.text() };
};
