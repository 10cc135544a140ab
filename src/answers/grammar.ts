// The meaning of the tokens: `{ "Key": value, … }`, read leniently. Whatever strict JSON
// would refuse but a student plainly meant (a missing brace or comma, a trailing comma)
// becomes a warning; whatever cannot be understood is an AnswersError on its line.
import { AnswersError } from '../core/errors.js';
import type { AnswersToken } from './lex.js';
import type { LineWarning } from './warnings.js';

export interface AnswerEntry {
  key: string;
  /** The text written, numbers and booleans as spelled; null for JSON `null`. */
  value: string | null;
  /** Line of the key. */
  line: number;
  /** Offset just after the value, where a missing comma would go. */
  valueEnd: number;
  commaAfter: boolean;
}

export interface AnswersGrammar {
  entries: AnswerEntry[];
  /** Offset of the closing `}`, if the file has one. */
  closingBrace: number | undefined;
}

const JSON_LITERAL = /^(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?|true|false)$/;
const EXPECTED_PAIR = 'expected "AnswerN": "value"';

/** Why a word outside quotes cannot be read, in the student's terms. */
const wordProblem = (text: string, key: string | undefined): string => {
  // Escaped: a non-ASCII character in a regex literal is the only one esbuild leaves in the
  // bundle, and one makes V8 hold all 2.4 MB of it as two-byte text (slower to read and compile).
  if (/[\u201C\u201D\u201E\u201F]/.test(text)) return 'curly quotes “ ” are not allowed: use straight double quotes "';
  if (text.startsWith("'")) return `use double quotes ("), not single quotes (')`;
  if (key === undefined) return EXPECTED_PAIR;
  if (text === '[' || text.startsWith('[')) return `the value of "${key}" must be text in double quotes, not a list`;
  return `the value of "${key}" must be in double quotes, like "${key}": "${text}"`;
};

export const readGrammar = (tokens: readonly AnswersToken[], file: string, warnings: LineWarning[]): AnswersGrammar => {
  const entries: AnswerEntry[] = [];
  let opened = false;
  let closingBrace: AnswersToken | undefined;
  let warnedAfterClose = false;
  // The last entry, while nothing but a comma has followed it.
  let open: AnswerEntry | undefined;
  let trailingComma: AnswersToken | undefined;

  const first = tokens[0];
  if (first !== undefined && first.kind !== '{') warnings.push({ line: first.line, message: 'missing "{" at the start' });

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined) break;
    if (token.kind === '{') {
      if (i !== 0 || opened) throw new AnswersError(file, token.line, 'unexpected "{": the file holds a single { … } block');
      opened = true;
    } else if (token.kind === '}') {
      if (closingBrace !== undefined) {
        throw new AnswersError(file, token.line, `unexpected "}": the block was closed on line ${closingBrace.line}`);
      }
      closingBrace = token;
    } else if (token.kind === ',') {
      if (open !== undefined && !open.commaAfter) {
        open.commaAfter = true;
        trailingComma = token;
      } else {
        warnings.push({ line: token.line, message: 'extra comma' });
      }
      continue;
    } else if (token.kind === 'string') {
      if (closingBrace !== undefined && !warnedAfterClose) {
        warnings.push({ line: token.line, message: 'answers after the closing "}"' });
        warnedAfterClose = true;
      }
      const colon = tokens[i + 1];
      if (colon?.kind !== ':') throw new AnswersError(file, token.line, `expected ":" after "${token.value}"`);
      const valueToken = tokens[i + 2];
      const entry = readValue(token, valueToken, file);
      const previous = entries[entries.length - 1];
      if (previous !== undefined && !previous.commaAfter) {
        warnings.push({ line: previous.line, message: `missing comma after "${previous.key}"` });
      }
      entries.push(entry);
      open = entry;
      trailingComma = undefined;
      i += 2;
      continue;
    } else {
      throw new AnswersError(file, token.line, token.kind === 'word' ? wordProblem(token.text, undefined) : EXPECTED_PAIR);
    }
    // A brace ends the run after the last entry: a comma before it was a trailing one.
    if (trailingComma !== undefined) warnings.push({ line: trailingComma.line, message: 'trailing comma' });
    open = undefined;
    trailingComma = undefined;
  }
  if (trailingComma !== undefined) warnings.push({ line: trailingComma.line, message: 'trailing comma' });
  const last = tokens[tokens.length - 1];
  if (opened && closingBrace === undefined && last !== undefined) {
    warnings.push({ line: last.line, message: 'missing "}" at the end' });
  }
  return { entries, closingBrace: closingBrace?.start };
};

const readValue = (
  keyToken: Extract<AnswersToken, { kind: 'string' }>,
  valueToken: AnswersToken | undefined,
  file: string,
): AnswerEntry => {
  const key = keyToken.value;
  const entry = (value: string | null, end: number): AnswerEntry => ({
    key,
    value,
    line: keyToken.line,
    valueEnd: end,
    commaAfter: false,
  });
  if (valueToken === undefined) throw new AnswersError(file, keyToken.line, `missing value after "${key}":`);
  if (valueToken.kind === 'string') return entry(valueToken.value, valueToken.end);
  if (valueToken.kind === 'word') {
    if (valueToken.text === 'null') return entry(null, valueToken.end);
    if (JSON_LITERAL.test(valueToken.text)) return entry(valueToken.text, valueToken.end);
    throw new AnswersError(file, valueToken.line, wordProblem(valueToken.text, key));
  }
  if (valueToken.kind === '{') {
    throw new AnswersError(file, valueToken.line, `the value of "${key}" must be text in double quotes, not a { … } block`);
  }
  throw new AnswersError(file, valueToken.line, `missing value after "${key}":`);
};
