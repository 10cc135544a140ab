// settle: a scenario is looked at again until its verdict holds; an API server
// that misses a deadline while pods start costs a retry, not the lab proof.
import { describe, expect, test } from 'vitest';
import { ClusterError } from '../../src/core/errors.js';
import { settle } from '../../src/labtest/scenario.js';
import type { Report } from '../../src/engine/types.js';

const reportWith = (status: 'pass' | 'fail'): Report =>
  ({
    lab: 'l',
    target: { context: 'c', namespace: 'n', answers: 'a' },
    score: 0,
    maxScore: 0,
    exercises: [{ id: 'e', title: 'e', score: 0, maxScore: 0, passed: false,
      checks: [{ id: 'deployment-available', status, points: 1, earned: 0, message: '', hint: '' }] }],
  }) as unknown as Report;

const solution = { id: 'solution', mustFail: new Set<string>() };
const noWait = async () => {};
const slowApi = () => new ClusterError('CLUSTER_UNREACHABLE', 'kind-tp', 'no answer from https://127.0.0.1:6443 within 5 s');

describe('settle', () => {
  test('a check the cluster did not answer in time is tried again: the verdict comes from the next answer', async () => {
    const answers: Array<Report | ClusterError> = [slowApi(), reportWith('fail'), slowApi(), reportWith('pass')];
    let calls = 0;
    const verdict = await settle(solution, async () => {
      const next = answers[calls++];
      if (next instanceof ClusterError) throw next;
      return next as Report;
    }, 60_000, noWait);
    expect(verdict.ok).toBe(true);
    expect(calls).toBe(4);
  });

  test('a cluster that never answers: its error is thrown once the settle time is over', async () => {
    let calls = 0;
    const run = settle(solution, async () => {
      calls++;
      throw slowApi();
    }, 30, (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 10))));
    await expect(run).rejects.toThrow(/no answer from/);
    expect(calls).toBeGreaterThan(1);
  });

  test('a refusal (403) is not waited out: it is thrown at once', async () => {
    let calls = 0;
    const run = settle(solution, async () => {
      calls++;
      throw new ClusterError('CLUSTER_FORBIDDEN', 'kind-tp', 'pods is forbidden');
    }, 60_000, noWait);
    await expect(run).rejects.toThrow(/forbidden/);
    expect(calls).toBe(1);
  });
});
