// The reference solution of a lab (labs/<id>/solution/): its manifests, as steps
// applied one after the other, and its answers with kubeconfig facts filled in.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Lab } from '../lab/types.js';
import { TpError } from '../core/errors.js';
import { fillVariables } from '../engine/variables.js';
import type { KubeconfigFacts } from '../core/kubeconfig-facts.js';
import type { Manifest } from '../cluster/types.js';
import { NAMESPACE_PLACEHOLDER } from '../core/namespace-variable.js';
import { stepWaitOf, type StepWait } from './step-wait.js';

/**
 * One solution file. Files are applied in name order (`01-create.yaml`,
 * `02-update.yaml`…), because some states are only reached through a history:
 * a rolled-back Deployment keeps ReplicaSets and revisions of every version.
 */
export interface SolutionStep {
  file: string;
  manifests: Manifest[];
  /** What the next step waits for (default: every rollout done); see step-wait.ts. */
  wait?: StepWait;
}

export interface Solution {
  steps: SolutionStep[];
  /** The answers file text, `${fact:…}` placeholders still in. */
  answersTemplate: string;
}

const solutionDir = (lab: Lab) => join(dirname(lab.file), 'solution');

const readStep = async (directory: string, file: string, variables: Readonly<Record<string, string>>): Promise<SolutionStep> => {
  const manifests: Manifest[] = [];
  for (const document of parseAllDocuments(await readFile(join(directory, file), 'utf8'))) {
    if (document.errors.length > 0) throw new TpError('LAB_INVALID', `${join(directory, file)}: ${document.errors[0]?.message}`);
    const object = document.toJS() as Manifest | null;
    if (object) manifests.push(fillVariables(object, variables));
  }
  const waited = stepWaitOf(manifests);
  return { file, manifests: waited.manifests, ...(waited.wait === 'observed' && { wait: waited.wait }) };
};

export const loadSolution = async (lab: Lab, variables: Readonly<Record<string, string>>): Promise<Solution> => {
  const directory = solutionDir(lab);
  let files: string[];
  try {
    files = (await readdir(directory)).sort();
  } catch {
    throw new TpError('LAB_NOT_FOUND', `lab ${lab.id} has no reference solution (${directory})`);
  }
  const steps: SolutionStep[] = [];
  for (const file of files.filter((f) => /\.ya?ml$/.test(f))) steps.push(await readStep(directory, file, variables));
  const answersFile = files.find((f) => f.startsWith('answers_'));
  const answersTemplate = answersFile ? await readFile(join(directory, answersFile), 'utf8') : '{}';
  return { steps, answersTemplate };
};

const FACT_NAMES: Record<string, keyof KubeconfigFacts> = { contexts: 'contexts', serverHost: 'serverHost', server: 'server', namespace: 'namespace', context: 'context' };

/**
 * Fills `${fact:contexts}`-style placeholders (a fact not given stays as written) and `${namespace}`
 * (the namespace the scenario is checked in, when given), then applies the mutation's answers,
 * where `${namespace}` is filled too.
 */
export const solutionAnswers = (template: string, facts: Readonly<Partial<KubeconfigFacts>>, overrides: Readonly<Record<string, string>> = {}, namespace?: string): string => {
  const filled = template.replace(/\$\{fact:([a-zA-Z]+)\}/g, (whole, name: string) => {
    const key = FACT_NAMES[name];
    const value = key === undefined ? undefined : facts[key];
    return value === undefined ? whole : String(value);
  });
  const answers = JSON.parse(filled) as Record<string, string>;
  const inNamespace = (value: string) => (namespace === undefined ? value : value.replaceAll(NAMESPACE_PLACEHOLDER, namespace));
  const all = Object.entries({ ...answers, ...overrides }).map(([key, value]) => [key, typeof value === 'string' ? inNamespace(value) : value]);
  return `${JSON.stringify(Object.fromEntries(all), null, 2)}\n`;
};
