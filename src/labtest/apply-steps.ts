// Applies the solution steps in order, waiting for rollouts between two steps
// (not after the last one: settling the final state is the scenario's job), or
// only for the controller to have seen a step meant not to finish (step-wait.ts),
// and for the bare pods the next step changes to have started (kubectl set image).
import type { SolutionStep } from './solution.js';
import type { Manifest } from '../cluster/types.js';

export interface StepActions {
  apply(manifests: Manifest[]): Promise<void>;
  /** Every Deployment rolled out, and the pods named (the next step's) started. */
  waitForRollouts(pods: string[]): Promise<unknown>;
  /** Every Deployment's latest change seen by its controller (its new ReplicaSet made), rolled out or not, and the pods named started. */
  waitForObserved(pods: string[]): Promise<unknown>;
}

/** The pods a step writes: those an earlier step made are changed by it, once started. */
const podsOf = (manifests: readonly Manifest[]): string[] => manifests.filter((m) => m.kind === 'Pod').map((m) => m.metadata.name);

export const applySteps = async (steps: readonly SolutionStep[], actions: StepActions): Promise<void> => {
  for (const [index, step] of steps.entries()) {
    const previous = steps[index - 1];
    if (previous) await (previous.wait === 'observed' ? actions.waitForObserved(podsOf(step.manifests)) : actions.waitForRollouts(podsOf(step.manifests)));
    await actions.apply(step.manifests);
  }
};
