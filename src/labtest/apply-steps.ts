// Applies the solution steps in order, waiting for rollouts between two steps
// (not after the last one: settling the final state is the scenario's job), or
// only for the controller to have seen a step meant not to finish (step-wait.ts).
import type { SolutionStep } from './solution.js';
import type { Manifest } from '../cluster/types.js';

export interface StepActions {
  apply(manifests: Manifest[]): Promise<void>;
  waitForRollouts(): Promise<unknown>;
  /** Every Deployment's latest change seen by its controller (its new ReplicaSet made), rolled out or not. */
  waitForObserved(): Promise<unknown>;
}

export const applySteps = async (steps: readonly SolutionStep[], actions: StepActions): Promise<void> => {
  for (const [index, step] of steps.entries()) {
    const previous = steps[index - 1];
    if (previous) await (previous.wait === 'observed' ? actions.waitForObserved() : actions.waitForRollouts());
    await actions.apply(step.manifests);
  }
};
