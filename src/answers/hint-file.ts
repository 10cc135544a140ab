// Where the hint state lives and how it is read and written: beside the answers
// file (answers/.tp-hints_tp4.json), as the student's own file. Read like an
// answers file (a regular file, under a cap, inside the submission for tp
// grade) and never through a link; written atomically, never through a link.
// Any trouble reading it is a warning and an empty state: hints are a help,
// they never stop a check.
import { lstat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../core/write-atomic.js';
import { shortened } from '../core/quote.js';
import { readAnswersBytes } from './read-bytes.js';
import { EMPTY_HINT_STATE, parseHintState, serialiseHintState, type HintState } from './hint-state.js';

/** A state names a few dozen checks: 64 KiB is room for any lab and none for a flood. */
export const HINT_STATE_MAX_BYTES = 64 * 1024;

/** `answers/.tp-hints_<lab>.json` for `answers/answers_<lab>`: the same folder, a dot file. */
export const hintStatePath = (answersFile: string, labId: string): string =>
  join(dirname(answersFile), `.tp-hints_${labId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);

export interface HintStateRead {
  state: HintState;
  /** Why the file was ignored, in the user's words (a missing file is no warning). */
  warning?: string;
}

const ignored = (path: string, why: string): HintStateRead => ({
  state: EMPTY_HINT_STATE,
  warning: `hint state ${shortened(basename(path))} ignored (${why}): hints start again from the first`,
});

export const readHintState = async (
  path: string,
  hintCounts: ReadonlyMap<string, number>,
  options: { within?: string; signal?: AbortSignal } = {},
): Promise<HintStateRead> => {
  const info = await lstat(path).catch(() => undefined);
  if (info === undefined) return { state: EMPTY_HINT_STATE };
  if (info.isSymbolicLink()) return ignored(path, 'it is a symbolic link');
  let bytes: Buffer;
  try {
    bytes = await readAnswersBytes(path, { maxBytes: HINT_STATE_MAX_BYTES, ...options });
  } catch (error) {
    // The reader's message starts with the path and line: the warning names the file already.
    const message = (error as Error).message;
    return ignored(path, shortened(message.startsWith(`${path}:0: `) ? message.slice(path.length + 4) : message, 160));
  }
  const reading = parseHintState(bytes.toString('utf8'), hintCounts);
  return reading.problem === undefined ? { state: reading.state } : ignored(path, reading.problem);
};

/** Writes the state; says why it could not (a read-only folder, a link in the way) instead of failing the check. */
export const writeHintState = async (path: string, labId: string, state: HintState): Promise<string | undefined> => {
  try {
    await writeFileAtomic(path, serialiseHintState(labId, state));
    return undefined;
  } catch (error) {
    return `hint state ${shortened(basename(path))} not saved (${(error as Error).message})`;
  }
};
