// `tp lab test` of the CKAD configuration labs on kind, where pods really start:
// ckad-configuration (ConfigMaps, securityContext, resources, Secrets,
// ServiceAccounts), ckad-limitrange and ckad-quota (a LimitRange and a
// ResourceQuota, each in a namespace of its own). Each reference solution scores
// 100 % with nothing skipped, an empty namespace 0, every mutation fails exactly
// its checks (a container that cannot be made because the key it reads is missing
// only fails on real nodes), and every check is proven by one.
import { describe, expect, test } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { runLabTest } from '../../src/labtest/run-lab-test.js';
import { formatLabTestSummary } from '../../src/report/lab-test.js';
import { testKubeconfigPath } from '../support/cluster.js';

const LABS = ['ckad-configuration', 'ckad-limitrange', 'ckad-quota'];

describe('the CKAD configuration labs prove themselves on real pods', () => {
  test.each(LABS)('tp lab test %s', async (id) => {
    const lab = await loadLabFile(`labs/${id}/lab.yaml`, checkKinds);
    const kubeconfig = loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent-home' });
    const result = await runLabTest({
      lab,
      kubeconfig,
      variables: {},
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
  }, 1_200_000);
});
