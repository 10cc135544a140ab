// The message of an outcome in one language: its template filled with the
// outcome's data and, in that language, its words.
import type { Outcome } from './define.js';
import { interpolate, pick, type Lang, type Text } from '../core/text.js';

export const renderMessage = (template: Text, outcome: Pick<Outcome<string>, 'data' | 'words'>, lang: Lang): string =>
  interpolate(pick(template, lang), {
    ...outcome.data,
    ...Object.fromEntries(Object.entries(outcome.words ?? {}).map(([name, text]) => [name, pick(text, lang)])),
  });
