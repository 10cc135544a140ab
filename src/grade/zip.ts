// Reads a zip file as a hostile one (Moodle's "download all submissions" holds
// what students uploaded): its central directory only (no trust in local headers
// beyond finding the data), ZIP64 understood, every bound explicit — the file's
// size, the directory's, the number of entries, each entry's size before and
// after inflating (no zip bomb: inflating stops at the declared size), the CRC
// checked. Entries whose names climb out (`..`, absolute, drive letters), links,
// encrypted entries and unknown methods are never read: they are listed with
// the reason. Nothing is ever written to disk from it.
import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { TpError } from '../core/errors.js';

export interface ZipLimits {
  /** Bytes of an entry once inflated, at most. */
  maxEntryBytes: number;
  maxEntries: number;
  maxFileBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntryBytes: 4 * 1024 * 1024, maxEntries: 20_000, maxFileBytes: 2 * 1024 * 1024 * 1024 };

export interface ZipEntry {
  name: string;
  size: number;
  compressedSize: number;
  method: number;
  crc: number;
  offset: number;
}

export interface ZipArchive {
  /** Regular files that can be read, in the directory's order. */
  entries: ZipEntry[];
  /** Entries never read, and why. */
  skipped: Array<{ name: string; reason: string }>;
  read(entry: ZipEntry): Promise<Buffer>;
  close(): Promise<void>;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as zip stores it (zlib.crc32 is not in every Node 20). */
export const crc32 = (data: Uint8Array): number => {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

const invalid = (path: string, why: string) => new TpError('IO', `${path}: not a zip file tp can read (${why})`, 'Give the zip file as Moodle made it ("Download all submissions"), or a folder of submission files.');

const readAt = async (handle: FileHandle, position: number, length: number): Promise<Buffer> => {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
};

/** Why a name is not one to read: it would leave the folder it is in, or is no plain path. */
export const unsafeName = (name: string): string | undefined => {
  if (name.includes('\u0000')) return 'a name with a NUL character';
  const path = name.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'an absolute path';
  if (path.split('/').includes('..')) return 'a path that climbs out of the folder (..)';
  return undefined;
};

interface Directory {
  count: number;
  size: number;
  offset: number;
}

const directoryOf = async (handle: FileHandle, fileSize: number, path: string): Promise<Directory> => {
  const tailLength = Math.min(fileSize, 22 + MAX_COMMENT);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw invalid(path, 'no end of central directory');
  let directory: Directory = { count: tail.readUInt16LE(at + 10), size: tail.readUInt32LE(at + 12), offset: tail.readUInt32LE(at + 16) };
  if (directory.count === 0xffff || directory.size === 0xffffffff || directory.offset === 0xffffffff) {
    const locatorAt = fileSize - tailLength + at - 20;
    const locator = locatorAt >= 0 ? await readAt(handle, locatorAt, 20) : Buffer.alloc(0);
    if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw invalid(path, 'a ZIP64 directory without its locator');
    const record = await readAt(handle, Number(locator.readBigUInt64LE(8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw invalid(path, 'a ZIP64 locator pointing nowhere');
    directory = { count: Number(record.readBigUInt64LE(32)), size: Number(record.readBigUInt64LE(40)), offset: Number(record.readBigUInt64LE(48)) };
  }
  if (directory.size > MAX_DIRECTORY_BYTES || directory.offset + directory.size > fileSize) throw invalid(path, 'a central directory out of bounds');
  return directory;
};

/** The ZIP64 extra field's values for the fields the directory left at 0xFFFFFFFF. */
const zip64Values = (extra: Buffer, wanted: { size: boolean; compressed: boolean; offset: boolean }) => {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const length = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let at = i + 4;
      const next = (): number | undefined => {
        if (at + 8 > i + 4 + length) return undefined;
        const value = Number(extra.readBigUInt64LE(at));
        at += 8;
        return value;
      };
      return { size: wanted.size ? next() : undefined, compressed: wanted.compressed ? next() : undefined, offset: wanted.offset ? next() : undefined };
    }
    i += 4 + length;
  }
  return {};
};

const UNIX = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export const openZip = async (path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipArchive> => {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new TpError('IO', `cannot read ${path} (${error.code ?? error.message})`);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw invalid(path, 'not a regular file');
    if (info.size > limits.maxFileBytes) throw invalid(path, `over ${limits.maxFileBytes} bytes`);
    const directory = await directoryOf(handle, info.size, path);
    if (directory.count > limits.maxEntries) throw invalid(path, `${directory.count} entries, more than the ${limits.maxEntries} tp reads`);
    const data = await readAt(handle, directory.offset, directory.size);
    const entries: ZipEntry[] = [];
    const skipped: ZipArchive['skipped'] = [];
    let at = 0;
    for (let n = 0; n < directory.count; n += 1) {
      if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL) throw invalid(path, 'a damaged central directory');
      const madeBy = data.readUInt16LE(at + 4);
      const flags = data.readUInt16LE(at + 8);
      const method = data.readUInt16LE(at + 10);
      const crc = data.readUInt32LE(at + 16);
      let compressedSize = data.readUInt32LE(at + 20);
      let size = data.readUInt32LE(at + 24);
      const nameLength = data.readUInt16LE(at + 28);
      const extraLength = data.readUInt16LE(at + 30);
      const commentLength = data.readUInt16LE(at + 32);
      const attributes = data.readUInt32LE(at + 38);
      let offset = data.readUInt32LE(at + 42);
      const nameBytes = data.subarray(at + 46, at + 46 + nameLength);
      const extra = data.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      at += 46 + nameLength + extraLength + commentLength;
      const name = nameBytes.toString('utf8');
      const big = zip64Values(extra, { size: size === 0xffffffff, compressed: compressedSize === 0xffffffff, offset: offset === 0xffffffff });
      size = big.size ?? size;
      compressedSize = big.compressed ?? compressedSize;
      offset = big.offset ?? offset;
      if (name.endsWith('/')) continue;
      const unsafe = unsafeName(name);
      const reason =
        unsafe ??
        (madeBy >> 8 === UNIX && ((attributes >>> 16) & S_IFMT) === S_IFLNK ? 'a symbolic link' : undefined) ??
        (flags & 1 ? 'encrypted' : undefined) ??
        (method !== 0 && method !== 8 ? `compressed with method ${method}, which tp does not read` : undefined) ??
        (size > limits.maxEntryBytes ? `${size} bytes, more than the ${limits.maxEntryBytes} tp reads of an entry` : undefined) ??
        (offset + 30 + compressedSize > info.size ? 'data out of the file' : undefined);
      if (reason === undefined) entries.push({ name, size, compressedSize, method, crc, offset });
      else skipped.push({ name, reason });
    }
    return {
      entries,
      skipped,
      async read(entry) {
        const local = await readAt(handle, entry.offset, 30);
        if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw invalid(path, `no local header for ${entry.name}`);
        const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        const raw = await readAt(handle, start, entry.compressedSize);
        let content: Buffer;
        try {
          // Inflating stops at the declared size: an entry that inflates to more is no longer read.
          content = entry.method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
        } catch (error) {
          throw invalid(path, `${entry.name} does not inflate to its ${entry.size} bytes (${(error as Error).message})`);
        }
        if (content.length !== entry.size || crc32(content) !== entry.crc) throw invalid(path, `${entry.name} is damaged (size or CRC)`);
        return content;
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
};
