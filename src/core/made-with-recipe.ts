// How an object is made in the course's words, read from a lab's `madeWith` and from a
// solution manifest's `tp.lab-test/made-with` annotation alike: made one way (`apply`,
// `create`, `run`, `expose`), then changed with commands that each set one field (`label`, `scale`).
// `set` writes a later step's version of an object an earlier step made, as `kubectl set
// image` changes it; `kubectl run --rm` is `run` then `delete` once its containers are done.
// `run` and `expose` make the objects `kubectl run` (`--expose`: its Service too) and `kubectl expose` make.

export type MadeWith = 'apply' | 'create' | 'run' | 'expose' | 'set';

/** Commands that change an object once it is made, each one field of it; `delete` removes it once finished (`--rm`). */
export type ChangedWith = 'label' | 'scale' | 'delete';

const MADE: readonly MadeWith[] = ['apply', 'create', 'run', 'expose', 'set'];
const CHANGED: readonly ChangedWith[] = ['label', 'scale', 'delete'];
const isMade = (word: string | undefined): word is MadeWith => (MADE as readonly unknown[]).includes(word);
const isChanged = (word: string): word is ChangedWith => (CHANGED as readonly unknown[]).includes(word);

/** How an object comes to be: made one way, then changed with some commands. */
export interface Recipe {
  made: MadeWith;
  then: ChangedWith[];
}

/** `[create, label]`, `create`, or the annotation's `kubectl create, kubectl label`; undefined when it is none of those. */
export const recipeOf = (value: unknown): Recipe | undefined => {
  const words = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  // `kubectl run --rm` (a pod that kubectl deletes once it has exited) is `run, delete`.
  const steps = words.map((w) => (typeof w === 'string' ? w.trim().replace(/^kubectl\s+/, '') : '')).flatMap((w) => (w === 'run --rm' ? ['run', 'delete'] : [w]));
  const [made, ...then] = steps;
  if (!isMade(made)) return undefined;
  if (!then.every(isChanged) || new Set(then).size !== then.length) return undefined;
  // Only what kubectl run makes can be removed as --rm does, and only as the last word.
  if (then.includes('delete') && (made !== 'run' || then.at(-1) !== 'delete')) return undefined;
  return { made, then };
};
