// Reads one JSON string literal, as JSON.parse would, but line-aware and forgiving: an
// unknown escape such as `\d` (a student's regexp or Windows path) is kept as written.

export interface StringLiteral {
  value: string;
  /** Offset just after the closing quote. */
  end: number;
  /** Escapes that are not JSON (`\d`), kept as written. */
  unknownEscapes: string[];
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const isLineEnd = (ch: string): boolean => ch === '' || ch === '\n' || ch === '\r';

/** The literal opening at `text[start]` (a `"`), or undefined when it is not closed on its line. */
export const readStringLiteral = (text: string, start: number): StringLiteral | undefined => {
  let value = '';
  const unknownEscapes: string[] = [];
  let i = start + 1;
  for (;;) {
    const ch = text.charAt(i);
    if (isLineEnd(ch)) return undefined;
    if (ch === '"') return { value, end: i + 1, unknownEscapes };
    if (ch !== '\\') {
      value += ch;
      i++;
      continue;
    }
    const escaped = text.charAt(i + 1);
    if (isLineEnd(escaped)) return undefined;
    const hex = text.slice(i + 2, i + 6);
    if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) {
      value += String.fromCharCode(Number.parseInt(hex, 16));
      i += 6;
    } else {
      const decoded = ESCAPES[escaped];
      if (decoded === undefined) unknownEscapes.push(`\\${escaped}`);
      value += decoded ?? `\\${escaped}`;
      i += 2;
    }
  }
};
