// How `tp lab test` writes an object so that the API server records it as a
// student's kubectl would: `kubectl apply -f` (client-side) sends the field
// manager `kubectl-client-side-apply` and keeps the manifest it applied in the
// `kubectl.kubernetes.io/last-applied-configuration` annotation; `kubectl create`
// sends `kubectl-create` and keeps no annotation. Then the commands the course
// uses on an object already made: `kubectl label` (its labels, field manager
// `kubectl-label`) and `kubectl scale` (its replicas, through the scale
// subresource; kubectl 1.36 sends no field manager there, so the server names
// it after the user agent: `kubectl`). The provenance check reads all of it back.
import type { Manifest } from './types.js';

export type MadeWith = 'apply' | 'create';

/** Commands that change an object once it is made, each one field of it. */
export type ChangedWith = 'label' | 'scale';

/** How an object comes to be: made one way, then changed with some commands. */
export interface Recipe {
  made: MadeWith;
  then: ChangedWith[];
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * A solution manifest may say how the student makes it, in the course's words
 * (`kubectl create, kubectl label`); tp lab test reads it and never sends it.
 */
export const MADE_WITH_ANNOTATION = 'tp.lab-test/made-with';

export const FIELD_MANAGERS: Record<MadeWith | ChangedWith, string> = {
  apply: 'kubectl-client-side-apply',
  create: 'kubectl-create',
  label: 'kubectl-label',
  scale: 'kubectl',
};

const STEPS = ['apply', 'create', 'label', 'scale'] as const;

/** `[create, label]`, `create`, or the annotation's `kubectl create, kubectl label`; undefined when it is none of those. */
export const recipeOf = (value: unknown): Recipe | undefined => {
  const words = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  const steps = words.map((w) => (typeof w === 'string' ? w.trim().replace(/^kubectl\s+/, '') : ''));
  const [made, ...then] = steps;
  if (made !== 'apply' && made !== 'create') return undefined;
  if (!then.every((s): s is ChangedWith => s === 'label' || s === 'scale') || new Set(then).size !== then.length) return undefined;
  return { made, then };
};

export const isRecipeStep = (value: unknown): boolean => (STEPS as readonly unknown[]).includes(value);

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
