// The selector lexer, following k8s.io/apimachinery/pkg/labels.Lexer: symbols are read
// greedily (`!=`, `==`), everything else up to a symbol or a blank is one word.

export type TokenKind =
  | 'word'
  | 'in'
  | 'notin'
  | '='
  | '=='
  | '!='
  | '!'
  | '>'
  | '<'
  | '('
  | ')'
  | ','
  | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based column of the token's first character. */
  column: number;
}

const SYMBOLS: ReadonlySet<string> = new Set(['=', '==', '!=', '!', '>', '<', '(', ')', ',']);
const SYMBOL_CHARS: ReadonlySet<string> = new Set(['=', '!', '(', ')', ',', '>', '<']);
// Kubernetes treats only these four as blanks; anything else (even a no-break space) is
// part of a word and then fails key or value validation, as it would with kubectl.
const BLANKS: ReadonlySet<string> = new Set([' ', '\t', '\r', '\n']);

const isSymbolChar = (ch: string): boolean => SYMBOL_CHARS.has(ch);
const isBlank = (ch: string): boolean => BLANKS.has(ch);

const readSymbol = (text: string, start: number): string => {
  let symbol = text.charAt(start);
  const pair = text.slice(start, start + 2);
  if (SYMBOLS.has(pair)) symbol = pair;
  return symbol;
};

const readWord = (text: string, start: number): string => {
  let end = start;
  while (end < text.length && !isSymbolChar(text.charAt(end)) && !isBlank(text.charAt(end))) end++;
  return text.slice(start, end);
};

const wordKind = (word: string): TokenKind => (word === 'in' ? 'in' : word === 'notin' ? 'notin' : 'word');

/** Every token of the selector, ending with one `end` token. */
export const lexSelector = (text: string): Token[] => {
  const tokens: Token[] = [];
  let position = 0;
  for (;;) {
    while (position < text.length && isBlank(text.charAt(position))) position++;
    if (position >= text.length) break;
    const ch = text.charAt(position);
    if (isSymbolChar(ch)) {
      const symbol = readSymbol(text, position);
      tokens.push({ kind: symbol as TokenKind, text: symbol, column: position + 1 });
      position += symbol.length;
    } else {
      const word = readWord(text, position);
      tokens.push({ kind: wordKind(word), text: word, column: position + 1 });
      position += word.length;
    }
  }
  tokens.push({ kind: 'end', text: '', column: text.length + 1 });
  return tokens;
};
