// The label selector grammar of k8s.io/apimachinery/pkg/labels.Parse, so a student's
// answer is accepted or refused exactly as `kubectl get -l '<answer>'` would:
//
//   selector    ::= "" | requirement ("," requirement)*
//   requirement ::= "!" KEY | KEY | KEY ("in" | "notin") "(" VALUE ("," VALUE)* ")"
//                 | KEY ("=" | "==" | "!=" | ">" | "<") VALUE
//
// Refusals carry a reason a student can act on and the column where the problem is.
import { lexSelector, type Token } from './lex.js';
import { labelKeyProblem, labelValueProblem, parseInt64 } from './label-syntax.js';
import { describeRequirement } from './describe.js';
import type { Operator, ParseResult, Requirement } from './types.js';
import { shortened } from '../core/quote.js';

/**
 * The longest selector read. A right answer is a few dozen characters; the cap bounds
 * what matching costs (requirements × values × objects), the parse itself being linear.
 */
export const SELECTOR_MAX_LENGTH = 1024;

/** Thrown inside this module only, and always caught by parseSelector. */
class SelectorSyntax extends Error {
  constructor(
    readonly reason: string,
    readonly column: number,
  ) {
    super(reason);
  }
}

const fail = (message: string, column: number, detail?: string): never => {
  throw new SelectorSyntax(`${message} at column ${column}${detail === undefined ? '' : `: ${detail}`}`, column);
};

// A token is quoted in a refusal: a short line, whatever the student wrote.
const quoted = (text: string): string => shortened(text, 40);

const found = (token: Token): string =>
  token.kind === 'end' ? 'found the end of the selector' : token.text === '' ? 'found nothing' : `found "${quoted(token.text)}"`;

// Where a value is expected, `in` and `notin` are ordinary words (`a in (in)` is valid).
const isWord = (token: Token): boolean => token.kind === 'word' || token.kind === 'in' || token.kind === 'notin';

const BINARY_OPERATORS: Partial<Record<Token['kind'], Operator>> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  '>': 'gt',
  '<': 'lt',
  in: 'in',
  notin: 'notin',
};

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    // lexSelector always ends with an `end` token, and the parser never reads past it.
    return this.tokens[Math.min(this.index, this.tokens.length - 1)] ?? { kind: 'end', text: '', column: 1 };
  }

  next(): Token {
    const token = this.peek();
    this.index++;
    return token;
  }

  selector(): Requirement[] {
    const requirements: Requirement[] = [];
    if (this.peek().kind === 'end') return requirements;
    let after: string | undefined;
    for (;;) {
      const requirement = this.requirement(after);
      requirements.push(requirement);
      const separator = this.next();
      if (separator.kind === 'end') return requirements;
      if (separator.kind !== ',') {
        fail(`expected "," or the end of the selector after "${quoted(describeRequirement(requirement))}", ${found(separator)}`, separator.column);
      }
      after = ',';
    }
  }

  private requirement(after: string | undefined): Requirement {
    let keyToken = this.next();
    const negated = keyToken.kind === '!';
    if (negated) keyToken = this.next();
    if (!isWord(keyToken)) {
      const where = negated ? ' after "!"' : after === undefined ? '' : ` after "${after}"`;
      fail(`expected a label key${where}, ${found(keyToken)}`, keyToken.column);
    }
    const key = keyToken.text;
    const keyProblem = labelKeyProblem(key);
    if (keyProblem !== undefined) fail(`invalid label key "${quoted(key)}"`, keyToken.column, keyProblem);
    // As in Kubernetes, `!key` ends the requirement: whatever follows must be "," or the end.
    if (negated) return { key, operator: '!', values: [] };
    const following = this.peek();
    if (following.kind === 'end' || following.kind === ',') return { key, operator: 'exists', values: [] };

    const operatorToken = this.next();
    const operator = BINARY_OPERATORS[operatorToken.kind];
    if (operator === undefined) {
      return fail(`expected an operator (=, ==, !=, in, notin, >, <) after "${quoted(key)}", ${found(operatorToken)}`, operatorToken.column);
    }
    if (operator === 'in' || operator === 'notin') return { key, operator, values: this.valueSet(operatorToken) };
    return { key, operator, values: [this.exactValue(operatorToken, operator)] };
  }

  private exactValue(operatorToken: Token, operator: Operator): string {
    const following = this.peek();
    // `key=` (nothing before "," or the end) selects the empty value, as in Kubernetes.
    const valueToken: Token =
      following.kind === 'end' || following.kind === ',' ? { kind: 'word', text: '', column: following.column } : this.next();
    if (!isWord(valueToken)) fail(`expected a value after "${operatorToken.text}", ${found(valueToken)}`, valueToken.column);
    const value = valueToken.text;
    if ((operator === 'gt' || operator === 'lt') && parseInt64(value) === undefined) {
      fail(`expected an integer after "${operatorToken.text}", ${found(valueToken)}`, valueToken.column);
    }
    checkValue(valueToken);
    return value;
  }

  private valueSet(operatorToken: Token): string[] {
    const open = this.next();
    if (open.kind !== '(') fail(`expected "(" after "${operatorToken.text}", ${found(open)}`, open.column);
    const values = new Set<string>();
    // Kubernetes reads an empty slot (`()`, `(a,)`, `(,a)`) as the empty value.
    let expectingValue = true;
    for (;;) {
      const token = this.next();
      if (token.kind === ')' || token.kind === ',') {
        if (expectingValue) values.add('');
        if (token.kind === ')') break;
        expectingValue = true;
      } else if (isWord(token) && expectingValue) {
        checkValue(token);
        values.add(token.text);
        expectingValue = false;
      } else if (token.kind === 'end') {
        fail(`missing ")" to close the list opened`, open.column);
      } else {
        fail(`expected "," or ")" in the list of values, ${found(token)}`, token.column);
      }
    }
    return [...values].sort();
  }
}

const checkValue = (token: Token): void => {
  const problem = labelValueProblem(token.text);
  if (problem !== undefined) fail(`invalid label value "${quoted(token.text)}"`, token.column, problem);
};

/** Parses a label selector as Kubernetes does; never throws. `""` selects everything. */
export const parseSelector = (text: string): ParseResult => {
  if (text.length > SELECTOR_MAX_LENGTH) {
    return { ok: false, reason: `a selector of ${text.length} characters: more than the ${SELECTOR_MAX_LENGTH} tp reads`, column: SELECTOR_MAX_LENGTH + 1 };
  }
  try {
    return { ok: true, requirements: new Parser(lexSelector(text)).selector() };
  } catch (error) {
    if (error instanceof SelectorSyntax) return { ok: false, reason: error.reason, column: error.column };
    return { ok: false, reason: `unreadable selector (${String(error)})`, column: 1 };
  }
};
