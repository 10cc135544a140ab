// The bytes of an answers file, read as a file that a student controls: only a
// regular file, under a size cap, in chunks that an abort stops between. A FIFO
// is opened without waiting for a writer (O_NONBLOCK) and refused, as are
// devices (/dev/zero) and sockets; with `within`, a file whose links lead out
// of that folder (another student's submission, a file of the trainer) is refused.
import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { AnswersError } from '../core/errors.js';
import { shortened } from '../core/quote.js';
import { unreadableReason } from './unreadable.js';

/** An answers file is a few lines: 256 KiB leaves room for any lab and none for a flood. */
export const ANSWERS_MAX_BYTES = 256 * 1024;

const CHUNK = 64 * 1024;

export interface AnswersReadOptions {
  /** Stops the read between two chunks (the student's time is up, Ctrl-C). */
  signal?: AbortSignal;
  /** The student's submission root (tp grade): a folder, or the file itself, that no link on the way may leave. */
  within?: string;
  /** Bytes allowed; ANSWERS_MAX_BYTES unless given. */
  maxBytes?: number;
}

// Windows has no O_NONBLOCK nor O_NOCTTY, and no FIFO an open could wait on.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

const whatItIs = (info: Stats): string => {
  if (info.isDirectory()) return 'this is a folder, not an answers file';
  if (info.isFIFO()) return 'this is a named pipe (FIFO), not an answers file';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'this is a device, not an answers file';
  if (info.isSocket()) return 'this is a socket, not an answers file';
  return 'this is not a regular file';
};

const isInside = (folder: string, path: string): boolean => {
  const rest = relative(folder, path);
  // `..2026_12_04…/x` is inside (a ConfigMap volume's files link there); only `..` itself goes up.
  const [first] = rest.split(sep);
  return rest === '' || (first !== '..' && !isAbsolute(rest));
};

/**
 * A submission that is one file of a flat folder (`answers/{id}`) may be a link to a file of the
 * same name in that folder: a ConfigMap volume (the in-cluster Job's) makes each of its files so
 * (`alice` → `..data/alice` → `..2026_12_04…/alice`). A link to a classmate's file is not.
 */
const sameNameBeside = async (root: string, path: string): Promise<boolean> => {
  if (root !== path) return false;
  const [real, folder] = await Promise.all([realpath(root), realpath(dirname(root))]);
  return basename(real) === basename(root) && isInside(folder, real);
};

const outside = (path: string, folder: string): AnswersError =>
  new AnswersError(path, 0, `links outside the student's submission folder "${shortened(folder)}": refused`);

/**
 * Refuses a file that leaves `root` (the student's submission root, a folder or the file itself)
 * through a link: the root may not be a link, and no link on the way from the root down to the
 * file may lead out of it — at any depth, whatever it leads back to. Links that stay inside are
 * followed. The file read must be the one opened: a link swapped in between is another inode.
 */
const checkWithin = async (path: string, root: string, opened: Stats): Promise<void> => {
  if ((await lstat(root)).isSymbolicLink() && !(await sameNameBeside(root, path))) {
    throw new AnswersError(path, 0, `the student's submission "${shortened(root)}" is a link (to another student's files, or the trainer's?): refused`);
  }
  const realRoot = await realpath(root);
  const rest = relative(root, path);
  if (!isInside(root, path)) throw outside(path, root);
  let step = root;
  for (const name of rest === '' ? [] : rest.split(sep)) {
    step = join(step, name);
    if ((await lstat(step)).isSymbolicLink() && !isInside(realRoot, await realpath(step))) {
      throw new AnswersError(path, 0, `"${shortened(relative(root, step))}" links outside the student's submission folder "${shortened(root)}": refused`);
    }
  }
  // The submission is the file itself (answers/{id}): its real path is known already.
  const realFile = rest === '' ? realRoot : await realpath(path);
  const resolved = await stat(realFile);
  if (!isInside(realRoot, realFile) || resolved.ino !== opened.ino || resolved.dev !== opened.dev) throw outside(path, root);
};

const aborted = (path: string, signal: AbortSignal): AnswersError =>
  new AnswersError(path, 0, `reading stopped (${signal.reason instanceof Error ? signal.reason.message : 'aborted'})`);

export const readAnswersBytes = async (path: string, options: AnswersReadOptions = {}): Promise<Buffer> => {
  const { signal, within, maxBytes = ANSWERS_MAX_BYTES } = options;
  if (signal?.aborted) throw aborted(path, signal);
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    throw new AnswersError(path, 0, unreadableReason(path, error));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AnswersError(path, 0, whatItIs(info));
    if (info.size > maxBytes) throw new AnswersError(path, 0, `${info.size} bytes: more than the ${maxBytes} an answers file may hold`);
    if (within !== undefined) await checkWithin(path, within, info);
    // The size can grow after the stat (a file still being written): the cap holds whatever it says.
    // The first buffer is the size the stat gave, and one byte to see the end: a thousand students'
    // few lines each cost a few kilobytes, not the cap's 256 KiB each.
    const chunks: Buffer[] = [];
    let buffer = Buffer.allocUnsafe(info.size + 1);
    let used = 0;
    let length = 0;
    for (;;) {
      if (signal?.aborted) throw aborted(path, signal);
      if (used === buffer.length) {
        chunks.push(buffer);
        buffer = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - length));
        used = 0;
      }
      const { bytesRead } = await handle.read(buffer, used, Math.min(CHUNK, buffer.length - used), length);
      if (bytesRead === 0) break;
      used += bytesRead;
      length += bytesRead;
      if (length > maxBytes) throw new AnswersError(path, 0, `more than the ${maxBytes} bytes an answers file may hold`);
    }
    chunks.push(buffer.subarray(0, used));
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
  } catch (error) {
    if (error instanceof AnswersError) throw error;
    throw new AnswersError(path, 0, unreadableReason(path, error));
  } finally {
    await handle.close();
  }
};
