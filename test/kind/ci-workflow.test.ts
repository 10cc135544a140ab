// Every step of examples/ci/github-actions.yml, run against the kind cluster
// by scripts/kind/run-ci-workflow.mjs: the example users copy works.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { testKubeconfigPath } from '../support/cluster.js';

describe('the CI example on kind', () => {
  it('runs every step: lint, tp lab test 4, the solution applied, tp check 4 --format junit, the report', async () => {
    const run = await execa('node', ['scripts/kind/run-ci-workflow.mjs'], {
      env: { TP_KIND_KUBECONFIG: testKubeconfigPath() },
      reject: false,
      all: true,
      // Below the test's own timeout, so that a stuck step shows its output here.
      timeout: 1_100_000,
    });
    expect(run.exitCode, run.all).toBe(0);
    expect(run.all).toContain('lab tp4: OK');
    expect(run.all).toMatch(/junit report: \d+ tests, 0 failures, 0 errors/);
    expect(run.all).toContain('[ci-workflow] every step passed');
  }, 1_200_000);
});
