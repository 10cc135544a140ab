// `tp lab test` for the course labs on the real cluster: each reference solution
// scores full marks, an empty namespace scores nothing, every mutation fails
// exactly the checks it names, and every check that can be evaluated here is
// proven by a mutation (HTTP checks are skipped on simulated nodes).
import { describe, expect, test } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { runLabTest } from '../../src/labtest/run-lab-test.js';
import { testKubeconfigPath } from '../support/cluster.js';
import { formatLabTestSummary } from '../../src/report/lab-test.js';

const LABS = ['pods', 'services', 'deployments', 'bootcamp'];

describe('the course labs prove themselves', () => {
  test.each(LABS)('tp lab test %s', async (id) => {
    const lab = await loadLabFile(`labs/${id}/lab.yaml`, checkKinds);
    const kubeconfig = loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent-home' });
    const result = await runLabTest({
      lab,
      kubeconfig,
      variables: Object.fromEntries(lab.variables.map((v) => [v.name, v.default])),
      // As the CLI does by default: on simulated nodes HTTP checks are then skipped, not failed.
      httpVia: 'auto',
      timeoutMs: 2000,
      lang: 'en',
      now: () => new Date(),
      settleTimeoutMs: 90_000,
      concurrency: 4,
    });
    // The summary says which scenario went wrong and why, if one did.
    expect(result.ok, formatLabTestSummary(id, result)).toBe(true);
    const nonHttp = lab.exercises.flatMap((e) => e.checks).filter((c) => c.kind !== 'http' && c.kind !== 'manual').map((c) => c.id);
    expect(nonHttp.filter((checkId) => !result.provenByMutation.includes(checkId))).toEqual([]);
    expect(result.verdicts.map((v) => v.id)).toEqual(['solution', 'empty', ...lab.mutations.map((m) => m.id)]);
  }, 300_000);
});
