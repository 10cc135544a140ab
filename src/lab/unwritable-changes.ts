// What a mutation or an undo of a lab adds (`apply`) or patches is written by `tp lab test`
// as the solution is: the same refusals (discovery/writable-kinds.ts), said by `tp lab lint`
// at the field at fault.
import type { SolutionChange } from './types.js';
import type { JsonPath } from '../core/yaml-positions.js';
import type { LocatedProblem } from '../core/located-problem.js';
import { isPlainObject } from '../core/json-shape.js';
import { manifestRefusal } from '../discovery/writable-kinds.js';
import { podSecurityRefusals } from '../core/pod-security.js';
import { shortened } from '../core/quote.js';

/** The problems, at their fields, of what `change` would have `tp lab test` write. */
export const unwritableChanges = (change: SolutionChange, path: JsonPath): LocatedProblem[] => {
  const problems: LocatedProblem[] = [];
  (change.apply ?? []).forEach((manifest, index) => {
    const refusal = isPlainObject(manifest) ? manifestRefusal(manifest) : undefined;
    if (refusal) {
      const at: JsonPath = refusal.field === 'kind' ? [...path, 'apply', index, 'kind'] : [...path, 'apply', index, 'metadata', 'namespace'];
      problems.push({ path: at, at: refusal.field === 'kind' ? 'value' : 'key', message: refusal.message, severity: refusal.severity });
    }
    // A pod the Pod Security baseline refuses, in an object tp lab test would write: each field at its place.
    if (refusal?.severity === 'error') return;
    for (const found of podSecurityRefusals(manifest)) problems.push({ path: [...path, 'apply', index, ...found.path], at: found.at, message: found.message });
  });
  (change.patch ?? []).forEach((patch, index) => {
    const merge: unknown = patch.merge;
    if (!isPlainObject(merge)) return;
    // A patch that makes the object's pod privileged (or any pod baseline refuses) is refused as the whole object would be.
    const [kind, name] = String(patch.target).split('/');
    for (const found of podSecurityRefusals({ ...merge, metadata: { ...(isPlainObject(merge.metadata) ? merge.metadata : {}), name } }, kind)) {
      problems.push({ path: [...path, 'patch', index, 'merge', ...found.path], at: found.at, message: found.message });
    }
    const metadata = merge.metadata;
    if (isPlainObject(metadata) && metadata.namespace !== undefined) {
      problems.push({ path: [...path, 'patch', index, 'merge', 'metadata', 'namespace'], at: 'key', message: `the patch of ${shortened(patch.target)} sets metadata.namespace: tp lab test writes only into its own namespaces, so leave it out` });
    }
    for (const field of ['kind', 'apiVersion'] as const) {
      if (merge[field] !== undefined) problems.push({ path: [...path, 'patch', index, 'merge', field], at: 'key', message: `the patch of ${shortened(patch.target)} changes its ${field}: a patch changes an object's fields, not what the object is (delete it and apply another)` });
    }
  });
  return problems;
};
