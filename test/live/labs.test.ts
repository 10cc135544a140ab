// `tp lab test` for the course labs on the real cluster: each reference solution
// scores full marks, an empty namespace scores nothing, every mutation fails
// exactly the checks it names, and every check that can be evaluated here is
// proven by a mutation (HTTP checks are skipped on simulated nodes), and each
// exercise undone on the reference solution scores 0 while the others keep
// full marks ("an exercise not started earns 0").
import { describe, expect, test } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { runLabTest } from '../../src/labtest/run-lab-test.js';
import { dependentsOf } from '../../src/labtest/undo-exercise.js';
import type { Lab } from '../../src/lab/types.js';
import { testKubeconfigPath } from '../support/cluster.js';
import { formatLabTestSummary } from '../../src/report/lab-test.js';

const dependsOn = (lab: Lab, id: string, on: string): boolean => dependentsOf(lab, on).has(id);

// ckad-configuration is proven on kind only (test/kind/ckad-configuration.test.ts): its mutations
// break a container that reads a missing key, which simulated nodes run anyway.
const LABS = (process.env.TP_LABS ?? 'tp4,pods,services,deployments,bootcamp,ckad-limitrange,ckad-quota').split(',');

describe('the course labs prove themselves', () => {
  test.each(LABS)('tp lab test %s', async (id) => {
    const lab = await loadLabFile(`labs/${id}/lab.yaml`, checkKinds);
    const kubeconfig = loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent-home' });
    const result = await runLabTest({
      lab,
      kubeconfig,
      variables: Object.fromEntries(lab.variables.map((v) => [v.name, v.default])),
      // On simulated nodes HTTP checks are skipped, not failed (they are proven on real pods by
      // test/kind/labs.test.ts). Through the proxy only: other test files run stand-ins on
      // 127.0.0.1:<nodePort>, and a node port freed by one of their Services may be given to a
      // scenario here while the stand-in still listens (seen once: http-hello answered in the
      // solution, so "no mutation makes it fail").
      httpVia: 'proxy',
      timeoutMs: 10_000,
      lang: 'en',
      now: () => new Date(),
      settleTimeoutMs: 90_000,
      concurrency: 4,
    });
    // The summary says which scenario went wrong and why, if one did.
    expect(result.ok, formatLabTestSummary(id, result)).toBe(true);
    const nonHttp = lab.exercises.flatMap((e) => e.checks).filter((c) => c.kind !== 'http' && c.kind !== 'manual').map((c) => c.id);
    expect(nonHttp.filter((checkId) => !result.provenByMutation.includes(checkId))).toEqual([]);
    const undone = lab.exercises.filter((e) => e.checks.some((c) => c.kind !== 'manual')).map((e) => `undone:${e.id}`);
    expect(result.verdicts.map((v) => v.id)).toEqual(['solution', 'empty', ...lab.mutations.map((m) => m.id), ...undone]);
    // Undone, an exercise earns nothing; the exercises that do not build on it keep every point they can earn here.
    for (const exercise of lab.exercises.filter((e) => undone.includes(`undone:${e.id}`))) {
      const report = result.verdicts.find((v) => v.id === `undone:${exercise.id}`)?.report;
      const scores = Object.fromEntries((report?.exercises ?? []).map((e) => [e.id, e.score]));
      expect(scores[exercise.id], `undone:${exercise.id}`).toBe(0);
      const solution = result.verdicts[0]?.report.exercises ?? [];
      const independent = solution.filter((e) => e.id !== exercise.id && !dependsOn(lab, e.id, exercise.id));
      for (const other of independent) expect(scores[other.id], `undone:${exercise.id} / ${other.id}`).toBe(other.score);
    }
  }, 600_000);
});
