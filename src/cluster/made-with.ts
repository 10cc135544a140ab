// How `tp lab test` writes an object so that the API server records it as a
// student's kubectl would: `kubectl apply -f` (client-side) sends the field
// manager `kubectl-client-side-apply` and keeps the manifest it applied in the
// `kubectl.kubernetes.io/last-applied-configuration` annotation; `kubectl create`
// sends `kubectl-create` and keeps no annotation, as do `kubectl run` (`kubectl-run`,
// for the pod and the Service `--expose` adds) and `kubectl expose` (`kubectl-expose`). Then the commands the course
// uses on an object already made: `kubectl label` (its labels, field manager
// `kubectl-label`) and `kubectl scale` (its replicas, through the scale
// subresource; kubectl 1.36 sends no field manager there, so the server names
// it after the user agent: `kubectl`). `kubectl set image` patches only the images, as
// `kubectl-set`. The CKAD history adds `kubectl autoscale`, `kubectl rollout pause`/`resume`
// (kubectl-autoscale, -rollout) and `kubectl rollout undo` (no field manager, so `kubectl`):
// test/live/provenance.test.ts reads each back as written by kubectl 1.36. The provenance
// check reads all of it back.
import type { Manifest } from './types.js';
import { recipeOf, type ChangedWith, type MadeWith, type Recipe } from '../core/made-with-recipe.js';

export { recipeOf, type MadeWith, type Recipe };

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * A solution manifest may say how the student makes it, in the course's words
 * (`kubectl create, kubectl label`); tp lab test reads it and never sends it.
 */
export const MADE_WITH_ANNOTATION = 'tp.lab-test/made-with';

export const FIELD_MANAGERS: Record<MadeWith | Exclude<ChangedWith, 'delete'>, string> = {
  apply: 'kubectl-client-side-apply',
  create: 'kubectl-create',
  run: 'kubectl-run',
  set: 'kubectl-set',
  expose: 'kubectl-expose',
  autoscale: 'kubectl-autoscale',
  rollout: 'kubectl-rollout',
  // kubectl rollout undo sends no field manager: the server names it after the user agent.
  undo: 'kubectl',
  label: 'kubectl-label',
  scale: 'kubectl',
};

const withoutAnnotations = (manifest: Manifest, names: readonly string[]): Manifest => {
  const annotations = { ...((manifest.metadata.annotations as Record<string, string> | undefined) ?? {}) };
  for (const name of names) delete annotations[name];
  const metadata: Manifest['metadata'] = { ...manifest.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...manifest, metadata };
};

/** The manifest without tp lab test's own annotation, and the recipe it names (if any). */
export const splitRecipe = (manifest: Manifest): { manifest: Manifest; recipe?: Recipe } => {
  const named = (manifest.metadata.annotations as Record<string, unknown> | undefined)?.[MADE_WITH_ANNOTATION];
  const recipe = recipeOf(named);
  return { manifest: withoutAnnotations(manifest, [MADE_WITH_ANNOTATION]), ...(recipe && { recipe }) };
};

/** The object as first written: without what the later commands set (its labels, its replicas). */
export const asFirstWritten = (manifest: Manifest, recipe: Recipe): Manifest => {
  let first = manifest;
  if (recipe.then.includes('label')) {
    const metadata: Manifest['metadata'] = { ...first.metadata };
    delete metadata.labels;
    first = { ...first, metadata };
  }
  if (recipe.then.includes('scale') && typeof first.spec === 'object' && first.spec !== null) {
    const spec = { ...(first.spec as Record<string, unknown>) };
    delete spec.replicas;
    first = { ...first, spec };
  }
  return first;
};

/** The object as sent, with the last-applied annotation kubectl apply would add (the manifest itself, without that annotation). */
export const asMadeWith = (manifest: Manifest, how: MadeWith): Manifest => {
  const bare = withoutAnnotations(manifest, [LAST_APPLIED, MADE_WITH_ANNOTATION]);
  if (how !== 'apply') return bare;
  const annotations = (bare.metadata.annotations as Record<string, string> | undefined) ?? {};
  return { ...bare, metadata: { ...bare.metadata, annotations: { ...annotations, [LAST_APPLIED]: `${JSON.stringify(bare)}\n` } } };
};
