// kubectl runs a plugin by the path of its `kubectl-tp` file (that path is the
// plugin's argv[0]): tp's help then names the command the user typed, `kubectl tp`.
import { basename } from 'node:path';

export type ProgramName = 'tp' | 'kubectl tp';

/** `invokedAs` is the path tp was started by: the script of a bin link, or the executable. */
export const programNameFor = (invokedAs: string | undefined): ProgramName =>
  /^kubectl-tp(\.(js|cjs|mjs|exe|cmd))?$/i.test(basename(invokedAs ?? '')) ? 'kubectl tp' : 'tp';
