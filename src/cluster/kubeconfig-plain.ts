// The kubeconfig as kubectl, kind, minikube and the clouds' tools write it, read without the
// YAML library: block mappings and lists, one scalar a line, plain or quoted without escapes.
// Loading the library and parsing with positions is ~4% of a `tp check` (issue 22); it is
// still what reads anything else (anchors, flow collections, block scalars, escapes, numbers,
// a key twice…) and every kubeconfig with a problem, to say it as file:line:col
// (kubeconfig-shape.ts). So this reader either gives the value the library would give, or
// gives up: it never decides what a kubeconfig means on its own.

/** A line with something on it: its indentation (spaces) and its text without them. */
interface Line {
  indent: number;
  text: string;
}

/** Nesting deeper than this is no kubeconfig: left to the library (which reports it). */
const MAX_DEPTH = 32;

// Control characters, the byte-order mark (only at the start, removed by the caller),
// characters YAML does not allow, and anything beyond the Basic Multilingual Plane.
const UNREAD_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ud800-\udfff\ufeff\ufffe\uffff]/;
// A key as kubeconfigs write them: `certificate-authority-data`, `current-context`, `apiVersion`.
const KEY = /^([A-Za-z_][\w./-]*):(?: +(.*))?$/;
// Plain scalars the YAML 1.2 core schema (the library's) reads as null or a boolean: kubeconfigs
// have them (`env: null`, `insecure-skip-tls-verify: true`).
const NULL = /^(?:~|null|Null|NULL)$/;
const BOOLEAN = /^(?:true|True|TRUE|false|False|FALSE)$/;
// Plain scalars it reads as a number, or might: the library's to read.
const NUMBER = /^(?:[-+]?\.?[0-9].*|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN))$/;

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

/** A scalar's text (after `key: ` or `- `) as the value the YAML library reads, or give up. */
const scalar = (text: string): unknown => {
  const first = text[0];
  if (first === '"' || first === "'") {
    // On one line, without escapes (`\"`), then nothing but a comment.
    const quoted = first === "'" ? /^'((?:[^']|'')*)'(?: +#.*| *)$/.exec(text) : /^"([^"\\]*)"(?: +#.*| *)$/.exec(text);
    if (quoted === null) return giveUp();
    return first === "'" ? (quoted[1] as string).replace(/''/g, "'") : quoted[1];
  }
  // A comment starts at ` #`; the spaces before it go with trimEnd. (Not `/ +#/`: searched for at
  // every space of a long run, it takes time quadratic in the run, and kubeconfigs are students'.)
  const comment = text.indexOf(' #');
  const plain = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  if (plain === '{}') return {};
  if (plain === '[]') return [];
  // Indicators (flow collections, anchors, aliases, tags, block scalars, directives), a
  // `- `, `? ` or `: ` where the scalar starts or goes on, a trailing `:`: the library's.
  if (plain === '' || /^[[\]{},&*!|>%@`#?:]/.test(plain) || /^-(?: |$)/.test(plain) || plain.includes(': ') || plain.endsWith(':')) return giveUp();
  if (NULL.test(plain)) return null;
  if (BOOLEAN.test(plain)) return plain[0] === 't' || plain[0] === 'T';
  if (NUMBER.test(plain)) return giveUp();
  return plain;
};

/** Reads the block that starts at `lines[at]` with indentation `indent`; returns it and the index after it. */
const block = (lines: readonly Line[], at: number, indent: number, depth: number): [unknown, number] => {
  if (depth > MAX_DEPTH) return giveUp();
  const line = lines[at] as Line;
  if (line.text === '-' || line.text.startsWith('- ')) return sequence(lines, at, indent, depth);
  return mapping(lines, at, indent, line.text, depth);
};

/**
 * The value of a key or an item written on lines of its own after it: a block more indented, a
 * list at the key's own indentation (`clusters:` then `- cluster:`), or nothing (null).
 */
const nested = (lines: readonly Line[], at: number, indent: number, listAtSameIndent: boolean, depth: number): [unknown, number] => {
  const next = lines[at];
  if (next === undefined || next.indent < indent) return [null, at];
  if (next.indent > indent) {
    // A scalar alone on the next lines (a value folded onto them) is the library's to read.
    if (next.text !== '-' && !next.text.startsWith('- ') && !KEY.test(next.text)) return giveUp();
    return block(lines, at, next.indent, depth + 1);
  }
  if (listAtSameIndent && (next.text === '-' || next.text.startsWith('- '))) return sequence(lines, at, indent, depth + 1);
  return [null, at];
};

/** A mapping at `indent`; its first line's text is `first` (it may follow a `- ` on the line). */
const mapping = (lines: readonly Line[], at: number, indent: number, first: string, depth: number): [Record<string, unknown>, number] => {
  const value: Record<string, unknown> = {};
  let index = at;
  let text = first;
  for (;;) {
    const entry = KEY.exec(text);
    if (entry === null) return giveUp();
    const key = entry[1] as string;
    // A key twice is an error the library reports with its place; `__proto__` is no kubeconfig key.
    if (Object.hasOwn(value, key) || key === '__proto__' || NULL.test(key) || BOOLEAN.test(key)) return giveUp();
    const rest = entry[2] ?? '';
    if (rest === '' || rest.startsWith('#')) {
      const [child, after] = nested(lines, index + 1, indent, true, depth);
      value[key] = child;
      index = after;
    } else {
      value[key] = scalar(rest);
      index += 1;
      if ((lines[index]?.indent ?? -1) > indent) return giveUp();
    }
    const next = lines[index];
    if (next === undefined || next.indent < indent) return [value, index];
    if (next.indent > indent || next.text === '-' || next.text.startsWith('- ')) {
      // A list at the mapping's indentation ends it only when the mapping is an item of that list.
      if (next.indent === indent) return [value, index];
      return giveUp();
    }
    text = next.text;
  }
};

/** A list at `indent`: lines `- item`. */
const sequence = (lines: readonly Line[], at: number, indent: number, depth: number): [unknown[], number] => {
  const items: unknown[] = [];
  let index = at;
  for (;;) {
    const line = lines[index];
    if (line === undefined || line.indent < indent) return [items, index];
    if (line.indent > indent) return giveUp();
    // A key at the list's indentation: the list was its mapping's value (`clusters:` then `- …`).
    if (!(line.text === '-' || line.text.startsWith('- '))) return [items, index];
    const content = line.text.slice(1).trimStart();
    if (content === '' || content.startsWith('#')) {
      const [child, after] = nested(lines, index + 1, indent, false, depth);
      items.push(child);
      index = after;
    } else if (KEY.test(content)) {
      // `- name: x`: a mapping whose keys stand where `name` does.
      const column = indent + (line.text.length - content.length);
      const [child, after] = mapping(lines, index, column, content, depth + 1);
      items.push(child);
      index = after;
    } else {
      if (content === '-' || content.startsWith('- ')) return giveUp();
      items.push(scalar(content));
      index += 1;
      if ((lines[index]?.indent ?? -1) > indent) return giveUp();
    }
  }
};

/**
 * The value of a kubeconfig's text as the YAML library reads it, or undefined when the text
 * is more than this reader reads: then the library must.
 */
export const plainKubeconfig = (file: string): Record<string, unknown> | undefined => {
  // Editors hide a byte-order mark; the library skips it too.
  const text = file.replace(/^\uFEFF/, '');
  if (UNREAD_CHARACTERS.test(text.replace(/\r\n/g, '\n'))) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const trimmed = raw.trimEnd();
    const body = trimmed.trimStart();
    // Comments alone on their line and blank lines say nothing; document markers and
    // directives (`---`, `...`, `%YAML`) are the library's.
    if (body === '' || body.startsWith('#')) continue;
    if (trimmed.startsWith('---') || trimmed.startsWith('...') || trimmed.startsWith('%')) return undefined;
    lines.push({ indent: trimmed.length - body.length, text: body });
  }
  const first = lines[0];
  if (first === undefined || first.indent !== 0 || first.text.startsWith('-')) return undefined;
  try {
    const [value, after] = mapping(lines, 0, 0, first.text, 0);
    return after === lines.length ? value : undefined;
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
};
