// Which answers keys a check reads, for the rooms above the engine (tp lab test
// leaves them `<fix me>` when it undoes an exercise) that do not know check kinds.
import { findCheckKind } from '../checks/index.js';
import type { CheckSpec } from '../lab/types.js';

/** The answers keys `check` reads; none when its kind is unknown or its params do not parse. */
export const answerKeysOf = (check: CheckSpec): string[] => {
  try {
    return findCheckKind(check.kind)?.answers?.(check.params) ?? [];
  } catch {
    return [];
  }
};
