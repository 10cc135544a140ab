// Writes a file atomically: the text goes to a temporary file beside the target,
// which is then renamed over it. A reader never sees half a file, and a crash or
// a full disk leaves the old file whole. Used for reports, gradebooks and answers files.
//
// Never through a symbolic link: a link planted at the output path (or at a
// folder under the output directory, like feedback/) would send tp's text
// to whatever file it points at, so tp refuses and says which path it is.
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { TpError } from './errors.js';

const isSymlink = async (path: string): Promise<boolean> =>
  lstat(path).then(
    (stats) => stats.isSymbolicLink(),
    () => false,
  );

const refuseSymlink = async (path: string): Promise<void> => {
  if (await isSymlink(path)) {
    throw new TpError('IO', `${path} is a symbolic link: tp does not write through one`, 'Remove the link (or choose another output path) and run again.');
  }
};

export interface WriteOptions {
  /** The output directory the file lies under: no folder between it and the file may be a link, and the file may not leave it. */
  within?: string;
}

export const writeFileAtomic = async (path: string, text: string | Uint8Array, options: WriteOptions = {}): Promise<void> => {
  const target = resolve(path);
  if (options.within !== undefined) {
    const base = resolve(options.within);
    const inside = relative(base, target);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || resolve(base, inside) !== target) {
      throw new TpError('IO', `${target} is not under ${base}: tp writes only inside its output directory`);
    }
    const folders = inside.split(sep).slice(0, -1);
    for (let depth = 1; depth <= folders.length; depth += 1) await refuseSymlink(resolve(base, ...folders.slice(0, depth)));
  }
  await mkdir(dirname(target), { recursive: true });
  await refuseSymlink(target);
  const mode = await lstat(target).then((s) => s.mode, () => undefined);
  const temporary = `${target}.tmp-${randomUUID()}`;
  try {
    // `wx`: the temporary name is new; if something appeared there, fail rather than follow it.
    await writeFile(temporary, text, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
};
