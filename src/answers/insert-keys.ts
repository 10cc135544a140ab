// Adds missing keys to an existing answers file as text, so every byte the student wrote
// (values, spacing, comments, number spellings) stays exactly as it was.
import { PLACEHOLDER } from './types.js';
import type { AnswersLayout } from './read.js';

const DEFAULT_INDENT = '  ';

/** `  "Answer1": "<fix me>",` — the course's spelling; the last line of a block has no comma. */
const placeholderLines = (keys: readonly string[], indent: string): string[] =>
  keys.map((key, i) => `${indent}${JSON.stringify(key)}: ${JSON.stringify(PLACEHOLDER)}${i < keys.length - 1 ? ',' : ''}`);

/** The new answers file: one line per key, every value `<fix me>`, valid JSON. */
export const answersTemplate = (keys: readonly string[]): string =>
  `{\n${placeholderLines(keys, DEFAULT_INDENT).map((line) => `${line}\n`).join('')}}\n`;

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

const indentOf = (layout: AnswersLayout): string => {
  if (layout.lastEntry === undefined) return DEFAULT_INDENT;
  const start = lineStart(layout.text, layout.lastEntry.valueEnd);
  const indent = /^[ \t]*/.exec(layout.text.slice(start))?.[0] ?? '';
  // An entry sharing its line with "{" (one-line JSON) says nothing about indentation.
  return layout.text.charAt(start + indent.length) === '"' ? indent : DEFAULT_INDENT;
};

/** The file's text (without BOM) with `keys` added as `<fix me>` before its closing brace. */
export const insertKeys = (layout: AnswersLayout, keys: readonly string[]): string => {
  const { text, lastEntry, closingBrace } = layout;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = indentOf(layout);
  const block = placeholderLines(keys, indent).join(eol);

  // Keys go before the closing brace, unless the student wrote answers after it.
  const braceAfterEntries = closingBrace !== undefined && (lastEntry === undefined || closingBrace >= lastEntry.valueEnd);
  let at: number;
  let insertion: string;
  if (braceAfterEntries) {
    const start = lineStart(text, closingBrace);
    const braceOnItsOwnLine = text.slice(start, closingBrace).trim() === '';
    at = braceOnItsOwnLine ? start : closingBrace;
    insertion = braceOnItsOwnLine ? `${block}${eol}` : `${eol}${block}${eol}`;
  } else {
    at = text.length;
    insertion = `${text === '' || text.endsWith('\n') ? '' : eol}${block}${eol}`;
  }
  let result = `${text.slice(0, at)}${insertion}${text.slice(at)}`;
  if (lastEntry !== undefined && !lastEntry.commaAfter) {
    result = `${result.slice(0, lastEntry.valueEnd)},${result.slice(lastEntry.valueEnd)}`;
  }
  return result;
};
