// `tp lab lint` on a lab's reference solution (solution/*.yaml beside the lab file):
// every manifest `tp lab test` would refuse to write — a cluster-scoped or unknown
// kind, a `metadata.namespace`, a pod the Pod Security baseline refuses — said at its
// file:line:col, before anyone runs the test.
// A custom resource is a warning: only the cluster can say it serves it, namespaced.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileProblem } from '../core/errors.js';
import { isPlainObject } from '../core/json-shape.js';
import { manifestRefusal } from '../discovery/writable-kinds.js';
import { podSecurityRefusals } from '../core/pod-security.js';
import { shortened } from '../core/quote.js';
import { parseYamlDocuments, type ParsedYaml } from '../core/yaml-positions.js';

/** A solution file bigger than this is refused unread: lab folders may come from a third party. */
export const SOLUTION_FILE_MAX_BYTES = 1024 * 1024;

const isYaml = (name: string): boolean => /\.ya?ml$/.test(name);

const problemAt = (file: string, at: { line: number; col: number }, message: string): FileProblem => ({
  file, line: at.line, col: at.col, message: shortened(message, 240), severity: 'error',
});

const documentProblems = (file: string, document: ParsedYaml): FileProblem[] => {
  if (document.problems.some((p) => p.severity === 'error')) return document.problems;
  const { value } = document;
  // An empty document (a trailing `---`) holds nothing to write.
  if (value === null || value === undefined) return document.problems;
  if (!isPlainObject(value)) return [...document.problems, problemAt(file, document.positionOf([]), 'a solution document must be one Kubernetes object (a mapping with apiVersion, kind and metadata)')];
  const refusal = manifestRefusal(value);
  const kindProblems = refusal === undefined ? [] : [{ ...problemAt(file, refusal.field === 'kind' ? document.positionOf(['kind']) : document.keyPositionOf(['metadata', 'namespace']), refusal.message), severity: refusal.severity }];
  if (refusal?.severity === 'error') return [...document.problems, ...kindProblems];
  // A pod the Pod Security baseline refuses (privileged, hostPath…): each field at its place.
  const pods = podSecurityRefusals(value).map((found) => problemAt(file, found.at === 'key' ? document.keyPositionOf(found.path) : document.positionOf(found.path), found.message));
  return [...document.problems, ...kindProblems, ...pods];
};

// A symlink may point anywhere on the machine, a FIFO would block: only plain files, of a bounded size, are read.
const unreadable = async (file: string): Promise<FileProblem | undefined> => {
  const info = await lstat(file);
  if (!info.isFile()) return problemAt(file, { line: 1, col: 1 }, 'a solution file must be a regular file (not a symlink, a folder or a device)');
  if (info.size > SOLUTION_FILE_MAX_BYTES) return problemAt(file, { line: 1, col: 1 }, `a solution file is read up to ${SOLUTION_FILE_MAX_BYTES} bytes; this one has ${info.size}`);
  return undefined;
};

const fileProblems = async (file: string): Promise<FileProblem[]> => {
  const refused = await unreadable(file);
  if (refused) return [refused];
  return isYaml(file) ? parseYamlDocuments(await readFile(file, 'utf8'), file).flatMap((document) => documentProblems(file, document)) : [];
};

/** The problems of the solution of the lab in `labFile`; none when the lab has no solution folder. */
export const solutionProblems = async (labFile: string): Promise<FileProblem[]> => {
  const directory = join(dirname(labFile), 'solution');
  const names = await readdir(directory).catch(() => undefined);
  if (!names) return [];
  // The manifests, and the answers file `tp lab test` reads beside them (answers_<lab>).
  const read = names.filter((name) => isYaml(name) || name.startsWith('answers_')).sort();
  const perFile = await Promise.all(read.map((name) => fileProblems(join(directory, name))));
  return perFile.flat();
};
