// Where labs live, and what `<lab>` on the command line means: `4`, `tp4`, an id,
// or a path to a lab file or to its folder.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TpError } from '../core/errors.js';
import { labsInsideExecutable } from './executable-labs.js';

// True in the single executable's bundle (scripts/build-exe.mjs), absent elsewhere.
declare const TP_EXECUTABLE: boolean | undefined;

const LAB_FILE = 'lab.yaml';

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();
const isDirectory = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/** Every `<labsDir>/*\/lab.yaml`, as absolute paths sorted by lab id. */
export const listLabFiles = (labsDir: string): string[] => {
  if (!isDirectory(labsDir)) return [];
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((id) => resolve(labsDir, id, LAB_FILE))
    .filter(isFile);
};

const labIdOf = (labFile: string): string => dirname(labFile).split(/[\\/]/).pop() ?? labFile;

export const resolveLabRef = (ref: string, labsDir: string): string => {
  // A bare number is the course's numbering of TPs: `4` is tp4.
  const id = /^\d+$/.test(ref) ? `tp${ref}` : ref;
  if (/^[a-z][a-z0-9-]*$/.test(id)) {
    const packaged = resolve(labsDir, id, LAB_FILE);
    if (isFile(packaged)) return packaged;
  }
  if (isFile(ref)) return resolve(ref);
  if (isFile(join(ref, LAB_FILE))) return resolve(ref, LAB_FILE);

  const available = listLabFiles(labsDir).map(labIdOf);
  const known = available.length > 0 ? `available: ${available.join(', ')}` : `no labs in ${labsDir}`;
  throw new TpError('LAB_NOT_FOUND', `no lab "${ref}" (${known})`, 'run `tp list`');
};

/**
 * The `labs/` folder shipped with tp. The code runs from src/ (tests) and bundled
 * as dist/tp.js, so it is found by walking up to the package root; the single
 * executable carries its labs inside.
 */
export const defaultLabsDir = (from: string = import.meta.url): string => {
  if (typeof TP_EXECUTABLE === 'boolean' && TP_EXECUTABLE) return labsInsideExecutable();
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (isDirectory(join(dir, 'labs')) && isFile(join(dir, 'package.json'))) return join(dir, 'labs');
    const parent = dirname(dir);
    if (parent === dir) return resolve('labs');
    dir = parent;
  }
};
