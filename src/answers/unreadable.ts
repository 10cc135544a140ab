// Why an answers file could not be opened, in words that say what to do.
import { basename } from 'node:path';

const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** The reason a file could not be opened, with what to do about it. */
export const unreadableReason = (path: string, error: unknown): string => {
  const code = errorCode(error);
  if (code === 'ENOENT') {
    const lab = /^answers_(.+)$/.exec(basename(path))?.[1] ?? '<lab>';
    return `file not found — run \`tp init ${lab}\` to create it`;
  }
  if (code === 'EISDIR') return 'this is a folder, not an answers file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'a loop of links';
  // A socket cannot be opened as a file.
  if (code === 'ENXIO') return 'this is not a regular file';
  return `cannot be read (${code ?? String(error)})`;
};
