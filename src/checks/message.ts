// The message of an outcome in one language: its template filled with the
// outcome's data and, in that language, its words.
import type { Outcome } from './define.js';
import { interpolate, pick, type Lang, type Text } from '../core/text.js';
import { oneLine } from '../core/clean-text.js';

/** A placeholder's value inside the one line a message is: no line break of a student's starts another. */
const inLine = (value: string | number | undefined): string | number | undefined => (typeof value === 'string' ? oneLine(value) : value);

export const renderMessage = (template: Text, outcome: Pick<Outcome<string>, 'data' | 'words'>, lang: Lang): string =>
  interpolate(pick(template, lang), {
    ...Object.fromEntries(Object.entries(outcome.data ?? {}).map(([name, value]) => [name, inLine(value)])),
    ...Object.fromEntries(Object.entries(outcome.words ?? {}).map(([name, text]) => [name, inLine(pick(text, lang))])),
  });
