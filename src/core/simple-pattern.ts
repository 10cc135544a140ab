// The simple `$regex` patterns labs write (`:v0\.2(@sha256:[0-9a-f]+)?$`) matched without
// loading RE2: re2js, loaded and compiling one pattern, is ~5% of a `tp check 4` (issue 22).
// The pattern becomes a Thompson automaton, run over the text's code points keeping one thread
// per state: time linear in the text whatever it holds, as RE2's. Only what RE2 reads the same
// way is taken (ASCII literals and escaped punctuation, classes of them and \d \w \s, `.`,
// groups, `|`, `?` `*` `+` and their lazy forms, `^` and `$` at the ends of the text); anything
// else (flags, counted repetitions, \b, Unicode classes, an error) is RE2's (pattern.ts).

/** A code point test, or an assertion on the position (`^`, `$`), or a fork, or the end. */
type State =
  | { kind: 'char'; test: (code: number) => boolean; out: State | undefined }
  | { kind: 'begin' | 'end'; out: State | undefined }
  | { kind: 'split'; out: State | undefined; other: State | undefined }
  | { kind: 'match' };

type Node =
  | { kind: 'char'; test: (code: number) => boolean }
  | { kind: 'begin' | 'end' }
  | { kind: 'concat' | 'alternate'; nodes: Node[] }
  | { kind: 'star' | 'plus' | 'optional'; node: Node };

class NotSimple extends Error {}
const notSimple = (): never => {
  throw new NotSimple();
};

// RE2's Perl classes, ASCII only.
const DIGIT = (c: number) => c >= 0x30 && c <= 0x39;
const WORD = (c: number) => DIGIT(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const SPACE = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const PERL_CLASSES: Readonly<Record<string, (c: number) => boolean>> = {
  d: DIGIT,
  D: (c) => !DIGIT(c),
  w: WORD,
  W: (c) => !WORD(c),
  s: SPACE,
  S: (c) => !SPACE(c),
};
const PUNCTUATION = /^[!-/:-@[-`{-~]$/;
// Outside a class, these mean something (or, for `{` `}` `]`, may): not taken as literals.
const SPECIAL = new Set([...'\\^$.|?*+()[]{}']);

/** Parses `source` (ASCII only) into a tree, or throws NotSimple. */
const parse = (source: string): Node => {
  let at = 0;
  const peek = () => source[at];

  const escaped = (inClass: boolean): Node | number => {
    const next = source[at + 1];
    if (next === undefined) return notSimple();
    at += 2;
    if (PUNCTUATION.test(next)) return next.charCodeAt(0);
    const perl = PERL_CLASSES[next];
    // \D \W \S inside a class would need a class of classes: RE2's.
    if (perl === undefined || (inClass && next === next.toUpperCase())) return notSimple();
    return { kind: 'char', test: perl };
  };

  const classNode = (): Node => {
    at += 1;
    const negated = peek() === '^';
    if (negated) at += 1;
    if (peek() === ']') return notSimple();
    const tests: Array<(c: number) => boolean> = [];
    const literal = (): number => {
      const char = peek();
      if (char === undefined || char === '[' || char === ']') return notSimple();
      if (char === '\\') {
        const read = escaped(true);
        return typeof read === 'number' ? read : notSimple();
      }
      at += 1;
      return char.charCodeAt(0);
    };
    while (peek() !== ']') {
      if (peek() === undefined || peek() === '[') return notSimple();
      if (peek() === '\\' && PERL_CLASSES[source[at + 1] ?? ''] !== undefined) {
        const read = escaped(true);
        if (typeof read === 'number') return notSimple();
        if (read.kind === 'char') tests.push(read.test);
        continue;
      }
      const first = peek() === '-' ? (at += 1, 0x2d) : literal();
      if (peek() === '-' && source[at + 1] !== ']') {
        if (first === 0x2d) return notSimple();
        at += 1;
        if (peek() === '-') return notSimple();
        const last = literal();
        if (last < first) return notSimple();
        tests.push((c) => c >= first && c <= last);
      } else {
        // A `-` first or last in the class is itself.
        if (first === 0x2d && tests.length > 0 && peek() !== ']') return notSimple();
        tests.push((c) => c === first);
      }
    }
    at += 1;
    if (tests.length === 0) return notSimple();
    const inClass = (c: number) => tests.some((test) => test(c));
    return { kind: 'char', test: negated ? (c) => !inClass(c) : inClass };
  };

  const atom = (): Node | undefined => {
    const char = peek();
    if (char === undefined || char === '|' || char === ')') return undefined;
    if (char === '(') {
      at += 1;
      if (peek() === '?') {
        if (source.slice(at, at + 2) !== '?:') return notSimple();
        at += 2;
      }
      const inside = alternation();
      if (peek() !== ')') return notSimple();
      at += 1;
      return inside;
    }
    if (char === '[') return classNode();
    if (char === '\\') {
      const read = escaped(false);
      return typeof read === 'number' ? { kind: 'char', test: (c) => c === read } : read;
    }
    at += 1;
    if (char === '^') return { kind: 'begin' };
    if (char === '$') return { kind: 'end' };
    if (char === '.') return { kind: 'char', test: (c) => c !== 0x0a };
    if (SPECIAL.has(char)) return notSimple();
    const code = char.charCodeAt(0);
    return { kind: 'char', test: (c) => c === code };
  };

  const repeated = (): Node | undefined => {
    const node = atom();
    if (node === undefined) {
      // A repetition of nothing (`*a`, `(|+)`) is an error RE2 says.
      if ('*+?{'.includes(peek() ?? '|')) return notSimple();
      return undefined;
    }
    const operator = peek();
    if (operator !== '*' && operator !== '+' && operator !== '?') {
      if (operator === '{') return notSimple();
      return node;
    }
    if (node.kind === 'begin' || node.kind === 'end') return notSimple();
    at += 1;
    // Lazy or greedy: the same texts match, and where the first match starts is the same.
    if (peek() === '?') at += 1;
    if ('*+?{'.includes(peek() ?? '|')) return notSimple();
    return { kind: operator === '*' ? 'star' : operator === '+' ? 'plus' : 'optional', node };
  };

  const concatenation = (): Node => {
    const nodes: Node[] = [];
    for (let node = repeated(); node !== undefined; node = repeated()) nodes.push(node);
    return { kind: 'concat', nodes };
  };

  function alternation(): Node {
    const nodes = [concatenation()];
    while (peek() === '|') {
      at += 1;
      nodes.push(concatenation());
    }
    return nodes.length === 1 ? (nodes[0] as Node) : { kind: 'alternate', nodes };
  }

  const tree = alternation();
  if (at !== source.length) return notSimple();
  return tree;
};

/** The automaton of `node`, continuing to `next`. */
const compile = (node: Node, next: State): State => {
  switch (node.kind) {
    case 'char':
      return { kind: 'char', test: node.test, out: next };
    case 'begin':
    case 'end':
      return { kind: node.kind, out: next };
    case 'concat':
      return node.nodes.reduceRight<State>((after, child) => compile(child, after), next);
    case 'alternate':
      return node.nodes.slice(1).reduce<State>((left, child) => ({ kind: 'split', out: left, other: compile(child, next) }), compile(node.nodes[0] as Node, next));
    case 'optional':
      return { kind: 'split', out: compile(node.node, next), other: next };
    case 'star': {
      const loop: State = { kind: 'split', out: undefined, other: next };
      loop.out = compile(node.node, loop);
      return loop;
    }
    case 'plus': {
      const loop: State = { kind: 'split', out: undefined, other: next };
      const body = compile(node.node, loop);
      loop.out = body;
      return body;
    }
  }
};

/** Where the first match of the automaton starts in `text` (a UTF-16 index), or -1; `any`: 0 for any match. */
const run = (start: State, text: string, any: boolean): number => {
  // Threads in the order of their start: a state taken by an earlier start is not taken again.
  let threads: Array<{ state: State; from: number }> = [];
  let taken = new Set<State>();
  let best = -1;
  const add = (list: typeof threads, state: State | undefined, from: number, at: number): void => {
    if (state === undefined || taken.has(state)) return;
    taken.add(state);
    switch (state.kind) {
      case 'split':
        add(list, state.out, from, at);
        add(list, state.other, from, at);
        return;
      case 'begin':
        if (at === 0) add(list, state.out, from, at);
        return;
      case 'end':
        if (at === text.length) add(list, state.out, from, at);
        return;
      default:
        list.push({ state, from });
    }
  };
  for (let at = 0; ; ) {
    // A new thread starts here as long as no match has started before.
    if (best === -1) add(threads, start, at, at);
    for (const thread of threads) {
      if (thread.state.kind !== 'match') continue;
      if (best === -1 || thread.from < best) best = thread.from;
      if (any) return 0;
    }
    // Threads that started after the best match cannot do better.
    if (best !== -1) threads = threads.filter((thread) => thread.from < best && thread.state.kind !== 'match');
    if (at >= text.length || threads.length === 0 && best !== -1) return best;
    const code = text.codePointAt(at) as number;
    const width = code > 0xffff ? 2 : 1;
    const next: typeof threads = [];
    taken = new Set<State>();
    for (const thread of threads) {
      if (thread.state.kind === 'char' && thread.state.test(code)) add(next, thread.state.out, thread.from, at + width);
    }
    threads = next;
    at += width;
  }
};

/** The states of the automaton: a step of `run` visits each at most once. */
const countStates = (start: State): number => {
  const seen = new Set<State>();
  const pending: Array<State | undefined> = [start];
  while (pending.length > 0) {
    const state = pending.pop();
    if (state === undefined || seen.has(state)) continue;
    seen.add(state);
    if (state.kind === 'split') pending.push(state.out, state.other);
    else if (state.kind !== 'match') pending.push(state.out);
  }
  return seen.size;
};

/**
 * `source` as a search function (where its first match starts in a text, a UTF-16 index, or -1)
 * and a test, when it is a pattern simple enough to be matched here; else undefined (RE2's).
 */
export const simplePattern = (source: string): { search: (text: string) => number; test: (text: string) => boolean; states: number } | undefined => {
  if (!/^[\x20-\x7e]*$/.test(source)) return undefined;
  let start: State;
  try {
    start = compile(parse(source), { kind: 'match' });
  } catch (error) {
    if (error instanceof NotSimple) return undefined;
    throw error;
  }
  return { search: (text) => run(start, text, false), test: (text) => run(start, text, true) === 0, states: countStates(start) };
};
