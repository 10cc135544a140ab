// How an object is made in the course's words, read from a lab's `madeWith` and from a
// solution manifest's `tp.lab-test/made-with` annotation alike: made one way (`apply`,
// `create`, `run`, `expose`, `autoscale`), then changed with commands that each set one field
// (`label`, `scale`). `run` and `expose` make the objects `kubectl run` (`--expose`: its Service
// too) and `kubectl expose` make; `kubectl run --rm` is `run` then `delete` once its containers
// are done. In a solution step that writes an object an earlier step made, the first word is the
// command that changes it to this version: `kubectl set image` (`set`: only the images are sent),
// `kubectl rollout pause`/`resume` (`rollout`), `kubectl rollout undo` (`undo`), as the CKAD
// deployment history plays them. The lab schema says which of these a mutation's `madeWith` takes.

/** Commands that write a manifest: make the object, or change it to this version. */
export type MadeWith = 'apply' | 'create' | 'run' | 'expose' | 'autoscale' | 'set' | 'rollout' | 'undo';

/** Commands that change an object once it is made, each one field of it; `delete` removes it once finished (`--rm`). */
export type ChangedWith = 'label' | 'scale' | 'delete';

/** The course's words for each way (after `kubectl`; a lab's `madeWith` writes the first word alone). */
const MADE_WORDS: Readonly<Record<string, MadeWith>> = {
  apply: 'apply',
  create: 'create',
  run: 'run',
  expose: 'expose',
  autoscale: 'autoscale',
  set: 'set',
  'set image': 'set',
  'rollout pause': 'rollout',
  'rollout resume': 'rollout',
  'rollout undo': 'undo',
};
const CHANGED: readonly ChangedWith[] = ['label', 'scale', 'delete'];
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
  const steps = words
    .map((w) => (typeof w === 'string' ? w.trim().replace(/^kubectl\s+/, '').replace(/\s+/g, ' ') : ''))
    .flatMap((w) => (w === 'run --rm' ? ['run', 'delete'] : [w]));
  const [first = '', ...then] = steps;
  const made = Object.hasOwn(MADE_WORDS, first) ? MADE_WORDS[first] : undefined;
  if (made === undefined) return undefined;
  if (!then.every(isChanged) || new Set(then).size !== then.length) return undefined;
  // Only what kubectl run makes can be removed as --rm does, and only as the last word.
  if (then.includes('delete') && (made !== 'run' || then.at(-1) !== 'delete')) return undefined;
  return { made, then };
};
