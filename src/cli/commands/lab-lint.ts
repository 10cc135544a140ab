// tp lab lint <file or dir>: every problem of every lab file, as file:line:col message.
import { resolve } from 'node:path';
import { lintPaths } from '../../lab/lint.js';
import { formatProblem } from '../../core/errors.js';
import { checkKinds } from '../../checks/index.js';
import type { CliIo } from '../io.js';

export const runLabLint = async (paths: string[], io: CliIo): Promise<number> => {
  const problems = await lintPaths(paths.map((p) => resolve(io.cwd, p)), checkKinds);
  for (const problem of problems) io.stdout.write(`${formatProblem(problem)}\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) {
    io.stderr.write(`${errors} error(s)\n`);
    return 1;
  }
  io.stderr.write(`lab files OK\n`);
  return 0;
};
