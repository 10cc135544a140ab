// `tp lab test` of one lab on the kind tier (the course's labs, test/kind/labs.test.ts,
// and the CKAD ones): real pulls, real traffic, NetworkPolicies enforced (tp-netpol).
// What every proof asserts: the solution scores 100 % with nothing skipped, the
// empty namespace 0, each mutation fails exactly its checks, and every scored
// check is failed by some mutation.
import { expect } from 'vitest';
import { checkKinds } from '../../../src/checks/index.js';
import { loadKubeconfig } from '../../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../../src/lab/load.js';
import type { Lab } from '../../../src/lab/types.js';
import { runLabTest, type LabTestResult } from '../../../src/labtest/run-lab-test.js';
import { formatLabTestSummary } from '../../../src/report/lab-test.js';
import { testKubeconfigPath } from '../../support/cluster.js';
import { printUnsettled } from './unsettled-diagnosis.js';

export const loadLab = (id: string): Promise<Lab> => loadLabFile(`labs/${id}/lab.yaml`, checkKinds);

export interface ProofOptions {
  /** Values for some of the lab's variables (the others keep their defaults). */
  variables?: Record<string, string>;
  /** How long a scenario may take to settle: a pass returns as soon as it holds. */
  settleTimeoutMs?: number;
  /** Each request's time limit. */
  timeoutMs?: number;
}

/** Proves the lab and returns its result for a test's own further assertions. */
export const proveLabOnKind = async (id: string, options: ProofOptions = {}): Promise<LabTestResult> => {
  const lab = await loadLab(id);
  const kubeconfig = loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent-home' });
  const variables = { ...Object.fromEntries(lab.variables.map((v) => [v.name, v.default])), ...options.variables };
  const result = await runLabTest({
    lab,
    kubeconfig,
    variables,
    // As the course and the exercises reach a NodePort: <node InternalIP>:<nodePort>.
    httpVia: 'nodeport',
    timeoutMs: options.timeoutMs ?? 5000,
    lang: 'en',
    now: () => new Date(),
    // Only a real failure waits it out.
    settleTimeoutMs: options.settleTimeoutMs ?? 300_000,
    // Pods' network namespaces are slow to make and remove on this machine: 3 scenarios at a time.
    concurrency: 3,
    // Each scenario as it ends: a proof of many minutes says where it stands.
    // A scenario that failed: its pods and log files while they still exist.
    onUnsettled: (verdict, namespace) => printUnsettled(id, verdict.id, namespace),
    onScenario: (verdict, done, total) => process.stderr.write(`${id} [${done}/${total}] ${verdict.ok ? 'ok' : 'NOT OK'} ${verdict.id}${verdict.ok ? '' : `: should fail ${verdict.notFailed.join(', ') || '-'}; should pass ${verdict.unexpected.join(', ') || '-'}`}\n`),
  });
  expect(result.ok, formatLabTestSummary(id, result)).toBe(true);
  expect(result.skippedInSolution).toEqual([]);
  const solution = result.verdicts.find((v) => v.id === 'solution');
  expect(solution?.report.score).toBe(solution?.report.maxScore);
  expect(result.checkIds.filter((checkId) => !result.provenByMutation.includes(checkId))).toEqual([]);
  return result;
};
