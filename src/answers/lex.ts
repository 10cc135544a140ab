// Splits an answers file into JSON-like tokens, each with its line and offsets, and skips
// the `//` and `#` comments students add. What the tokens mean is grammar.ts's job.
import { AnswersError } from '../core/errors.js';
import { readStringLiteral } from './json-string.js';
import type { LineWarning } from './warnings.js';

export type AnswersToken =
  | { kind: '{' | '}' | ':' | ','; line: number; start: number; end: number }
  | { kind: 'string'; value: string; line: number; start: number; end: number }
  /** Anything unquoted: a JSON number or literal, or a mistake. */
  | { kind: 'word'; text: string; line: number; start: number; end: number };

const PUNCTUATION = new Set(['{', '}', ':', ',']);
const isBlank = (ch: string): boolean => /\s/.test(ch);
const endsWord = (ch: string): boolean => isBlank(ch) || PUNCTUATION.has(ch) || ch === '"';

export const lexAnswers = (text: string, file: string, warnings: LineWarning[]): AnswersToken[] => {
  const tokens: AnswersToken[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '\n') {
      line++;
      i++;
    } else if (isBlank(ch)) {
      i++;
    } else if (ch === '{' || ch === '}' || ch === ':' || ch === ',') {
      tokens.push({ kind: ch, line, start: i, end: i + 1 });
      i++;
    } else if (ch === '"') {
      const literal = readStringLiteral(text, i);
      if (literal === undefined) throw new AnswersError(file, line, 'unterminated string: the closing " is missing');
      for (const escape of literal.unknownEscapes) {
        warnings.push({ line, message: `"${escape}" is not a JSON escape, kept as written` });
      }
      tokens.push({ kind: 'string', value: literal.value, line, start: i, end: literal.end });
      i = literal.end;
    } else if (ch === '#' || text.startsWith('//', i)) {
      warnings.push({ line, message: 'comment ignored' });
      while (i < text.length && text.charAt(i) !== '\n') i++;
    } else {
      let end = i;
      while (end < text.length && !endsWord(text.charAt(end))) end++;
      tokens.push({ kind: 'word', text: text.slice(i, end), line, start: i, end });
      i = end;
    }
  }
  return tokens;
};
