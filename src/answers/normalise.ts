// How a written answer is compared. The reader keeps the value as typed; each check says
// how forgiving it is (`default ` vs `Default`, `replica  set` vs `replica set`).

export interface NormaliseOptions {
  /** Keep the case as written (default: compare lowercased). */
  caseSensitive?: boolean;
  /** Turn every run of blanks inside the answer into one space (default: keep them). */
  collapseSpaces?: boolean;
}

// Students sometimes quote the answer inside the JSON string: "Answer2": "'10.0.0.1'".
const QUOTE_PAIRS: readonly (readonly [string, string])[] = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['“', '”'],
  ['‘', '’'],
  ['«', '»'],
];

const stripQuotes = (value: string): string => {
  let text = value;
  for (;;) {
    const pair = QUOTE_PAIRS.find(([open, close]) => text.length >= 2 && text.startsWith(open) && text.endsWith(close));
    if (pair === undefined) return text;
    text = text.slice(pair[0].length, text.length - pair[1].length).trim();
  }
};

export const normaliseAnswer = (value: string, options: NormaliseOptions = {}): string => {
  let text = stripQuotes(value.trim());
  if (options.collapseSpaces === true) text = text.replace(/\s+/g, ' ');
  return options.caseSensitive === true ? text : text.toLowerCase();
};
