// How an object is made in the course's words, read from a lab's `madeWith` and from a
// solution manifest's `tp.lab-test/made-with` annotation alike: made one way (`apply`,
// `create`), then changed with commands that each set one field (`label`, `scale`).
// In a solution step that writes an object an earlier step made, the first word is the
// command that changes it to this version: `kubectl set image`, `kubectl rollout undo`,
// `kubectl rollout pause` (the CKAD deployment history); `kubectl run` and
// `kubectl autoscale` make pods and HPAs. Only the annotation takes these: a mutation's
// `madeWith` stays `apply` or `create` (the lab schema says so).

/** Commands that write a whole manifest: make the object, or change it to this version. */
export type MadeWith = 'apply' | 'create' | 'run' | 'autoscale' | 'set' | 'rollout' | 'undo';

/** Commands that change an object once it is made, each one field of it. */
export type ChangedWith = 'label' | 'scale';

/** How an object comes to be: made one way, then changed with some commands. */
export interface Recipe {
  made: MadeWith;
  then: ChangedWith[];
}

/** The course's words for each way (after `kubectl`). */
const MADE_WORDS: Record<string, MadeWith> = {
  apply: 'apply',
  create: 'create',
  run: 'run',
  autoscale: 'autoscale',
  'set image': 'set',
  'rollout pause': 'rollout',
  'rollout resume': 'rollout',
  'rollout undo': 'undo',
};

/** `[create, label]`, `create`, or the annotation's `kubectl create, kubectl label`; undefined when it is none of those. */
export const recipeOf = (value: unknown): Recipe | undefined => {
  const words = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  const steps = words.map((w) => (typeof w === 'string' ? w.trim().replace(/^kubectl\s+/, '').replace(/\s+/g, ' ') : ''));
  const [first = '', ...then] = steps;
  const made = MADE_WORDS[first];
  if (made === undefined) return undefined;
  if (!then.every((s): s is ChangedWith => s === 'label' || s === 'scale') || new Set(then).size !== then.length) return undefined;
  return { made, then };
};
