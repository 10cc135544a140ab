// Reads YAML text keeping where every node was written, so that a problem found
// on the plain value (by ajv or a semantic rule) can be reported as file:line:col.
import { LineCounter, isAlias, isMap, isNode, isScalar, isSeq, parseAllDocuments, parseDocument, visit } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import type { FileProblem } from './errors.js';

/** Keys and indices from the root to a value, like ajv's `instancePath` split on `/`. */
export type JsonPath = readonly (string | number)[];

export interface LineCol {
  line: number;
  col: number;
}

export interface ParsedYaml {
  /** The document as plain data; undefined when the YAML itself is broken (see problems). */
  value: unknown;
  /** YAML errors (syntax, duplicate keys, unknown aliases) and warnings. */
  problems: FileProblem[];
  /** Where the value at `path` starts, or its nearest existing parent. */
  positionOf(path: JsonPath): LineCol;
  /** Where the key naming the last step of `path` is written (for an unknown property). */
  keyPositionOf(path: JsonPath): LineCol;
}

const START: LineCol = { line: 1, col: 1 };

/** `/exercises/0/checks` → ['exercises', '0', 'checks'] (RFC 6901 escapes undone). */
export const pathFromPointer = (pointer: string): string[] =>
  pointer === '' ? [] : pointer.slice(1).split('/').map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));

interface Step {
  value: unknown;
  key?: unknown;
}

// One step down the node tree; aliases are followed so `*anchor` values have positions too.
const stepInto = (doc: Document, node: unknown, step: string | number): Step | undefined => {
  const target = isAlias(node) ? node.resolve(doc) : node;
  if (isSeq(target)) {
    const index = typeof step === 'number' ? step : /^\d+$/.test(step) ? Number(step) : -1;
    const item: unknown = target.items[index];
    return item === undefined ? undefined : { value: item };
  }
  if (isMap(target)) {
    // The last pair wins, as in the plain value the YAML library builds.
    for (let i = target.items.length - 1; i >= 0; i--) {
      const pair = target.items[i];
      const key: unknown = pair?.key;
      const name = isScalar(key) ? String(key.value) : key;
      if (pair && name === String(step)) return { value: pair.value, key };
    }
  }
  return undefined;
};

// An empty value (`points:` with nothing after) has an empty range: the key is the better place.
const rangeStart = (node: unknown): number | undefined => {
  const range = isNode(node) ? node.range : undefined;
  return range && range[1] > range[0] ? range[0] : undefined;
};

const positionAt = (lines: LineCounter, offset: number | undefined): LineCol | undefined =>
  offset === undefined ? undefined : lines.linePos(offset);

// The YAML library says "Map keys must be unique" at the second key; name that key.
const keyAt = (doc: Document, offset: number): string | undefined => {
  let name: string | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) name = String(pair.key.value);
    },
  });
  return name;
};

const problemOf = (doc: Document, file: string, lines: LineCounter, error: YAMLError, severity: FileProblem['severity']): FileProblem => {
  const { line, col } = lines.linePos(error.pos[0]);
  const duplicate = error.code === 'DUPLICATE_KEY' ? keyAt(doc, error.pos[0]) : undefined;
  const message = duplicate === undefined ? error.message : `duplicate key "${duplicate}"`;
  return { file, line, col, message, severity };
};

// The YAML library reports an alias without its anchor only when building the value; this finds them with a position.
const unknownAliases = (doc: Document, file: string, lines: LineCounter): FileProblem[] => {
  const problems: FileProblem[] = [];
  visit(doc, {
    Alias(_key, alias) {
      if (alias.resolve(doc) !== undefined) return;
      const { line, col } = lines.linePos(alias.range?.[0] ?? 0);
      problems.push({ file, line, col, message: `unknown alias *${alias.source} (an anchor &${alias.source} must come before it)`, severity: 'error' });
    },
  });
  return problems;
};

// A list or a mapping used as a key (`? [a, b]: c`) has no plain-data form: the YAML library would
// stringify it with a process warning on stderr. Said here as a problem at its place instead.
const collectionKeys = (doc: Document, file: string, lines: LineCounter): FileProblem[] => {
  const problems: FileProblem[] = [];
  visit(doc, {
    Pair(_key, pair) {
      const key: unknown = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      if (!isMap(key) && !isSeq(key)) return;
      const { line, col } = lines.linePos(isNode(pair.key) ? (pair.key.range?.[0] ?? 0) : 0);
      problems.push({ file, line, col, message: 'a key must be a plain value, not a list or a mapping', severity: 'error' });
    },
  });
  return problems;
};

// One document of a file, read with the file's line counter, so positions are the file's.
const readDocument = (doc: Document, file: string, lines: LineCounter): ParsedYaml => {
  const problems = [
    ...doc.errors.map((e) => problemOf(doc, file, lines, e, 'error')),
    ...unknownAliases(doc, file, lines),
    ...collectionKeys(doc, file, lines),
    ...doc.warnings.map((w) => problemOf(doc, file, lines, w, 'warning')),
  ];

  let value: unknown;
  if (!problems.some((p) => p.severity === 'error')) {
    try {
      value = doc.toJS();
    } catch (error) {
      // e.g. too many aliases (a "billion laughs" document): report, never crash.
      problems.push({ file, line: 1, col: 1, message: error instanceof Error ? error.message : String(error), severity: 'error' });
    }
  }

  const walk = (path: JsonPath): { at: LineCol; keyAt: LineCol } => {
    let node: unknown = doc.contents;
    let at = positionAt(lines, rangeStart(node)) ?? START;
    let keyAt = at;
    for (const step of path) {
      const next = stepInto(doc, node, step);
      if (!next) return { at, keyAt: at };
      keyAt = positionAt(lines, rangeStart(next.key)) ?? at;
      at = positionAt(lines, rangeStart(next.value)) ?? keyAt;
      node = next.value;
    }
    return { at, keyAt };
  };

  return {
    value,
    problems,
    positionOf: (path) => walk(path).at,
    keyPositionOf: (path) => walk(path).keyAt,
  };
};

// logLevel error: the library's own console warnings (a key stringified) must not reach the user's terminal.
const OPTIONS = { prettyErrors: false, uniqueKeys: true, logLevel: 'error' } as const;

// Editors hide a byte-order mark; counting it would shift every column of line 1.
const withoutBom = (text: string): string => text.replace(/^\uFEFF/, '');

export const parseYaml = (text: string, file: string): ParsedYaml => {
  const lines = new LineCounter();
  return readDocument(parseDocument(withoutBom(text), { ...OPTIONS, lineCounter: lines }), file, lines);
};

/** Every document of a multi-document file (`---` between them, as kubectl reads manifests), positions in the file. */
export const parseYamlDocuments = (text: string, file: string): ParsedYaml[] => {
  const lines = new LineCounter();
  const docs = parseAllDocuments(withoutBom(text), { ...OPTIONS, lineCounter: lines });
  // An empty stream holds no document but may still carry errors (a stray `...`).
  if ('empty' in docs) {
    const problems = docs.errors.map((error): FileProblem => ({ file, ...lines.linePos(error.pos[0]), message: error.message, severity: 'error' }));
    return problems.length === 0 ? [] : [{ value: undefined, problems, positionOf: () => START, keyPositionOf: () => START }];
  }
  return docs.map((doc) => readDocument(doc, file, lines));
};
