// `tp lab test` of one CKAD lab on the kind tier, as test/kind/labs.test.ts proves
// the course's labs: real pulls, real traffic, NetworkPolicies enforced (tp-netpol).
// What every proof asserts: the solution scores 100 % with nothing skipped, the
// empty namespace 0, each mutation fails exactly its checks, and every scored
// check is failed by some mutation.
import { expect } from 'vitest';
import { checkKinds } from '../../../src/checks/index.js';
import { loadKubeconfig } from '../../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../../src/lab/load.js';
import type { Lab } from '../../../src/lab/types.js';
import { runLabTest } from '../../../src/labtest/run-lab-test.js';
import { formatLabTestSummary } from '../../../src/report/lab-test.js';
import { testKubeconfigPath } from '../../support/cluster.js';

export const loadCkadLab = (id: string): Promise<Lab> => loadLabFile(`labs/${id}/lab.yaml`, checkKinds);

export const proveCkadLab = async (id: string): Promise<void> => {
  const lab = await loadCkadLab(id);
  const kubeconfig = loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent-home' });
  const variables = Object.fromEntries(lab.variables.map((v) => [v.name, v.default]));
  const result = await runLabTest({
    lab,
    kubeconfig,
    variables,
    // As the exercises reach a NodePort: <node InternalIP>:<nodePort>.
    httpVia: 'nodeport',
    timeoutMs: 5000,
    lang: 'en',
    now: () => new Date(),
    // A pass returns as soon as it holds; only a real failure waits it out.
    settleTimeoutMs: 300_000,
    concurrency: 3,
  });
  expect(result.ok, formatLabTestSummary(id, result)).toBe(true);
  expect(result.skippedInSolution).toEqual([]);
  const solution = result.verdicts.find((v) => v.id === 'solution');
  expect(solution?.report.score).toBe(solution?.report.maxScore);
  expect(result.checkIds.filter((checkId) => !result.provenByMutation.includes(checkId))).toEqual([]);
};
