// What a check can come to, and the one scoring rule every room follows:
// a manual check is read by a trainer, so it has no automatic points — in a
// student's score, in an exercise's or a lab's maximum, in a gradebook column.

export type CheckStatus = 'pass' | 'fail' | 'error' | 'skip' | 'manual';

export const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'error', 'skip', 'manual'];

/** The check kind whose answers a trainer reviews by hand. */
export const MANUAL_KIND = 'manual';

/** True for the checks that earn points automatically (every kind but `manual`). */
export const isScored = (check: { kind: string }): boolean => check.kind !== MANUAL_KIND;

/** The points a check counts for in a maximum: its own, or 0 for a manual check. */
export const scoredPoints = (check: { kind: string; points: number }): number => (isScored(check) ? check.points : 0);

/** A check with something to fix: it failed, or could not be made (an error). Hints and feedback are for these. */
export const isFailed = (status: CheckStatus): boolean => status === 'fail' || status === 'error';
