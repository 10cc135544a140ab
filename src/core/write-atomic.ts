// Writes a file atomically: the text goes to a temporary file beside the target,
// which is then renamed over it. A reader never sees half a file, and a crash or
// a full disk leaves the old file whole. Used for reports, gradebooks and answers files.
import { randomUUID } from 'node:crypto';
import { mkdir, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const writeFileAtomic = async (path: string, text: string): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  // Through a symlink to the real file, keeping its permissions.
  const target = await realpath(path).catch(() => path);
  const mode = await stat(target).then((s) => s.mode, () => undefined);
  const temporary = `${target}.tmp-${randomUUID()}`;
  try {
    await writeFile(temporary, text, mode === undefined ? {} : { mode });
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
};
