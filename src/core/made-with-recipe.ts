// How an object is made in the course's words, read from a lab's `madeWith` and from a
// solution manifest's `tp.lab-test/made-with` annotation alike: made one way (`apply`,
// `create`, `run`, `expose`), then changed with commands that each set one field (`label`, `scale`).

/** `run` and `expose` make the objects `kubectl run` (`--expose`: its Service too) and `kubectl expose` make. */
export type MadeWith = 'apply' | 'create' | 'run' | 'expose';

const MADE: readonly string[] = ['apply', 'create', 'run', 'expose'];
const isMadeWith = (word: string | undefined): word is MadeWith => word !== undefined && MADE.includes(word);

/** Commands that change an object once it is made, each one field of it. */
export type ChangedWith = 'label' | 'scale';

/** How an object comes to be: made one way, then changed with some commands. */
export interface Recipe {
  made: MadeWith;
  then: ChangedWith[];
}

/** `[create, label]`, `create`, or the annotation's `kubectl create, kubectl label`; undefined when it is none of those. */
export const recipeOf = (value: unknown): Recipe | undefined => {
  const words = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  const steps = words.map((w) => (typeof w === 'string' ? w.trim().replace(/^kubectl\s+/, '') : ''));
  const [made, ...then] = steps;
  if (!isMadeWith(made)) return undefined;
  if (!then.every((s): s is ChangedWith => s === 'label' || s === 'scale') || new Set(then).size !== then.length) return undefined;
  return { made, then };
};
