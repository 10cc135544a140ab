// The CLI's streams, cleaned at the writer: whatever a command writes to stdout
// or stderr (errors quoting a student's file, per-student progress lines, tp
// explain, list, lab test lines) loses its control characters (core/clean-text.ts)
// on the way out. tp's own colours and redraws (the pretty report's palette, the
// progress bar, --watch's clear screen) are written with `writeStyled`, and only
// from text whose strings were cleaned before they were painted.
import { cleanText } from '../core/clean-text.js';
import type { CliIo } from './io.js';

type Stream = CliIo['stdout'];

const UNCLEANED = Symbol('uncleaned stream');

interface CleanedStream {
  [UNCLEANED]?: Stream;
}

const cleanStream = (stream: Stream): Stream => {
  if ((stream as CleanedStream)[UNCLEANED] !== undefined) return stream;
  const write = (chunk: unknown, ...rest: unknown[]): boolean =>
    (stream.write as (chunk: unknown, ...rest: unknown[]) => boolean)(typeof chunk === 'string' ? cleanText(chunk) : chunk, ...rest);
  return new Proxy(stream, {
    get(target, property) {
      if (property === UNCLEANED) return target;
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
};

/** The same io with stdout and stderr cleaned; idempotent. */
export const cleanIo = (io: CliIo): CliIo => ({ ...io, stdout: cleanStream(io.stdout), stderr: cleanStream(io.stderr) });

/** Writes tp's own escape sequences (colours, redraws) around text already cleaned. */
export const writeStyled = (stream: Stream, text: string): void => {
  ((stream as CleanedStream)[UNCLEANED] ?? stream).write(text);
};
