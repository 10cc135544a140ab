// A kubeconfig is checked before tp uses it: a broken one would otherwise fail
// deep inside ("elt.cluster.server.replace is not a function", a number read
// as a file descriptor). Here the problems are said as file:line:col, the way
// kubectl users can fix them.
import type { FileProblem } from '../core/errors.js';
import { isPlainObject } from '../core/json-shape.js';
import { parseYaml, type JsonPath } from '../core/yaml-positions.js';
import { toFileProblem, type LocatedProblem } from '../core/located-problem.js';
import { plainKubeconfig } from './kubeconfig-plain.js';


/** Each list of a kubeconfig: the key of an entry's body, its required fields, and the fields that name files or hold text. */
const LISTS = {
  clusters: { body: 'cluster', required: ['server'], text: ['server', 'certificate-authority', 'certificate-authority-data', 'tls-server-name', 'proxy-url'] },
  contexts: { body: 'context', required: ['cluster'], text: ['cluster', 'user', 'namespace'] },
  users: {
    body: 'user',
    required: [],
    text: ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'token-file', 'username', 'password'],
  },
} as const;

type ListName = keyof typeof LISTS;

const entryProblems = (list: ListName, entry: unknown, index: number): LocatedProblem[] => {
  const { body, required, text } = LISTS[list];
  const at = (...path: (string | number)[]): JsonPath => [list, index, ...path];
  if (!isPlainObject(entry)) return [{ path: at(), message: `${list}[${index}]: expected a mapping with name and ${body}` }];
  const problems: LocatedProblem[] = [];
  const name = entry['name'];
  if (typeof name !== 'string' || name === '') {
    problems.push({ path: at('name'), message: `${list}[${index}].name: expected a name (in quotes if it looks like a number)` });
  }
  const fields = entry[body];
  if (fields === undefined && required.length === 0) return problems;
  if (!isPlainObject(fields)) return [...problems, { path: at(body), message: `${list}[${index}].${body}: expected a mapping` }];
  for (const field of required) {
    if (fields[field] === undefined || fields[field] === '') problems.push({ path: at(body), message: `${list}[${index}].${body}.${field} is missing` });
  }
  for (const field of text) {
    const value = fields[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      problems.push({ path: at(body, field), message: `${list}[${index}].${body}.${field}: expected a string` });
    }
  }
  // Without a scheme and a host, the URL tp builds would name some other host ("https://" + "/api" is host "api").
  const server = fields['server'];
  if (list === 'clusters' && typeof server === 'string' && server !== '' && !/^https?:\/\/[^/?#]/i.test(server)) {
    problems.push({ path: at(body, 'server'), message: `${list}[${index}].${body}.server: expected a URL like https://<host>:<port>, not "${server}"` });
  }
  return problems;
};

const shapeProblems = (value: unknown): LocatedProblem[] => {
  if (value === null || value === undefined) {
    return [{ path: [], message: 'the file is empty: a kubeconfig lists clusters, contexts and users (see `kubectl config view`)' }];
  }
  if (!isPlainObject(value)) return [{ path: [], message: 'not a kubeconfig: expected a mapping with clusters, contexts and users' }];
  const problems: LocatedProblem[] = [];
  for (const list of Object.keys(LISTS) as ListName[]) {
    const entries = value[list];
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries)) problems.push({ path: [list], message: `${list}: expected a list` });
    else entries.forEach((entry, index) => problems.push(...entryProblems(list, entry, index)));
  }
  const current = value['current-context'];
  if (current !== undefined && current !== null && typeof current !== 'string') {
    problems.push({ path: ['current-context'], message: 'current-context: expected the name of a context (in quotes if it looks like a number)' });
  }
  return problems;
};

/** A kubeconfig's text parsed, with its problems each at its place; no problems means tp can read it. */
export const parseKubeconfig = (text: string, file: string): { value: unknown; problems: FileProblem[] } => {
  // Most kubeconfigs are read without the YAML library (kubeconfig-plain.ts). One that reader
  // leaves, or one with a problem, is read with it, so that each problem is said at its place.
  const plain = plainKubeconfig(text);
  if (plain !== undefined && shapeProblems(plain).length === 0) return { value: plain, problems: [] };
  const yaml = parseYaml(text, file);
  const errors = yaml.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) return { value: yaml.value, problems: errors };
  const problems = shapeProblems(yaml.value)
    .map((problem) => toFileProblem(file, yaml, problem))
    .sort((a, b) => a.line - b.line || a.col - b.col);
  return { value: yaml.value, problems };
};

/** The problems of a kubeconfig's text, each at its place; none means tp can read it. */
export const kubeconfigProblems = (text: string, file: string): FileProblem[] => parseKubeconfig(text, file).problems;
