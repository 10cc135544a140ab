// How an object is made in the course's words, read from a lab's `madeWith` and from a
// solution manifest's `tp.lab-test/made-with` annotation alike: made one way (`apply`,
// `create`), then changed with commands that each set one field (`label`, `scale`).

export type MadeWith = 'apply' | 'create';

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
  if (made !== 'apply' && made !== 'create') return undefined;
  if (!then.every((s): s is ChangedWith => s === 'label' || s === 'scale') || new Set(then).size !== then.length) return undefined;
  return { made, then };
};
