// How a message quotes a string that a student (or a lab author) wrote: an
// answer, a selector, a label, what an app answered. Such a string can be a
// megabyte long or hold terminal escapes; quoted through here it is one short
// line that shows what was written, whatever the formatter does next.

/** The default length, in characters, of a quoted string. */
export const QUOTE_MAX = 80;

// C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `text` on one line (runs of blanks become one space, other control characters are
 * shown as `\u001b`), cut to `max` characters with a final `…`. The work is bounded by
 * `max`, not by the length of `text`.
 */
export const shortened = (text: string, max: number = QUOTE_MAX): string => {
  // Only the head can be shown: never walk the rest of a huge string.
  const head = text.length > max * 4 + 8 ? text.slice(0, max * 4 + 8) : text;
  const oneLine = head.trim().replace(/\s+/g, ' ').replace(UNSAFE, visible);
  const chars = Array.from(oneLine);
  const cut = head.length < text.length || chars.length > max;
  return cut ? `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…` : oneLine;
};
