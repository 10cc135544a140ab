// The message of an outcome in one language: its template filled with the
// outcome's data and, in that language, its words. Every message is bounded:
// a list is named by `listed` (a few items, then "and N more"), and no
// placeholder's value is longer than MESSAGE_VALUE_MAX, whatever a student
// put in their namespace. New check kinds list what they found with `listed`.
import type { Outcome } from './define.js';
import { interpolate, pick, type Lang, type Text } from '../core/text.js';
import { oneLine } from '../core/clean-text.js';
import { shortened } from '../core/quote.js';

/** How many items a message names before "and N more": enough to see what is wrong, never a flood. */
export const LISTED_MAX = 5;

/** The longest value a placeholder shows, in characters: a message stays a line, not a page. */
export const MESSAGE_VALUE_MAX = 400;

/** Each item named is cut to this: a Kubernetes name is at most 253 characters, a crafted one any length. */
const ITEM_MAX = 64;

export interface ListedOptions {
  /** Items named before "and N more" (LISTED_MAX unless given). */
  max?: number;
  /** What an empty list reads as (`∅` unless given). */
  empty?: string;
  /** Between two items (`, ` unless given). */
  separator?: string;
  /** How many there are in all, when `items` is only the head of a longer list (the rest is counted, not made). */
  total?: number;
}

/**
 * A list as a message shows it, in both languages: the first `max` items, each
 * on one short line, then "and N more" / "et N autres". The work is bounded by
 * `max`, not by the length of the list. Give it to an outcome as a `words` entry.
 */
export const listed = (items: readonly string[], options: ListedOptions = {}): Text => {
  const { max = LISTED_MAX, empty = '∅', separator = ', ', total = items.length } = options;
  if (total === 0) return { fr: empty, en: empty };
  const shown = items.slice(0, max);
  const named = shown.map((item) => shortened(item, ITEM_MAX)).join(separator);
  const rest = Math.max(0, total - shown.length);
  if (rest === 0) return { fr: named, en: named };
  return { fr: `${named} et ${rest} autre${rest > 1 ? 's' : ''}`, en: `${named} and ${rest} more` };
};

/** A placeholder's value (or a report detail) inside one line: no line break of a student's starts another, and no flood. */
export const boundedLine = (value: string | number | undefined): string | number | undefined => {
  if (typeof value !== 'string') return value;
  // Only the head can be shown: the rest of a huge value is never walked.
  const head = oneLine(value.slice(0, MESSAGE_VALUE_MAX * 4));
  // No more UTF-16 units than the bound, so no more characters: nearly every value, not split into characters.
  if (head.length <= MESSAGE_VALUE_MAX && value.length <= MESSAGE_VALUE_MAX * 4) return head;
  const chars = Array.from(head);
  return chars.length > MESSAGE_VALUE_MAX || value.length > MESSAGE_VALUE_MAX * 4 ? `${chars.slice(0, MESSAGE_VALUE_MAX - 1).join('')}…` : head;
};

export const renderMessage = (template: Text, outcome: Pick<Outcome<string>, 'data' | 'words'>, lang: Lang): string =>
  interpolate(pick(template, lang), {
    ...Object.fromEntries(Object.entries(outcome.data ?? {}).map(([name, value]) => [name, boundedLine(value)])),
    ...Object.fromEntries(Object.entries(outcome.words ?? {}).map(([name, text]) => [name, boundedLine(pick(text, lang))])),
  });
