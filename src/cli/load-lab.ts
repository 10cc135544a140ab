// Resolves `4`, `tp4` or a path to a loaded, validated Lab.
import { resolve } from 'node:path';
import type { Lab } from '../lab/types.js';
import { defaultLabsDir, resolveLabRef } from '../lab/find.js';
import { readLabText } from '../lab/read-lab-text.js';
import { knownLab } from './known-labs.js';
import { checkKinds } from '../checks/index.js';

/** A lab file: the build's Lab when its text is one the build validated, else parsed and validated now. */
export const loadLabAt = async (file: string): Promise<Lab> => {
  const text = await readLabText(file);
  const known = knownLab(text, file);
  if (known) return known;
  // The YAML parser and ajv are loaded only for a lab the build did not see (a trainer's own file).
  const { labFromText } = await import('../lab/load.js');
  return labFromText(text, file, checkKinds);
};

/** A `<lab>` that names a file (or its folder) rather than a lab id: read from `cwd`. */
export const isLabPath = (ref: string): boolean => ref.includes('/') || ref.endsWith('.yaml');

export const loadLab = async (ref: string, cwd: string): Promise<Lab> =>
  loadLabAt(resolveLabRef(isLabPath(ref) ? resolve(cwd, ref) : ref, defaultLabsDir()));
