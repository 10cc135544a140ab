// `tp lab test <lab>` on kind, as every lab is proven there: HTTP through
// <node InternalIP>:<nodePort> as courses reach apps, 3 scenarios at a time; the
// reference solution scores 100 % with nothing skipped, an empty namespace 0,
// every mutation fails exactly its checks, and every check is proven by one.
import { expect } from 'vitest';
import { checkKinds } from '../../../src/checks/index.js';
import { loadKubeconfig } from '../../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../../src/lab/load.js';
import { runLabTest } from '../../../src/labtest/run-lab-test.js';
import { formatLabTestSummary } from '../../../src/report/lab-test.js';
import { testKubeconfigPath } from '../../support/cluster.js';

export const proveLabOnKind = async (id: string, variables: Readonly<Record<string, string>> = {}): Promise<void> => {
  const lab = await loadLabFile(`labs/${id}/lab.yaml`, checkKinds);
  const kubeconfig = loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent-home' });
  const result = await runLabTest({
    lab,
    kubeconfig,
    variables: { ...Object.fromEntries(lab.variables.map((v) => [v.name, v.default])), ...variables },
    httpVia: 'nodeport',
    timeoutMs: 5000,
    lang: 'en',
    now: () => new Date(),
    // Generous: a pass returns as soon as it holds; only a real failure waits it out.
    settleTimeoutMs: 300_000,
    // Pods' network namespaces are slow to make and remove on this machine: 3 scenarios at a time.
    concurrency: 3,
  });
  expect(result.ok, formatLabTestSummary(id, result)).toBe(true);
  expect(result.skippedInSolution).toEqual([]);
  const solution = result.verdicts.find((v) => v.id === 'solution');
  expect(solution?.report.score).toBe(solution?.report.maxScore);
  expect(result.checkIds.filter((checkId) => !result.provenByMutation.includes(checkId))).toEqual([]);
};
