// The kubeconfig as kubectl reads it, in the file's own (kebab-case) words, and
// kubectl's rules for merging several files (client-go's ClientConfigLoadingRules):
// the first file that names a context, cluster or user wins it, the first file
// that sets current-context wins it, relative file paths are resolved against the
// file that wrote them, missing files and repeated paths are ignored.
import { delimiter as platformDelimiter, dirname, isAbsolute, join } from 'node:path';
import { isPlainObject } from '../core/json-shape.js';

export type Fields = Record<string, unknown>;

export interface Named {
  name: string;
  /** `cluster`, `context` or `user`: the entry's fields as written. */
  fields: Fields;
}

export interface KubeconfigModel {
  clusters: Named[];
  contexts: Named[];
  users: Named[];
  currentContext?: string;
}

const BODY = { clusters: 'cluster', contexts: 'context', users: 'user' } as const;
type ListName = keyof typeof BODY;

/** Fields that name a file, resolved against the kubeconfig's folder as kubectl does. */
const FILE_FIELDS: Record<ListName, readonly string[]> = {
  clusters: ['certificate-authority'],
  contexts: [],
  users: ['client-certificate', 'client-key', 'token-file', 'tokenFile'],
};

const resolvePath = (folder: string, file: unknown): unknown =>
  typeof file === 'string' && file !== '' && !isAbsolute(file) ? join(folder, file) : file;

const withAbsolutePaths = (list: ListName, fields: Fields, folder: string): Fields => {
  const resolved: Fields = { ...fields };
  for (const field of FILE_FIELDS[list]) if (field in resolved) resolved[field] = resolvePath(folder, resolved[field]);
  const exec = resolved['exec'];
  // client-go resolves an exec command only when it is a path ("./bin/auth"), never a name looked up on PATH.
  if (list === 'users' && isPlainObject(exec) && typeof exec['command'] === 'string' && /[\\/]/.test(exec['command'])) {
    resolved['exec'] = { ...exec, command: resolvePath(folder, exec['command']) };
  }
  return resolved;
};

/** The model of one parsed file (its shape already checked by kubeconfig-shape.ts). */
export const modelOf = (value: unknown, file: string): KubeconfigModel => {
  const root = isPlainObject(value) ? value : {};
  const folder = dirname(file);
  const list = (name: ListName): Named[] => {
    const entries = root[name];
    if (!Array.isArray(entries)) return [];
    return entries.filter(isPlainObject).map((entry) => ({
      name: String(entry['name']),
      fields: withAbsolutePaths(name, isPlainObject(entry[BODY[name]]) ? (entry[BODY[name]] as Fields) : {}, folder),
    }));
  };
  const current = root['current-context'];
  return {
    clusters: list('clusters'),
    contexts: list('contexts'),
    users: list('users'),
    ...(typeof current === 'string' && current !== '' ? { currentContext: current } : {}),
  };
};

const firstWins = (lists: Named[][]): Named[] => {
  const byName = new Map<string, Named>();
  for (const entry of lists.flat()) if (!byName.has(entry.name)) byName.set(entry.name, entry);
  return [...byName.values()];
};

/** Several files into one, as kubectl merges $KUBECONFIG. */
export const mergeModels = (models: KubeconfigModel[]): KubeconfigModel => {
  const currentContext = models.find((model) => model.currentContext !== undefined)?.currentContext;
  return {
    clusters: firstWins(models.map((m) => m.clusters)),
    contexts: firstWins(models.map((m) => m.contexts)),
    users: firstWins(models.map((m) => m.users)),
    ...(currentContext !== undefined ? { currentContext } : {}),
  };
};

/** `$KUBECONFIG` split as kubectl splits it: on the platform's delimiter, empty parts and repeats dropped. */
export const kubeconfigList = (value: string | undefined, delimiter: string = platformDelimiter): string[] => [
  ...new Set((value ?? '').split(delimiter).filter((part) => part.trim() !== '')),
];

export const entry = (list: Named[], name: string | undefined): Named | undefined =>
  name === undefined ? undefined : list.find((item) => item.name === name);

export const text = (fields: Fields | undefined, field: string): string | undefined => {
  const value = fields?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
};
