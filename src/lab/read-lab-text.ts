// The text of a lab file, or a TpError that says which file could not be read.
// Apart from the loader (load.ts), so that a lab the build already validated
// is read without loading the YAML parser and ajv.
import { readFile } from 'node:fs/promises';
import { TpError } from '../core/errors.js';

export const readLabText = async (file: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TpError('LAB_NOT_FOUND', `cannot read lab file ${file}: ${reason}`, 'run `tp list` to see the labs available');
  }
};
