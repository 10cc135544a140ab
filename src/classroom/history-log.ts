// The class's history: every change of a student's result, one JSON line
// each, appended to `<output>/history.jsonl` (time, student, check or exercise,
// before → after). Lines are written as they come and synced to disk every
// second, so a crash loses at most the last second. A restart reads the file
// back (its first line and its last MAX_HISTORY_READ bytes, whatever its
// size), repairs a line a crash cut in half, and carries on appending.
import { lstat, mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECK_STATUSES, type CheckStatus } from '../core/check-status.js';
import { TpError } from '../core/errors.js';
import type { StudentStatus } from '../grade/types.js';
import type { HistoryHeader, HistoryRecord } from './types.js';

export const HISTORY_FILE = 'history.jsonl';
export const HISTORY_FORMAT = 'tp-live-history/1';
/** A day of a large class is a few MiB; more than this is read from its end only. */
export const MAX_HISTORY_READ = 64 * 1024 * 1024;
const MAX_HEADER_BYTES = 4096;
const SYNC_EVERY_MS = 1000;

export interface History {
  readonly file: string;
  readonly header: HistoryHeader;
  /** The records an earlier run left, oldest first. */
  readonly records: readonly HistoryRecord[];
  /** Lines of the file that were not records (skipped), and whether only its end was read. */
  readonly skipped: number;
  readonly partial: boolean;
  append(records: readonly HistoryRecord[]): void;
  /** Syncs and closes the file. */
  close(): Promise<void>;
}

const STUDENT_STATUSES: ReadonlySet<unknown> = new Set<StudentStatus>(['graded', 'error', 'pending']);
const isStudentStatus = (value: unknown): value is StudentStatus => STUDENT_STATUSES.has(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 256;
const isCheckStatus = (value: unknown): value is CheckStatus => CHECK_STATUSES.includes(value as CheckStatus);

/** A line read back, if it is a record this version writes. */
export const parseRecord = (line: string): HistoryRecord | undefined => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const json = value as Record<string, unknown>;
  const { t, student, before, after } = json;
  if (!isText(t) || Number.isNaN(Date.parse(t)) || !isText(student)) return undefined;
  if (json['check'] !== undefined) {
    if (!isText(json['check']) || !isCheckStatus(after) || (before !== null && !isCheckStatus(before))) return undefined;
    const why = isText(json['why']) ? json['why'] : undefined;
    return { t, student, check: json['check'], before, after, ...(why === undefined ? {} : { why }) };
  }
  if (json['exercise'] !== undefined) {
    const passOrFail = (v: unknown): v is 'pass' | 'fail' => v === 'pass' || v === 'fail';
    if (!isText(json['exercise']) || !passOrFail(after) || (before !== null && !passOrFail(before))) return undefined;
    return { t, student, exercise: json['exercise'], before, after };
  }
  if (!isStudentStatus(after) || (before !== null && !isStudentStatus(before))) return undefined;
  return { t, student, before, after };
};

const parseHeader = (line: string): HistoryHeader | undefined => {
  try {
    const json = JSON.parse(line) as Record<string, unknown>;
    if (json['format'] !== HISTORY_FORMAT || !isText(json['lab']) || !isText(json['started']) || Number.isNaN(Date.parse(json['started']))) return undefined;
    return { format: HISTORY_FORMAT, lab: json['lab'], started: json['started'] };
  } catch {
    return undefined;
  }
};

const readAt = async (handle: FileHandle, start: number, length: number): Promise<Buffer> => {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, start);
  return buffer.subarray(0, bytesRead);
};

/** The file's header and records; a line cut by a crash at its end is cut off the file too. */
const readBack = async (handle: FileHandle, file: string, size: number, maxRead: number) => {
  const head = (await readAt(handle, 0, Math.min(size, MAX_HEADER_BYTES))).toString('utf8');
  const header = parseHeader(head.split('\n', 1)[0] ?? '');
  if (!header) throw new TpError('IO', `${file} is not the history of a live class (its first line is not a tp history header)`, 'Choose another --output, or move the file away.');
  const start = Math.max(0, size - maxRead);
  let text = (await readAt(handle, start, size - start)).toString('utf8');
  const lastNewline = text.lastIndexOf('\n');
  if (lastNewline < text.length - 1) {
    // A crash in the middle of a line: what follows the last whole line goes.
    await handle.truncate(start + Buffer.byteLength(text.slice(0, lastNewline + 1)));
    text = text.slice(0, lastNewline + 1);
  }
  const lines = text.split('\n').filter((line) => line !== '');
  // The first line read is the header (a whole file), or the end of a line cut by where reading began.
  const body = lines.slice(1);
  const records = body.flatMap((line) => parseRecord(line) ?? []);
  return { header, records, skipped: body.length - records.length, partial: start > 0 };
};

export const openHistory = async (
  dir: string,
  lab: string,
  now: Date,
  onError: (error: Error) => void,
  maxRead = MAX_HISTORY_READ,
): Promise<History> => {
  const file = join(dir, HISTORY_FILE);
  await mkdir(dir, { recursive: true });
  if (await lstat(file).then((stats) => stats.isSymbolicLink(), () => false)) {
    throw new TpError('IO', `${file} is a symbolic link: tp does not write through one`, 'Remove the link (or choose another output path) and run again.');
  }
  const handle = await open(file, 'a+');
  let opened: Awaited<ReturnType<typeof readBack>>;
  try {
    const { size } = await handle.stat();
    if (size === 0) {
      const header: HistoryHeader = { format: HISTORY_FORMAT, lab, started: now.toISOString() };
      await handle.write(`${JSON.stringify(header)}\n`);
      opened = { header, records: [], skipped: 0, partial: false };
    } else opened = await readBack(handle, file, size, maxRead);
    if (opened.header.lab !== lab) {
      throw new TpError('USAGE', `${file} is the history of lab "${opened.header.lab}", not "${lab}"`, 'Give each lab its own --output directory.');
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  let writing: Promise<unknown> = Promise.resolve();
  let unsynced = false;
  const queue = (work: () => Promise<unknown>) => {
    writing = writing.then(work).catch((error: unknown) => onError(error as Error));
  };
  const timer = setInterval(() => {
    if (!unsynced) return;
    unsynced = false;
    queue(() => handle.sync());
  }, SYNC_EVERY_MS);
  timer.unref();
  return {
    file,
    ...opened,
    append(records) {
      if (records.length === 0) return;
      const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
      queue(() => handle.write(text));
      unsynced = true;
    },
    async close() {
      clearInterval(timer);
      queue(() => handle.sync());
      await writing;
      await handle.close();
    },
  };
};
