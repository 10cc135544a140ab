// The TP4 reference solution as test data: the manifests a student ends with,
// and a matching answers file for a given kubeconfig.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { KubernetesObject } from '@kubernetes/client-node';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import type { KubeconfigFacts } from '../../src/cluster/types.js';

export const TEST_REGISTRY = 'registry.example.org';

export const tp4Manifests = (): KubernetesObject[] =>
  parseAllDocuments(readFileSync('labs/tp4/solution/manifests.yaml', 'utf8').replaceAll('${registry}', TEST_REGISTRY))
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => object !== null);

/** The right answers for these kubeconfig facts, as a student would write them. */
export const tp4AnswersFor = (facts: Pick<KubeconfigFacts, 'contexts' | 'serverHost' | 'namespace'>, overrides: Record<string, string> = {}): Record<string, string> => ({
  Answer1: String(facts.contexts),
  Answer2: facts.serverHost,
  Answer3: facts.namespace,
  Answer4: 'country=fr',
  Answer5: 'version=1.1,country=fr',
  Answer6: '!version',
  Answer7: '!node-role.kubernetes.io/control-plane',
  Answer8: 'ReplicaSet',
  ...overrides,
});

/** The right answers for the kubeconfig `file`. */
export const tp4Answers = (file: string, overrides: Record<string, string> = {}): Record<string, string> =>
  tp4AnswersFor(loadKubeconfig({ kubeconfig: file, env: {}, homeDir: '/nonexistent-home' }).facts, overrides);

export const answersFileText = (answers: Record<string, string>): string =>
  `{\n${Object.entries(answers).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}\n`;
