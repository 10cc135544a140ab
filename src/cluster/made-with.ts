// How `tp lab test` writes an object so that the API server records it as a
// student's kubectl would: `kubectl apply -f` (client-side) sends the field
// manager `kubectl-client-side-apply` and keeps the manifest it applied in the
// `kubectl.kubernetes.io/last-applied-configuration` annotation; `kubectl create`
// sends `kubectl-create` and keeps no annotation. The provenance check reads
// both back (managedFields and the annotation).
import type { Manifest } from './types.js';

export type MadeWith = 'apply' | 'create';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export const FIELD_MANAGERS: Record<MadeWith, string> = { apply: 'kubectl-client-side-apply', create: 'kubectl-create' };

/** The object as sent, with the last-applied annotation kubectl apply would add (the manifest itself, without that annotation). */
export const asMadeWith = (manifest: Manifest, how: MadeWith): Manifest => {
  const annotations = { ...((manifest.metadata.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  const bare = { ...manifest, metadata: { ...manifest.metadata, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) } };
  if (Object.keys(annotations).length === 0) delete (bare.metadata as { annotations?: unknown }).annotations;
  if (how !== 'apply') return bare;
  return { ...bare, metadata: { ...bare.metadata, annotations: { ...annotations, [LAST_APPLIED]: `${JSON.stringify(bare)}\n` } } };
};
