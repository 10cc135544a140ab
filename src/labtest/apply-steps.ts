// Applies the solution steps in order, waiting for rollouts between two steps
// (not after the last one: settling the final state is the scenario's job).
import type { SolutionStep } from './solution.js';
import type { Manifest } from '../cluster/types.js';

export interface StepActions {
  apply(manifests: Manifest[]): Promise<void>;
  waitForRollouts(): Promise<unknown>;
}

export const applySteps = async (steps: readonly SolutionStep[], actions: StepActions): Promise<void> => {
  for (const [index, step] of steps.entries()) {
    if (index > 0) await actions.waitForRollouts();
    await actions.apply(step.manifests);
  }
};
