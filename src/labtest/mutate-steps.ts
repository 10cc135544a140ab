// What a mutation does to the solution steps: it may stop the history early
// (`steps`), then deletes objects from every step, patches the last version of
// an object, and adds objects at the end.
import type { Mutation } from '../lab/types.js';
import { TpError } from '../core/errors.js';
import { deepMerge } from './merge.js';
import type { SolutionStep } from './solution.js';
import { fillVariables } from '../engine/variables.js';
import type { Manifest } from '../cluster/types.js';

export const refOf = (manifest: Manifest): string => `${manifest.kind}/${manifest.metadata.name}`;

const keptSteps = (steps: SolutionStep[], mutation: Mutation): SolutionStep[] => {
  if (mutation.steps === undefined) return steps;
  const files = steps.map((step) => step.file);
  const unknown = mutation.steps.filter((file) => !files.includes(file));
  if (unknown.length > 0) throw new TpError('LAB_INVALID', `mutation ${mutation.id}: the solution has no step ${unknown.join(', ')} (it has ${files.join(', ')})`);
  return steps.filter((step) => mutation.steps?.includes(step.file));
};

/** The index of the last step that writes each object: a patch changes the object's final version. */
const lastWriters = (steps: SolutionStep[]): Map<string, number> => {
  const last = new Map<string, number>();
  steps.forEach((step, index) => step.manifests.forEach((manifest) => last.set(refOf(manifest), index)));
  return last;
};

export const mutateSteps = (steps: SolutionStep[], mutation: Mutation, variables: Readonly<Record<string, string>>): SolutionStep[] => {
  const kept = keptSteps(steps, mutation);
  const last = lastWriters(kept);
  for (const target of [...(mutation.delete ?? []), ...(mutation.patch ?? []).map((p) => p.target)]) {
    if (!last.has(target)) throw new TpError('LAB_INVALID', `mutation ${mutation.id}: the solution has no ${target} (it has ${[...last.keys()].join(', ')})`);
  }
  const deleted = new Set(mutation.delete ?? []);
  const patchOf = (manifest: Manifest): Manifest =>
    (mutation.patch ?? [])
      .filter((p) => p.target === refOf(manifest))
      .reduce<Manifest>((object, p) => deepMerge(object, fillVariables(p.merge, variables)) as Manifest, manifest);
  const mutated = kept.map((step, index) => ({
    ...step,
    manifests: step.manifests.filter((m) => !deleted.has(refOf(m))).map((m) => (last.get(refOf(m)) === index ? patchOf(m) : m)),
  }));
  const added = ((mutation.apply ?? []) as Manifest[]).map((m) => fillVariables(m, variables));
  if (added.length === 0) return mutated;
  const final = mutated.at(-1);
  return final ? [...mutated.slice(0, -1), { ...final, manifests: [...final.manifests, ...added] }] : [{ file: 'apply', manifests: added }];
};
