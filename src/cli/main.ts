// The tp command line: the program and its global options; the commands are
// in command-table.ts, each handing over to a module imported only when used.
import { Command } from 'commander';
import { COMMANDS, type Run } from './command-table.js';
import { processIo, type CliIo } from './io.js';
import { cleanIo } from './clean-io.js';
import { reportError } from './exit.js';
import { VERSION } from './version.js';
import type { ProgramName } from './program-name.js';

export const buildProgram = (io: CliIo, setExit: (code: number) => void, name: ProgramName = 'tp'): Command => {
  const program = new Command(name)
    .description('Checks Kubernetes lab exercises (TP) against a live cluster.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Options after a command name belong to that command (`tp grade merge --output` is merge's).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const run: Run = async (work) => setExit(await work());
  for (const addCommand of COMMANDS) addCommand(program, io, run);
  return program;
};

/** What a run came to: its exit code, and whether it stopped at an error (a usage mistake, a broken file, no cluster). */
export interface RunOutcome {
  exitCode: number;
  stoppedAtError: boolean;
}

export const runTp = async (argv: string[], rawIo: CliIo = processIo(), name: ProgramName = 'tp'): Promise<RunOutcome> => {
  // Every byte tp writes goes through the cleaned streams (cli/clean-io.ts).
  const io = cleanIo(rawIo);
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  }, name);
  try {
    // `tp` alone asks what tp does: the help, on stdout, and success.
    await program.parseAsync(argv.length === 0 ? ['--help'] : argv, { from: 'user' });
  } catch (error) {
    // The help and the version come this way too, with 0: they are what was asked for.
    const code = reportError(error, io);
    return { exitCode: code, stoppedAtError: code !== 0 };
  }
  return { exitCode, stoppedAtError: false };
};

export const main = async (argv: string[], rawIo: CliIo = processIo(), name: ProgramName = 'tp'): Promise<number> => (await runTp(argv, rawIo, name)).exitCode;
