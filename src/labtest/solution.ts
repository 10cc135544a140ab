// The reference solution of a lab (labs/<id>/solution/): its manifests and its
// answers, with variables and kubeconfig facts filled in, and mutations applied.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Lab, Mutation } from '../lab/types.js';
import type { KubeconfigFacts } from '../cluster/types.js';
import { interpolate } from '../engine/variables.js';
import { TpError } from '../core/errors.js';
import { deepMerge } from './merge.js';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [field: string]: unknown;
}

export interface Solution {
  manifests: Manifest[];
  /** The answers file text, `${fact:…}` placeholders still in. */
  answersTemplate: string;
}

const solutionDir = (lab: Lab) => join(dirname(lab.file), 'solution');

export const loadSolution = async (lab: Lab, variables: Readonly<Record<string, string>>): Promise<Solution> => {
  const directory = solutionDir(lab);
  let files: string[];
  try {
    files = (await readdir(directory)).sort();
  } catch {
    throw new TpError('LAB_NOT_FOUND', `lab ${lab.id} has no reference solution (${directory})`);
  }
  const manifests: Manifest[] = [];
  for (const file of files.filter((f) => /\.ya?ml$/.test(f))) {
    for (const document of parseAllDocuments(await readFile(join(directory, file), 'utf8'))) {
      if (document.errors.length > 0) throw new TpError('LAB_INVALID', `${join(directory, file)}: ${document.errors[0]?.message}`);
      const object = document.toJS() as Manifest | null;
      if (object) manifests.push(interpolate(object, variables));
    }
  }
  const answersFile = files.find((f) => f.startsWith('answers_'));
  const answersTemplate = answersFile ? await readFile(join(directory, answersFile), 'utf8') : '{}';
  return { manifests, answersTemplate };
};

const FACT_NAMES: Record<string, keyof KubeconfigFacts> = { contexts: 'contexts', serverHost: 'serverHost', server: 'server', namespace: 'namespace', context: 'context' };

/** Fills `${fact:contexts}`-style placeholders, then applies the mutation's answers. */
export const solutionAnswers = (template: string, facts: KubeconfigFacts, overrides: Readonly<Record<string, string>> = {}): string => {
  const filled = template.replace(/\$\{fact:([a-zA-Z]+)\}/g, (whole, name: string) => {
    const key = FACT_NAMES[name];
    return key ? String(facts[key]) : whole;
  });
  const answers = JSON.parse(filled) as Record<string, string>;
  return `${JSON.stringify({ ...answers, ...overrides }, null, 2)}\n`;
};

const refOf = (manifest: Manifest) => `${manifest.kind}/${manifest.metadata.name}`;

/** The manifests a mutation leaves: some deleted, some patched, some added. */
export const mutateManifests = (manifests: Manifest[], mutation: Mutation, variables: Readonly<Record<string, string>>): Manifest[] => {
  const known = new Set(manifests.map(refOf));
  for (const target of [...(mutation.delete ?? []), ...(mutation.patch ?? []).map((p) => p.target)]) {
    if (!known.has(target)) throw new TpError('LAB_INVALID', `mutation ${mutation.id}: the solution has no ${target} (it has ${[...known].join(', ')})`);
  }
  const deleted = new Set(mutation.delete ?? []);
  const patched = manifests
    .filter((m) => !deleted.has(refOf(m)))
    .map((m) => (mutation.patch ?? []).filter((p) => p.target === refOf(m)).reduce<Manifest>((object, p) => deepMerge(object, interpolate(p.merge, variables)) as Manifest, m));
  return [...patched, ...((mutation.apply ?? []) as Manifest[]).map((m) => interpolate(m, variables))];
};
