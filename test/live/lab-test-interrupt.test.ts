// Ctrl-C during `tp lab test`: every scratch namespace it made is deleted,
// those in use when it was interrupted included, and the run ends as interrupted.
import { CoreV1Api } from '@kubernetes/client-node';
import { expect, it } from 'vitest';
import { runLabTest } from '../../src/labtest/run-lab-test.js';
import { makeKubeConfig, waitFor } from '../support/cluster.js';
import { tp4LabTestBase } from '../support/tp4-lab-test.js';
import { LAB_TEST_LABEL } from '../../src/cluster/scratch-namespaces.js';
import { TpError } from '../../src/core/errors.js';

it('deletes its scratch namespaces when interrupted', async () => {
  const core = makeKubeConfig().makeApiClient(CoreV1Api);
  const interrupt = new AbortController();
  const made = new Set<string>();
  let runPrefix = '';
  const run = runLabTest({
    ...(await tp4LabTestBase()),
    settleTimeoutMs: 30_000,
    concurrency: 2,
    signal: interrupt.signal,
    // Ctrl-C as soon as the first scenario is judged: others are in flight.
    onScenario: (verdict) => {
      // tp-test-tp4-<run>-<scenario>: other runs on this cluster have another <run>.
      runPrefix = /^(tp-test-tp4-[0-9a-f]+-)/.exec(verdict.report.target.namespace)?.[1] ?? '';
      interrupt.abort();
    },
  });
  // Note the namespaces of this run while it goes (they carry the lab label).
  const spy = setInterval(() => {
    void core.listNamespace({ labelSelector: `${LAB_TEST_LABEL}=tp4` }).then(({ items }) => {
      for (const ns of items) if (!ns.metadata?.deletionTimestamp) made.add(ns.metadata?.name ?? '');
    });
  }, 100);
  // Said as an interrupt (exit 2), never as a verdict on the lab nor as an internal error,
  // whatever the scenarios still running met once their namespaces went.
  const error: unknown = await run.then(() => undefined, (e: unknown) => e);
  clearInterval(spy);
  expect(error).toBeInstanceOf(TpError);
  expect((error as TpError).code).toBe('INTERRUPTED');
  expect((error as TpError).message).toMatch(/^interrupted after 1 of \d+ scenarios: the scratch namespaces of this run are deleted$/);
  expect(runPrefix).not.toBe('');
  for (const name of made) if (!name.startsWith(runPrefix)) made.delete(name);
  expect(made.size).toBeGreaterThan(0);
  // Deleted: gone, or Terminating on their way out.
  await waitFor(async () => {
    const { items } = await core.listNamespace({ labelSelector: `${LAB_TEST_LABEL}=tp4` });
    return items.filter((ns) => made.has(ns.metadata?.name ?? '') && !ns.metadata?.deletionTimestamp).length === 0;
  }, 10_000, 'the scratch namespaces to be deleted');
}, 120_000);
