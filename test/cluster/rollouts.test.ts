// Between two solution steps: when is a Deployment's rollout done, and how long is it waited for.
import { describe, expect, test } from 'vitest';
import type { V1Deployment } from '@kubernetes/client-node';
import { changeObserved, rolloutDone, waitForRollouts } from '../../src/cluster/rollouts.js';

const deployment = (generation: number, status: V1Deployment['status'], replicas = 3): V1Deployment => ({
  metadata: { name: 'vote-deploy', generation },
  spec: { replicas, selector: {}, template: {} },
  status,
});
const DONE = { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3 };

describe('rolloutDone', () => {
  test.each([
    ['every replica updated and available', deployment(2, DONE), true],
    ['the change not yet seen by the controller', deployment(3, DONE), false],
    ['new pods still coming', deployment(2, { ...DONE, updatedReplicas: 2 }), false],
    ['an old pod still there', deployment(2, { ...DONE, replicas: 4 }), false],
    ['a new pod not yet available', deployment(2, { ...DONE, availableReplicas: 2 }), false],
    ['no status at all', deployment(1, undefined), false],
    ['scaled to 0, nothing left', deployment(2, { observedGeneration: 2 }, 0), true],
  ])('%s', (_, object, done) => {
    expect(rolloutDone(object)).toBe(done);
  });
});

describe('waitForRollouts', () => {
  test('polls until every Deployment is done', async () => {
    const states = [[deployment(2, { ...DONE, updatedReplicas: 1 })], [deployment(2, DONE), deployment(2, { ...DONE, replicas: 4 })], [deployment(2, DONE)]];
    let calls = 0;
    const sleeps: number[] = [];
    const done = await waitForRollouts(async () => states[Math.min(calls++, states.length - 1)] ?? [], { timeoutMs: 60_000, sleep: async (ms) => void sleeps.push(ms) });
    expect(done).toBe(true);
    expect(calls).toBe(3);
    expect(sleeps).toEqual([500, 500]);
  });

  test('a namespace without Deployments has nothing to wait for', async () => {
    expect(await waitForRollouts(async () => [], { timeoutMs: 0, sleep: async () => undefined })).toBe(true);
  });

  test('gives up when the time is up, without failing: the checks judge the final state', async () => {
    let calls = 0;
    const stuck = async () => (calls++, [deployment(2, { ...DONE, availableReplicas: 0 })]);
    expect(await waitForRollouts(stuck, { timeoutMs: 0, sleep: async () => undefined })).toBe(false);
    expect(calls).toBe(1);
  });
});

describe('changeObserved', () => {
  test('the controller has seen the latest change: its observedGeneration caught up, ready pods or not', () => {
    expect(changeObserved({ metadata: { generation: 4 }, status: { observedGeneration: 4, updatedReplicas: 1, availableReplicas: 2 } })).toBe(true);
    expect(changeObserved({ metadata: { generation: 5 }, status: { observedGeneration: 4, updatedReplicas: 2, availableReplicas: 2 } })).toBe(false);
  });
});
