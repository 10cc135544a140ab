// The TP4 reference solution as test data: the manifests a student ends with,
// and a matching answers file for a given kubeconfig.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { KubernetesObject } from '@kubernetes/client-node';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { solutionAnswers } from '../../src/labtest/solution.js';
import type { KubeconfigFacts } from '../../src/core/kubeconfig-facts.js';

export const TEST_REGISTRY = 'registry.example.org';

export const tp4Manifests = (): KubernetesObject[] =>
  parseAllDocuments(readFileSync('labs/tp4/solution/manifests.yaml', 'utf8').replaceAll('${registry}', TEST_REGISTRY))
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => object !== null);

/** The right answers for these kubeconfig facts: the reference solution's answers file, filled in. */
export const tp4AnswersFor = (facts: Pick<KubeconfigFacts, 'contexts' | 'serverHost' | 'namespace'>, overrides: Record<string, string> = {}): Record<string, string> =>
  JSON.parse(solutionAnswers(readFileSync('labs/tp4/solution/answers_tp4', 'utf8'), facts, overrides)) as Record<string, string>;

/** The right answers for the kubeconfig `file`. */
export const tp4Answers = (file: string, overrides: Record<string, string> = {}): Record<string, string> =>
  tp4AnswersFor(loadKubeconfig({ kubeconfig: file, env: {}, homeDir: '/nonexistent-home' }).facts, overrides);

export const answersFileText = (answers: Record<string, string>): string =>
  `{\n${Object.entries(answers).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}\n`;
