// Resolves `4`, `tp4` or a path to a loaded, validated Lab.
import { resolve } from 'node:path';
import type { Lab } from '../lab/types.js';
import { defaultLabsDir, resolveLabRef } from '../lab/find.js';
import { loadLabFile } from '../lab/load.js';
import { knownLab } from './known-labs.js';
import { checkKinds } from '../checks/index.js';

export const loadLab = async (ref: string, cwd: string): Promise<Lab> => {
  const file = resolveLabRef(ref.includes('/') || ref.endsWith('.yaml') ? resolve(cwd, ref) : ref, defaultLabsDir());
  return loadLabFile(file, checkKinds, knownLab);
};
