// Hints that climb: which level of hint a student has seen for each check. The
// state is the student's own file (beside the answers file), so it is read as
// hostile text: only known check ids, only whole levels within the check's
// hints; anything else is dropped, and a file that is not such a state is
// ignored with the reason (never a crash, never a lost check).

/** Per check id, the highest hint level shown so far (1 = the first hint). */
export interface HintState {
  levels: Record<string, number>;
}

export const EMPTY_HINT_STATE: HintState = { levels: {} };

/** The version written in the file, so a later tp can read an older state. */
const STATE_VERSION = 1;

export type HintStateReading = { state: HintState; problem?: undefined } | { state: HintState; problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The state in `text`, kept to the checks of `hintCounts` (id → number of
 * hint levels of that check) and to levels 1..count; `problem` says why a
 * text was not a state at all.
 */
export const parseHintState = (text: string, hintCounts: ReadonlyMap<string, number>): HintStateReading => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { state: EMPTY_HINT_STATE, problem: 'not valid JSON' };
  }
  if (!isRecord(value) || value.version !== STATE_VERSION || !isRecord(value.levels)) {
    return { state: EMPTY_HINT_STATE, problem: `not a hint state of version ${STATE_VERSION}` };
  }
  const levels: Record<string, number> = {};
  for (const [id, count] of hintCounts) {
    // Own properties only: a key such as __proto__ or toString is no check of the lab.
    const level = Object.prototype.hasOwnProperty.call(value.levels, id) ? value.levels[id] : undefined;
    if (typeof level === 'number' && Number.isInteger(level) && level >= 1) levels[id] = Math.min(level, count);
  }
  return { state: { levels } };
};

export const serialiseHintState = (labId: string, state: HintState): string => {
  const levels = Object.fromEntries(Object.entries(state.levels).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify({ version: STATE_VERSION, lab: labId, levels }, null, 2)}\n`;
};

export interface ClimbInput {
  /** Checks failing now that have hints: id → number of levels. */
  failing: ReadonlyMap<string, number>;
  /**
   * Checks that were already failing at the previous look of this same session
   * (`tp check --watch`): they keep their level. A plain run passes none.
   */
  stillFailing?: ReadonlySet<string>;
  /** `--hint N`: show level N (or the check's last) without climbing. */
  asked?: number;
}

export interface Climb {
  state: HintState;
  /** The level to show for each failing check with hints. */
  shown: Map<string, number>;
}

/**
 * One more look at the failing checks. A check that fails again (a new run,
 * or a new failing episode of a watch) climbs one level, up to its last; one
 * still failing in the same session keeps its level; `--hint N` shows level N
 * and records it as seen (the student has read it), never lowering the count.
 * Passing checks keep their level: the count of hints used never goes down.
 */
export const climbHints = (state: HintState, input: ClimbInput): Climb => {
  const levels = { ...state.levels };
  const shown = new Map<string, number>();
  for (const [id, count] of input.failing) {
    const seen = levels[id] ?? 0;
    let level: number;
    if (input.asked !== undefined) level = Math.min(Math.max(1, input.asked), count);
    else if (input.stillFailing?.has(id) && seen > 0) level = seen;
    else level = Math.min(seen + 1, count);
    shown.set(id, level);
    levels[id] = Math.max(seen, level);
  }
  return { state: { levels }, shown };
};

/** Hints a student has seen, over every check: what the trainer's report counts. */
export const hintsUsed = (state: HintState): number => Object.values(state.levels).reduce((sum, level) => sum + level, 0);
