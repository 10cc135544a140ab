// Writes a file atomically: the text goes to a temporary file beside the target,
// which is then renamed over it. A reader never sees half a file, and a crash or
// a full disk leaves the old file whole. Used for reports, gradebooks and answers files.
//
// Never through a symbolic link: a link planted at the output path (or at a
// folder under the output directory, like feedback/) would send tp's text
// to whatever file it points at, so tp refuses and says which path it is.
import { randomUUID } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, mkdir, open, rename, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { TpError } from './errors.js';

/** What is at `path` (undefined when nothing is), refusing a symbolic link. */
const refuseSymlink = async (path: string): Promise<Stats | undefined> => {
  const stats = await lstat(path).catch(() => undefined);
  if (stats?.isSymbolicLink()) {
    throw new TpError('IO', `${path} is a symbolic link: tp does not write through one`, 'Remove the link (or choose another output path) and run again.');
  }
  return stats;
};

/**
 * A file's text, whole or in pieces made as they are written (a thousand students' grades.json
 * is never held as one string, nor as one buffer).
 */
export type FileText = string | Uint8Array | Iterable<string>;

/** Pieces are encoded into a buffer of this size, written when full. */
const WRITE_BUFFER_BYTES = 1 << 20;

const writeAll = async (handle: FileHandle, bytes: Uint8Array): Promise<void> => {
  for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset)).bytesWritten;
};

// `wx`: the temporary name is new; if something appeared there, fail rather than follow it.
const writeNew = async (path: string, text: FileText, mode: number | undefined): Promise<void> => {
  if (typeof text === 'string' || text instanceof Uint8Array) {
    await writeFile(path, text, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    return;
  }
  const handle = await open(path, 'wx', mode);
  try {
    // One buffer for the whole file, filled piece by piece: no piece is joined to another nor encoded apart.
    const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
    let used = 0;
    for (const piece of text) {
      const size = Buffer.byteLength(piece);
      if (used + size > buffer.length) {
        await writeAll(handle, buffer.subarray(0, used));
        used = 0;
      }
      if (size > buffer.length) await writeAll(handle, Buffer.from(piece));
      else used += buffer.write(piece, used);
    }
    await writeAll(handle, buffer.subarray(0, used));
  } finally {
    await handle.close();
  }
};

export interface WriteOptions {
  /** The output directory the file lies under: no folder between it and the file may be a link, and the file may not leave it. */
  within?: string;
}

export const writeFileAtomic = async (path: string, text: FileText, options: WriteOptions = {}): Promise<void> => {
  const target = resolve(path);
  // The folder of the file, when it was looked at on the way (under the output directory).
  let folder: Stats | undefined;
  if (options.within !== undefined) {
    const base = resolve(options.within);
    const inside = relative(base, target);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || resolve(base, inside) !== target) {
      throw new TpError('IO', `${target} is not under ${base}: tp writes only inside its output directory`);
    }
    const folders = inside.split(sep).slice(0, -1);
    for (let depth = 1; depth <= folders.length; depth += 1) folder = await refuseSymlink(resolve(base, ...folders.slice(0, depth)));
  }
  // A folder just seen is not made again (a thousand feedback files share one).
  if (!folder?.isDirectory()) await mkdir(dirname(target), { recursive: true });
  const mode = (await refuseSymlink(target))?.mode;
  const temporary = `${target}.tmp-${randomUUID()}`;
  try {
    await writeNew(temporary, text, mode);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
};
