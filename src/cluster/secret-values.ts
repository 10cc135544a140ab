// What a lab compares a Secret's values with. tp never keeps a Secret's value:
// the values a lab names are compared while the LIST is read (redact.ts), and
// only whether they were equal is kept, under `valueMatches` by data key.

/** A value a lab accepts for one key of one Secret, and how it is compared. */
export interface SecretComparison {
  /** The text the decoded value must be (UTF-8). */
  equals: string;
  /** `trimmed` forgives whitespace around the value (a file written with `echo` rather than `echo -n`). */
  match: 'exact' | 'trimmed';
}

/** By Secret name, then data key: one comparison each (`tp lab lint` refuses two different ones). */
export type SecretComparisons = ReadonlyMap<string, ReadonlyMap<string, SecretComparison>>;

const decoded = (value: unknown): string | undefined => (typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : undefined);

const holds = (value: string, comparison: SecretComparison): boolean =>
  comparison.match === 'trimmed' ? value.trim() === comparison.equals.trim() : value === comparison.equals;

/**
 * `{ key: true|false }` for each key the lab compares that the Secret has; a key it lacks is
 * not there. The decoded values go out of scope here.
 */
export const valueMatches = (data: Readonly<Record<string, unknown>>, comparisons: ReadonlyMap<string, SecretComparison> | undefined): Record<string, boolean> | undefined => {
  if (comparisons === undefined) return undefined;
  const matches: Record<string, boolean> = {};
  for (const [key, comparison] of comparisons) {
    const value = Object.hasOwn(data, key) ? decoded(data[key]) : undefined;
    if (value !== undefined) matches[key] = holds(value, comparison);
  }
  return matches;
};
