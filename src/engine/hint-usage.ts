// How many hints a student used, for the trainer (tp grade): read from the hint
// state beside the student's answers file, as hostile as the answers file
// itself (bounded, inside the submission, no link). A state that cannot be read
// counts 0 hints, with the reason for the trainer.
import type { Lab } from '../lab/types.js';
import { hintStatePath, readHintState } from '../answers/hint-file.js';
import { hintsUsed } from '../answers/hint-state.js';
import { hintCountsOf } from './hint-levels.js';

export interface HintUsage {
  /** Hint levels seen, over every check (a check at level 2 counts 2). */
  used: number;
  /** Per check id, the highest level seen. */
  levels: Record<string, number>;
  /** Why the state file was ignored, when it was. */
  warning?: string;
}

export const readHintUsage = async (lab: Lab, answersFile: string, options: { within?: string; signal?: AbortSignal } = {}): Promise<HintUsage> => {
  const { state, warning } = await readHintState(hintStatePath(answersFile, lab.id), hintCountsOf(lab), options);
  return { used: hintsUsed(state), levels: state.levels, ...(warning === undefined ? {} : { warning }) };
};
