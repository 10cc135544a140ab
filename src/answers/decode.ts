// Bytes to text. Students' editors save answers files as UTF-8 with or without a BOM, with
// CRLF, sometimes as UTF-16 (Windows Notepad's "Unicode"); anything else is not a text file,
// and the student is told which line holds the first bad byte.
import { AnswersError } from '../core/errors.js';
import type { LineWarning } from './warnings.js';

export interface DecodedText {
  /** The text without its byte order mark. */
  text: string;
  /** The file started with a byte order mark (kept when the file is rewritten). */
  bom: boolean;
  warnings: LineWarning[];
}

const NOT_TEXT = 'this is not a text file';
// Tab, LF and CR are the only control characters a text editor writes.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

const utf8 = (bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

const firstBadUtf8Line = (bytes: Uint8Array): number => {
  let line = 1;
  let start = 0;
  // A multi-byte UTF-8 sequence never holds 0x0A, so each line can be checked alone.
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (utf8(bytes.subarray(start, i)) === undefined) return line;
      line++;
      start = i + 1;
    }
  }
  return line;
};

const utf16 = (bytes: Uint8Array, bigEndian: boolean): string | undefined => {
  if (bytes.length % 2 !== 0) return undefined;
  const littleEndian = Uint8Array.from(bytes);
  if (bigEndian) {
    for (let i = 0; i < littleEndian.length; i += 2) {
      littleEndian[i] = bytes[i + 1] ?? 0;
      littleEndian[i + 1] = bytes[i] ?? 0;
    }
  }
  try {
    return new TextDecoder('utf-16le', { fatal: true }).decode(littleEndian);
  } catch {
    return undefined;
  }
};

const bytesToText = (bytes: Uint8Array, file: string, warnings: LineWarning[]): string => {
  const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || bigEndian) {
    const text = utf16(bytes.subarray(2), bigEndian);
    if (text === undefined) throw new AnswersError(file, 1, `${NOT_TEXT} (broken UTF-16); save it as UTF-8 text`);
    warnings.push({ line: 1, message: 'saved as UTF-16, read anyway (UTF-8 is expected)' });
    return text;
  }
  const text = utf8(bytes);
  if (text === undefined) {
    throw new AnswersError(file, firstBadUtf8Line(bytes), `${NOT_TEXT} (invalid UTF-8 bytes); save it as UTF-8 text`);
  }
  return text;
};

/** The answers file as text; throws AnswersError when it is not text. */
export const decodeAnswersText = (input: string | Uint8Array, file: string): DecodedText => {
  const warnings: LineWarning[] = [];
  let text = typeof input === 'string' ? input : bytesToText(input, file, warnings);
  const bom = text.startsWith('\uFEFF');
  if (bom) {
    text = text.slice(1);
    warnings.push({ line: 1, message: 'byte order mark (BOM) ignored' });
  }
  const control = CONTROL.exec(text);
  if (control !== null) {
    const line = text.slice(0, control.index).split('\n').length;
    const what = control[0] === '\u0000' ? 'NUL bytes' : `control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new AnswersError(file, line, `${NOT_TEXT} (it holds ${what})`);
  }
  return { text, bom, warnings };
};
