// An object's managedFields, reduced to who wrote it, how and when — bounded:
// a student controls the objects (and, on their own cluster, the API server).
import type { FieldWriter } from './types.js';

const MAX_WRITERS = 32;
const MAX_TEXT = 128;

const text = (value: unknown): string | undefined =>
  // Control characters never reach an output.
  typeof value === 'string' && value !== '' ? value.slice(0, MAX_TEXT).replace(/[\u0000-\u001f\u007f-\u009f]/g, '') : undefined;

export const writersOf = (managedFields: unknown): FieldWriter[] => {
  if (!Array.isArray(managedFields)) return [];
  return managedFields.slice(0, MAX_WRITERS).flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { manager, operation, subresource, time } = entry as Record<string, unknown>;
    const name = text(manager);
    if (name === undefined) return [];
    const sub = text(subresource);
    const at = text(time);
    return [{ manager: name, operation: text(operation) ?? 'Update', ...(sub && { subresource: sub }), ...(at && { time: at }) }];
  });
};
