// A lab file whose text is exactly one the build loaded and validated skips the
// YAML parser and the schemas: its Lab is read back from the build's JSON. A file
// changed by a single byte has another hash and is loaded and validated in full.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Lab } from '../lab/types.js';
import { PRECOMPILED_LAB_FILE, PRECOMPILED_LABS } from './precompiled.js';

export const knownLab = (text: string, file: string): Lab | undefined => {
  const json = PRECOMPILED_LABS[createHash('sha256').update(text).digest('hex')];
  if (json === undefined) return undefined;
  const lab = JSON.parse(json, (_key, value: unknown) => (value === PRECOMPILED_LAB_FILE ? file : value)) as Lab;
  return { ...lab, file: resolve(file) };
};
