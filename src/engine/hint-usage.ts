// How many hints a student used, for the trainer (tp grade): read from the hint
// state beside the student's answers file, as hostile as the answers file
// itself (bounded, inside the submission, no link). A state that cannot be read
// counts 0 hints, with the reason for the trainer.
import { lstat } from 'node:fs/promises';
import { basename } from 'node:path';
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

export interface HintUsageOptions {
  /** The folder the state may not leave through a link (the student's submission). */
  within?: string;
  signal?: AbortSignal;
  /** The students whose answers files share the state's folder, when several do: the state is nobody's. */
  sharedBy?: readonly string[];
}

/** At most this many ids in the warning: a flat folder may hold a whole cohort. */
const IDS_NAMED = 3;

export const readHintUsage = async (lab: Lab, answersFile: string, options: HintUsageOptions = {}): Promise<HintUsage> => {
  const path = hintStatePath(answersFile, lab.id);
  const { sharedBy = [] } = options;
  if (sharedBy.length > 1) {
    // One file beside everyone's answers would charge each student the hints of whoever ran tp check there.
    if ((await lstat(path).catch(() => undefined)) === undefined) return { used: 0, levels: {} };
    const named = sharedBy.slice(0, IDS_NAMED).join(', ') + (sharedBy.length > IDS_NAMED ? ` and ${sharedBy.length - IDS_NAMED} more` : '');
    return { used: 0, levels: {}, warning: `hint state ${basename(path)} ignored (it is beside the answers files of ${sharedBy.length} students: ${named}): hints are counted per student, from a folder of their own` };
  }
  const { state, warning } = await readHintState(path, hintCountsOf(lab), options);
  return { used: hintsUsed(state), levels: state.levels, ...(warning === undefined ? {} : { warning }) };
};
