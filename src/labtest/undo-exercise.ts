// "An exercise not started earns 0": for each exercise, `tp lab test` plays the
// reference solution with that exercise undone. The exercise must then score 0,
// every exercise that does not build on it full marks; exercises that require
// it (`requires`, transitively) are not judged there (their work has no ground).
//
// The undone state is derived: the solution objects that only this exercise's
// checks (and those of the exercises that build on it) name are deleted, and the answers its checks read are left unanswered.
// What cannot be derived (an earlier version of a shared object: the image
// before the update, one replica before scaling, the steps before a rollback)
// the lab declares in the exercise's `undo`, which adds to the derived part.
import type { CheckSpec, Exercise, Lab, Mutation } from '../lab/types.js';
import { answerKeysOf } from '../engine/answer-keys.js';
import { isScored } from '../core/check-status.js';
import { builtinKindName, type KindNameOf } from './kind-names.js';
import { PLACEHOLDER } from '../answers/types.js';
import type { SolutionStep } from './solution.js';
import { refOf } from './mutate-steps.js';

export interface UndoScenario {
  /** `undone:<exercise id>`. */
  id: string;
  exercise: string;
  mutation: Mutation;
  /** The scored checks of the exercise: all of them must fail. */
  mustFail: Set<string>;
  /** Checks of the exercises that build on it, and its own manual ones: not judged. */
  ignored: Set<string>;
}

/** The objects a check names, as `Kind/name`, read from the params the kinds share. */
export const objectsNamedBy = (check: CheckSpec, kindName: KindNameOf = builtinKindName): string[] => {
  const p = check.params;
  const named: Array<[string | undefined, unknown]> = [
    [typeof p.resource === 'string' ? kindName(p.resource) : undefined, p.name],
    ['Deployment', p.deployment],
    ['Service', p.service],
    ['Secret', p.secret],
    ['ConfigMap', p.configMap],
    ['Pod', p.pod],
  ];
  return named.flatMap(([kind, name]) => (kind && typeof name === 'string' && name !== '' ? [`${kind}/${name}`] : []));
};

const answersReadBy = (checks: readonly CheckSpec[]): string[] => checks.flatMap(answerKeysOf);

/** The exercises that build on `id`, directly or through others. */
export const dependentsOf = (lab: Lab, id: string): Set<string> => {
  const found = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const exercise of lab.exercises) {
      if (found.has(exercise.id) || exercise.id === id) continue;
      if ((exercise.requires ?? []).some((r) => r === id || found.has(r))) {
        found.add(exercise.id);
        grew = true;
      }
    }
  }
  return found;
};

const derivedDeletes = (lab: Lab, exercise: Exercise, steps: readonly SolutionStep[], kindName: KindNameOf): string[] => {
  const inSolution = new Set(steps.flatMap((step) => step.manifests.map(refOf)));
  const named = (check: CheckSpec) => objectsNamedBy(check, kindName);
  // What the exercises building on this one name is theirs to change, not to keep: they are not
  // judged here (pod nginx, made by one exercise and given a new image by the next, is not made).
  const dependents = dependentsOf(lab, exercise.id);
  const namedElsewhere = new Set(lab.exercises.filter((e) => e !== exercise && !dependents.has(e.id)).flatMap((e) => e.checks.flatMap(named)));
  return [...new Set(exercise.checks.flatMap(named))].filter((ref) => inSolution.has(ref) && !namedElsewhere.has(ref));
};

/** `kindName`: what a check's `resource` means (custom resources need the cluster's word: kind-names.ts). */
export const undoScenarios = (lab: Lab, steps: readonly SolutionStep[], kindName: KindNameOf = builtinKindName): UndoScenario[] =>
  lab.exercises
    .filter((exercise) => exercise.checks.some((check) => isScored(check) && check.kind !== 'manual'))
    .map((exercise) => {
      const unanswered = Object.fromEntries(answersReadBy(exercise.checks).map((key) => [key, PLACEHOLDER]));
      const declared = exercise.undo ?? {};
      const kept = declared.steps ? steps.filter((step) => declared.steps?.includes(step.file)) : steps;
      const change = { ...declared, delete: [...new Set([...derivedDeletes(lab, exercise, kept, kindName), ...(declared.delete ?? [])])] };
      const id = `undone:${exercise.id}`;
      const dependents = dependentsOf(lab, exercise.id);
      return {
        id,
        exercise: exercise.id,
        mutation: { ...change, id, fails: [], answers: { ...unanswered, ...change.answers }, position: exercise.position },
        mustFail: new Set(exercise.checks.filter((c) => isScored(c) && c.kind !== 'manual').map((c) => c.id)),
        // Its manual checks earn no points: unanswered there, they fail without saying anything.
        ignored: new Set([
          ...exercise.checks.filter((c) => !isScored(c)).map((c) => c.id),
          ...lab.exercises.filter((e) => dependents.has(e.id)).flatMap((e) => e.checks.map((c) => c.id)),
        ]),
      };
    });
