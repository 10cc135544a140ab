// What the next solution step waits for. By default every Deployment of the namespace
// must have rolled out (a student runs `kubectl rollout status` before the next command).
// A step meant not to finish — the CKAD history's `kubectl set image … nginx:1.91`, an image
// that does not exist, or an image set while the rollout is paused — says so on one of its
// manifests with `tp.lab-test/wait: observed`: the next step then waits only until the
// Deployment controller has seen the change (and made the ReplicaSet of the new revision,
// which the history's revision numbers count on), not for pods that will never be ready.
// The annotation is tp lab test's: it is taken off before the manifest is sent.
import type { Manifest } from '../cluster/types.js';

export const WAIT_ANNOTATION = 'tp.lab-test/wait';

/** `rollouts`: every Deployment rolled out; `observed`: every Deployment's latest change seen by its controller. */
export type StepWait = 'rollouts' | 'observed';

export const WAIT_VALUES: readonly string[] = ['observed'];

const annotationsOf = (manifest: Manifest): Record<string, unknown> | undefined => {
  const annotations = manifest.metadata?.annotations;
  return typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, unknown>) : undefined;
};

const without = (manifest: Manifest): Manifest => {
  const annotations = { ...annotationsOf(manifest) };
  delete annotations[WAIT_ANNOTATION];
  const metadata: Manifest['metadata'] = { ...manifest.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...manifest, metadata };
};

/** The step's manifests without the annotation, and what the step after it waits for. */
export const stepWaitOf = (manifests: readonly Manifest[]): { manifests: Manifest[]; wait: StepWait } => {
  const observed = manifests.some((m) => annotationsOf(m)?.[WAIT_ANNOTATION] === 'observed');
  return {
    manifests: manifests.map((m) => (annotationsOf(m)?.[WAIT_ANNOTATION] === undefined ? m : without(m))),
    wait: observed ? 'observed' : 'rollouts',
  };
};
