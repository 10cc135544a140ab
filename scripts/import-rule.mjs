#!/usr/bin/env node
// The one rule of src/: data flows one way, so a room (a folder under src/) imports
// only the rooms below it (ROOMS says which), no file imports @kubernetes/client-node
// outside src/cluster/, and no import cycle joins two files. `npm test` runs it
// (test/import-rule.test.ts); `node scripts/import-rule.mjs` prints what breaks it,
// and `--figures` the figures of issue 14 (cycles between rooms, client-node users, file sizes).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Each room and the rooms it may import, bottom first. `room:types` allows type
 * imports only: checks read the Snapshot's shape, never cluster code.
 */
export const ROOMS = {
  core: [],
  discovery: ['core'],
  i18n: ['core'],
  selector: ['core'],
  answers: ['core'],
  lab: ['core', 'discovery'],
  cluster: ['core', 'discovery'],
  checks: ['core', 'selector', 'answers', 'cluster:types', 'discovery'],
  engine: ['core', 'lab', 'answers', 'cluster', 'discovery', 'checks'],
  submission: ['core', 'lab', 'answers', 'cluster', 'discovery', 'engine'],
  grade: ['core', 'i18n', 'lab', 'cluster', 'discovery', 'engine', 'submission'],
  labtest: ['core', 'lab', 'answers', 'cluster', 'discovery', 'engine'],
  classroom: ['core', 'i18n', 'answers', 'lab', 'cluster', 'discovery', 'engine', 'grade'],
  report: ['core', 'i18n', 'engine', 'grade', 'labtest', 'classroom'],
  push: ['core', 'grade', 'report'],
  cli: ['core', 'i18n', 'selector', 'answers', 'lab', 'cluster', 'discovery', 'checks', 'engine', 'submission', 'grade', 'labtest', 'classroom', 'report', 'push'],
};

/** The only room that may talk to Kubernetes through client-node. */
export const KUBERNETES_ROOM = 'cluster';
const CLIENT_NODE = '@kubernetes/client-node';

const tsFilesUnder = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFilesUnder(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });

const isTypeOnlyImport = (node) => {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  // `import { type A, type B }` keeps nothing at run time; a default or namespace import does.
  return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
};

/** Every module a file names: static imports, re-exports and `import()` calls, each marked type-only or not. */
export const importsOf = (text, fileName) => {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyImport(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) found.push({ specifier: argument.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

/** `cluster/api-client.ts` → `cluster`. */
export const roomOf = (file) => file.split('/')[0] ?? file;

/**
 * The import graph of a source folder: files as paths relative to it (with `/`),
 * each with the files of ours it imports and the packages it names.
 */
export const readGraph = (srcDir) => {
  const root = resolve(srcDir);
  const files = tsFilesUnder(root).map((path) => relative(root, path).split(sep).join('/')).sort();
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const edges = [];
    const packages = [];
    for (const { specifier, typeOnly } of importsOf(text, file)) {
      if (!specifier.startsWith('.')) {
        packages.push(specifier);
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts');
      // JSON imports (schemas) and anything outside src/ are not rooms.
      if (known.has(target)) edges.push({ to: target, typeOnly });
    }
    graph.set(file, { lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), edges, packages });
  }
  return graph;
};

const allowed = (from, to, typeOnly, rooms) => {
  if (from === to) return true;
  const may = rooms[from];
  if (!may) return false;
  return may.includes(to) || (typeOnly && may.includes(`${to}:types`));
};

/** Strongly connected groups of more than one node (each is at least one cycle). */
export const cyclesOf = (nodes, next) => {
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const connect = (node) => {
    indexOf.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of next(node)) {
      if (!indexOf.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node), indexOf.get(to)));
    }
    if (low.get(node) === indexOf.get(node)) {
      const group = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of nodes) if (!indexOf.has(node)) connect(node);
  return groups.sort((a, b) => (a[0] < b[0] ? -1 : 1));
};

/** Which rooms import which, over every file. */
export const roomEdges = (graph) => {
  const edges = new Map();
  for (const [file, { edges: imports }] of graph) {
    const from = roomOf(file);
    for (const { to } of imports) {
      const target = roomOf(to);
      if (target === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from).add(target);
    }
  }
  return edges;
};

/** Every way the graph breaks the rule, in words a reader can act on; empty when it holds. */
export const violationsOf = (graph, rooms = ROOMS) => {
  const problems = [];
  for (const [file, { edges, packages }] of graph) {
    const from = roomOf(file);
    if (!(from in rooms)) problems.push(`src/${file}: room "${from}" is not in the rule (add it to ROOMS in scripts/import-rule.mjs)`);
    for (const { to, typeOnly } of edges) {
      const target = roomOf(to);
      if (from in rooms && !allowed(from, target, typeOnly, rooms)) {
        const why = rooms[from].includes(`${target}:types`) ? `${from}/ may import only types from ${target}/` : `${from}/ may not import ${target}/`;
        problems.push(`src/${file} imports src/${to}: ${why}`);
      }
    }
    if (packages.includes(CLIENT_NODE) && from !== KUBERNETES_ROOM) {
      problems.push(`src/${file} imports ${CLIENT_NODE}: only src/${KUBERNETES_ROOM}/ talks to Kubernetes`);
    }
  }
  for (const cycle of cyclesOf([...graph.keys()], (file) => graph.get(file).edges.map((e) => e.to))) {
    problems.push(`import cycle between files: ${cycle.map((f) => `src/${f}`).join(', ')}`);
  }
  return problems;
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The figures issue 14 measures. */
export const figuresOf = (graph) => {
  const rooms = roomEdges(graph);
  return {
    files: graph.size,
    medianLines: median([...graph.values()].map((f) => f.lines)),
    roomCycles: cyclesOf([...rooms.keys()], (room) => [...(rooms.get(room) ?? [])]),
    // Two rooms importing each other, the plainest kind of cycle.
    roomPairs: [...rooms].flatMap(([from, to]) => [...to].filter((other) => from < other && rooms.get(other)?.has(from)).map((other) => [from, other])),
    fileCycles: cyclesOf([...graph.keys()], (file) => graph.get(file).edges.map((e) => e.to)),
    clientNodeImporters: [...graph].filter(([, f]) => f.packages.includes(CLIENT_NODE)).map(([file]) => file),
  };
};

const main = () => {
  // `--src <dir>` checks another tree (the test of this rule breaks a copy of src/ on purpose).
  const at = process.argv.indexOf('--src');
  const srcDir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const graph = readGraph(srcDir);
  if (process.argv.includes('--figures')) {
    const figures = figuresOf(graph);
    console.log(`files: ${figures.files}, median length: ${figures.medianLines} lines`);
    console.log(`cycles between rooms: ${figures.roomCycles.length}${figures.roomCycles.map((c) => `\n  ${c.join(' ↔ ')}`).join('')}`);
    console.log(`rooms importing each other: ${figures.roomPairs.length}${figures.roomPairs.map((p) => `\n  ${p.join(' ↔ ')}`).join('')}`);
    console.log(`cycles between files: ${figures.fileCycles.length}${figures.fileCycles.map((c) => `\n  ${c.join(' ↔ ')}`).join('')}`);
    console.log(`files importing ${CLIENT_NODE}: ${figures.clientNodeImporters.length}${figures.clientNodeImporters.map((f) => `\n  ${f}`).join('')}`);
    const edges = roomEdges(graph);
    console.log(`room imports:${[...edges].sort().map(([from, to]) => `\n  ${from} → ${[...to].sort().join(', ')}`).join('')}`);
  }
  const problems = violationsOf(graph);
  for (const problem of problems) console.error(problem);
  console.error(problems.length === 0 ? 'import rule: OK' : `import rule: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
