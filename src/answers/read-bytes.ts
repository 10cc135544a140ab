// The bytes of an answers file, read as a file that a student controls: only a
// regular file, under a size cap, in chunks that an abort stops between. A FIFO
// is opened without waiting for a writer (O_NONBLOCK) and refused, as are
// devices (/dev/zero) and sockets; with `within`, a file whose links lead out
// of that folder (another student's submission, a file of the trainer) is refused.
import { constants, type Stats } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { AnswersError } from '../core/errors.js';
import { shortened } from '../core/quote.js';
import { unreadableReason } from './unreadable.js';

/** An answers file is a few lines: 256 KiB leaves room for any lab and none for a flood. */
export const ANSWERS_MAX_BYTES = 256 * 1024;

const CHUNK = 64 * 1024;

export interface AnswersReadOptions {
  /** Stops the read between two chunks (the student's time is up, Ctrl-C). */
  signal?: AbortSignal;
  /** A folder the file must stay in once every link is followed (tp grade: the student's submission). */
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

/** Refuses a file whose real path (links followed) is not inside the real `folder`. */
const checkWithin = async (path: string, folder: string, opened: Stats): Promise<void> => {
  const [realFile, realFolder] = await Promise.all([realpath(path), realpath(folder)]);
  // The same file as the one opened: a link swapped in between would be another inode.
  const resolved = await stat(realFile);
  if (!isInside(realFolder, realFile) || resolved.ino !== opened.ino || resolved.dev !== opened.dev) {
    throw new AnswersError(path, 0, `links outside the student's submission folder "${shortened(folder)}": refused`);
  }
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
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      if (signal?.aborted) throw aborted(path, signal);
      const { bytesRead } = await handle.read(buffer, length, Math.min(CHUNK, buffer.length - length), length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new AnswersError(path, 0, `more than the ${maxBytes} bytes an answers file may hold`);
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof AnswersError) throw error;
    throw new AnswersError(path, 0, unreadableReason(path, error));
  } finally {
    await handle.close();
  }
};
