// `tp lab test` for all five labs on kind, where pods really pull their images
// (the TP4 app from the private registry, the other labs' public images from
// the stand-in mirror) and really serve HTTP: each reference solution scores
// 100 % with nothing skipped, an empty namespace 0, every mutation fails
// exactly its checks, and every check, HTTP included, is proven by one.
import { describe, expect, test } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { runLabTest } from '../../src/labtest/run-lab-test.js';
import { formatLabTestSummary } from '../../src/report/lab-test.js';
import { testKubeconfigPath } from '../support/cluster.js';
import { kindRegistry } from './support/kind.js';

const LABS = ['tp4', 'pods', 'services', 'deployments', 'bootcamp'];

describe('every lab proves itself on real pods', () => {
  test.each(LABS)('tp lab test %s --http-via nodeport', async (id) => {
    const lab = await loadLabFile(`labs/${id}/lab.yaml`, checkKinds);
    const kubeconfig = loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent-home' });
    const variables = Object.fromEntries(lab.variables.map((v) => [v.name, v.default]));
    if ('registry' in variables) variables.registry = kindRegistry().server;
    const result = await runLabTest({
      lab,
      kubeconfig,
      variables,
      // As the course reaches the app: <node InternalIP>:<nodePort>.
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
