// The one place where errors become messages and exit codes (SPEC "Exit codes").
import { TpError, LabError, CohortError, KubeconfigError } from '../core/errors.js';
import type { Report } from '../engine/types.js';
import type { CliIo } from './io.js';

export const EXIT = { passed: 0, failed: 1, cannotCheck: 2 } as const;

/** The exit code of a report: 0 all passed, 1 something failed, 2 something could not be checked. */
export const exitCodeOf = (report: Report): number => {
  const checks = report.exercises.flatMap((e) => e.checks);
  if (checks.some((c) => c.status === 'error')) return EXIT.cannotCheck;
  // A check worth 0 points is evidence for the trainer (provenance): it fails no one.
  if (checks.some((c) => c.status === 'fail' && c.points > 0)) return EXIT.failed;
  return EXIT.passed;
};

/** Prints an error the way users expect (no stack trace for their mistakes) and returns the exit code. */
export const reportError = (error: unknown, io: CliIo): number => {
  // file:line:col lines stay parseable by editors: no prefix.
  if (error instanceof LabError || error instanceof CohortError || error instanceof KubeconfigError) {
    io.stderr.write(`${error.message}\n`);
    if (error.advice) io.stderr.write(`    ${error.advice}\n`);
    return EXIT.cannotCheck;
  }
  if (error instanceof TpError) {
    io.stderr.write(`tp: ${error.message}\n`);
    if (error.advice) io.stderr.write(`    ${error.advice}\n`);
    return EXIT.cannotCheck;
  }
  const commanderCode = (error as { code?: string }).code;
  if (typeof commanderCode === 'string' && commanderCode.startsWith('commander.')) {
    // commander has already printed its message (or the help).
    const exitCode = (error as { exitCode?: number }).exitCode ?? 2;
    return exitCode === 0 ? 0 : EXIT.cannotCheck;
  }
  // A bug of ours: say so, with the stack, so it can be reported.
  io.stderr.write(`tp: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  return EXIT.cannotCheck;
};
