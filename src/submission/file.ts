// The submission file on disk: gzip-compressed JSON, bounded both ways. Written
// only when it fits (SUBMISSION_MAX_BYTES compressed, a Moodle upload's usual
// size; SUBMISSION_MAX_JSON_BYTES once read back); read as a hostile file: a
// regular file under the cap, decompressed under the cap (no gzip bomb), then
// checked against the schema before anything of it is used.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { TpError } from '../core/errors.js';
import { shortened } from '../core/quote.js';
import { submissionShapeProblems } from './schema.js';
import type { Submission } from './types.js';

/** Compressed: what a Moodle assignment or a Git repository takes without a word. */
export const SUBMISSION_MAX_BYTES = 4 * 1024 * 1024;
/** Uncompressed JSON. */
export const SUBMISSION_MAX_JSON_BYTES = 32 * 1024 * 1024;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export class SubmissionError extends TpError {
  constructor(source: string, reason: string, advice?: string) {
    super('SUBMISSION_INVALID', `${shortened(source)}: ${reason}`, advice);
    this.name = 'SubmissionError';
  }
}

export const encodeSubmission = (submission: Submission): Buffer => {
  const json = Buffer.from(JSON.stringify(submission));
  const tooBig = 'Submit from a namespace holding only the lab\'s work (tp submit -n <namespace>), or ask your trainer.';
  if (json.length > SUBMISSION_MAX_JSON_BYTES) throw new SubmissionError('the submission', `${mib(json.length)} of JSON, more than the ${mib(SUBMISSION_MAX_JSON_BYTES)} a submission may hold`, tooBig);
  const compressed = gzipSync(json, { level: 9 });
  if (compressed.length > SUBMISSION_MAX_BYTES) throw new SubmissionError('the submission', `${mib(compressed.length)} compressed, more than the ${mib(SUBMISSION_MAX_BYTES)} a submission may hold`, tooBig);
  return compressed;
};

const GZIP_MAGIC = [0x1f, 0x8b];

/** A submission from its bytes (gzip, or the JSON itself); `source` names it in errors. */
export const decodeSubmission = (bytes: Buffer, source: string): Submission => {
  if (bytes.length > SUBMISSION_MAX_BYTES) throw new SubmissionError(source, `${mib(bytes.length)}, more than the ${mib(SUBMISSION_MAX_BYTES)} a submission may hold`);
  let json: Buffer = bytes;
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      json = gunzipSync(bytes, { maxOutputLength: SUBMISSION_MAX_JSON_BYTES });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SubmissionError(source, code === 'ERR_BUFFER_TOO_LARGE' ? `decompresses to more than ${mib(SUBMISSION_MAX_JSON_BYTES)}: not a submission tp wrote` : `not a readable gzip file (${(error as Error).message})`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    throw new SubmissionError(source, 'not a submission: neither gzip-compressed JSON nor JSON', 'Hand in the file `tp submit` wrote (answers/submission_<lab>.json.gz).');
  }
  const problems = submissionShapeProblems(value);
  if (problems.length > 0) throw new SubmissionError(source, `not a submission tp can read: ${problems.join('; ')}`);
  return value as Submission;
};

// Windows has no O_NONBLOCK nor O_NOCTTY: a FIFO could not make open wait there anyway.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * A submission file's bytes: a regular file (never a FIFO or a device), under the cap. With
 * `noFollow` (a file found in a folder of students' files), never through a symbolic link.
 */
export const readSubmissionBytes = async (path: string, options: { noFollow?: boolean } = {}): Promise<Buffer> => {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (error) {
    throw new SubmissionError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new SubmissionError(path, 'not a regular file');
    if (info.size > SUBMISSION_MAX_BYTES) throw new SubmissionError(path, `${mib(info.size)}, more than the ${mib(SUBMISSION_MAX_BYTES)} a submission may hold`);
    // As large as the file said it was, and one byte more: a file that grows while read is refused, not cut.
    const buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > info.size) throw new SubmissionError(path, 'it changed while it was read');
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
};

export const readSubmissionFile = async (path: string): Promise<Submission> => decodeSubmission(await readSubmissionBytes(path), path);
