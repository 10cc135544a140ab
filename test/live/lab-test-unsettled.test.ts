// A scenario of `tp lab test` that does not settle is handed to onUnsettled while
// its namespace still stands (what the kind proofs print to diagnose a random
// failure from the CI log); a scenario that settles is not.
import { CoreV1Api } from '@kubernetes/client-node';
import { expect, it } from 'vitest';
import { runLabTest } from '../../src/labtest/run-lab-test.js';
import { makeKubeConfig } from '../support/cluster.js';
import { tp4LabTestBase } from '../support/tp4-lab-test.js';

it('hands a scenario that did not settle to onUnsettled before its namespace goes', async () => {
  const core = makeKubeConfig().makeApiClient(CoreV1Api);
  const base = await tp4LabTestBase();
  // One mutation says it fails a check it does not touch: it can never settle.
  const mutations = base.lab.mutations.map((m) => (m.id === 'wrong-server-host' ? { ...m, fails: ['answer1-context-count'] } : m));
  const seen: Array<{ scenario: string; unexpected: string[]; namespaceLive: boolean }> = [];
  const result = await runLabTest({
    ...base,
    lab: { ...base.lab, mutations },
    // Long enough for the scenario that settles to settle on a loaded machine (its Deployment
    // becomes available): the other waits it all out.
    settleTimeoutMs: 45_000,
    concurrency: 2,
    only: ['wrong-server-host', 'wrong-context-count'],
    onUnsettled: async (verdict, namespace) => {
      const read = await core.readNamespace({ name: namespace });
      seen.push({ scenario: verdict.id, unexpected: verdict.unexpected, namespaceLive: read.metadata?.deletionTimestamp === undefined });
    },
  });
  expect(result.ok).toBe(false);
  expect(seen).toEqual([{ scenario: 'wrong-server-host', unexpected: ['answer2-server-host'], namespaceLive: true }]);
  expect(result.verdicts.find((v) => v.id === 'wrong-context-count')?.ok).toBe(true);
}, 120_000);
