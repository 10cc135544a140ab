// `tp lab lint`: every problem of every lab file under the given paths, ESLint-style.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TpError } from '../core/errors.js';
import type { FileProblem } from '../core/errors.js';
import type { KindSource } from './kinds.js';
import { parseLab } from './load.js';
import { solutionProblems } from './solution-lint.js';

// A lab's folder also holds its reference solution and app, which are YAML but not labs.
const SKIPPED_DIRS = new Set(['solution', 'app', 'node_modules']);

// In a folder, any lab.yaml is a lab; another YAML file is one when it says so (the schema
// modeline) or looks like one (a top-level `exercises:`), so manifests lying around are not linted.
const looksLikeLab = (text: string): boolean => /lab\.schema\.json/.test(text) || /^exercises:/m.test(text);

const isYaml = (name: string): boolean => /\.ya?ml$/.test(name);

const yamlFilesUnder = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.'))
      .map((e) => yamlFilesUnder(join(dir, e.name))),
  );
  const here = entries.filter((e) => e.isFile() && isYaml(e.name)).map((e) => join(dir, e.name));
  return [...here, ...nested.flat()].sort();
};

const labFilesUnder = async (dir: string): Promise<string[]> => {
  const candidates = await yamlFilesUnder(dir);
  const texts = await Promise.all(candidates.map((file) => readFile(file, 'utf8')));
  return candidates.filter((file, i) => basename(file) === 'lab.yaml' || looksLikeLab(texts[i] ?? ''));
};

const filesOf = async (path: string): Promise<string[]> => {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new TpError('USAGE', `no such file or directory: ${path}`);
  if (!info.isDirectory()) return [path];
  const files = await labFilesUnder(path);
  if (files.length === 0) throw new TpError('USAGE', `no lab files under ${path}`, 'a lab file is a lab.yaml, or YAML with the lab schema modeline');
  return files;
};

const lintFile = async (file: string, kinds: KindSource): Promise<FileProblem[]> => {
  const { problems, warnings } = parseLab(await readFile(file, 'utf8'), file, kinds);
  return [...problems, ...warnings].sort((a, b) => a.line - b.line || a.col - b.col);
};

/** Errors and warnings of every lab file under `paths` (files, or folders searched recursively), file by file, each followed by its solution's. */
export const lintPaths = async (paths: string[], kinds: KindSource): Promise<FileProblem[]> => {
  const files = [...new Set((await Promise.all(paths.map(filesOf))).flat())];
  // Two lab files in one folder share its solution/: it is linted once, after the first.
  const solutionOwners = new Map<string, string>();
  for (const file of files) if (!solutionOwners.has(dirname(file))) solutionOwners.set(dirname(file), file);
  const perFile = await Promise.all(
    files.map(async (file) => [
      ...(await lintFile(file, kinds)),
      ...(solutionOwners.get(dirname(file)) === file ? await solutionProblems(file) : []),
    ]),
  );
  return perFile.flat();
};
