// `tp lab test ckad-pod-design` on kind, where pods really pull their images and run:
// the reference solution (its Deployment history in steps, nginx:1.91 never rolling out)
// scores 100 % with nothing skipped, an empty namespace 0, every mutation fails exactly its
// checks, every exercise undone earns 0, and every check is proven by a mutation.
import { describe, expect, test } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { runLabTest } from '../../src/labtest/run-lab-test.js';
import { formatLabTestSummary } from '../../src/report/lab-test.js';
import { testKubeconfigPath } from '../support/cluster.js';

describe('the CKAD pod design lab proves itself on real pods', () => {
  test('tp lab test ckad-pod-design --http-via nodeport', async () => {
    const lab = await loadLabFile('labs/ckad-pod-design/lab.yaml', checkKinds);
    const kubeconfig = loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent-home' });
    // `node` defaults to tp-worker, a worker of the kind tier (nodename-pod is bound to it).
    const variables = Object.fromEntries(lab.variables.map((v) => [v.name, v.default]));
    const result = await runLabTest({
      lab,
      kubeconfig,
      variables,
      httpVia: 'nodeport',
      timeoutMs: 5000,
      lang: 'en',
      now: () => new Date(),
      // A pass returns as soon as it holds (a CronJob's first run comes within a minute).
      settleTimeoutMs: 300_000,
      // Four at a time: a scenario mostly waits (30 s Jobs, a CronJob's minute, rollouts).
      concurrency: 4,
      onScenario: (verdict, done, total) => process.stderr.write(`[ckad-pod-design] ${done}/${total} ${verdict.id}: ${verdict.ok ? 'ok' : `NOT OK notFailed=${verdict.notFailed.join(',')} unexpected=${verdict.unexpected.join(',')}`}\n`),
    });
    expect(result.ok, formatLabTestSummary('ckad-pod-design', result)).toBe(true);
    expect(result.skippedInSolution).toEqual([]);
    const solution = result.verdicts.find((v) => v.id === 'solution');
    expect(solution?.report.score).toBe(solution?.report.maxScore);
    expect(result.checkIds.filter((checkId) => !result.provenByMutation.includes(checkId))).toEqual([]);
  }, 2_700_000);
});
