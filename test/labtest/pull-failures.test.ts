// What a mutation must fail when its checks depend on a failing image pull:
// the scenario is looked at again after each check, as the pods' state moves.
import { describe, expect, test } from 'vitest';
import { mustFailWith } from '../../src/labtest/pull-failures.js';
import { settle, type Scenario } from '../../src/labtest/scenario.js';
import type { Report } from '../../src/engine/types.js';

const reportWith = (statuses: Record<string, 'pass' | 'fail'>): Report =>
  ({
    lab: 'l',
    target: { context: 'c', namespace: 'n', answers: 'a' },
    score: 0,
    maxScore: 0,
    exercises: [{ id: 'e', title: 'e', score: 0, maxScore: 0, passed: false,
      checks: Object.entries(statuses).map(([id, status]) => ({ id, status, points: 1, earned: 0, message: '', hint: '' })) }],
  }) as unknown as Report;

const mutation = { fails: ['regsec-type'], failsWhenPullFails: ['deployment-available'] };

describe('failsWhenPullFails', () => {
  test('adds its checks only while a pull is failing', () => {
    expect([...mustFailWith(false, mutation)]).toEqual(['regsec-type']);
    expect([...mustFailWith(true, mutation)]).toEqual(['regsec-type', 'deployment-available']);
  });

  test('pods stuck on their pull: the rollout check must fail, and does', async () => {
    const scenario = async (): Promise<Scenario> => ({ id: 'm', mustFail: mustFailWith(true, mutation) });
    const verdict = await settle(scenario, async () => reportWith({ 'regsec-type': 'fail', 'deployment-available': 'fail' }), 0);
    expect(verdict.ok).toBe(true);
    expect(verdict.proven).toEqual(['regsec-type', 'deployment-available']);
  });

  test('images already on the nodes: the pods run, so the rollout check must pass', async () => {
    const scenario = async (): Promise<Scenario> => ({ id: 'm', mustFail: mustFailWith(false, mutation) });
    const failing = await settle(scenario, async () => reportWith({ 'regsec-type': 'fail', 'deployment-available': 'fail' }), 0);
    expect(failing.ok).toBe(false);
    expect(failing.unexpected).toEqual(['deployment-available']);
  });

  test('the scenario is asked again after every check until the verdict holds', async () => {
    const pulls = [false, false, true];
    let asked = 0;
    const scenario = async (): Promise<Scenario> => ({ id: 'm', mustFail: mustFailWith(pulls[Math.min(asked++, 2)] ?? true, mutation) });
    const verdict = await settle(scenario, async () => reportWith({ 'regsec-type': 'fail', 'deployment-available': 'fail' }), 10_000, async () => {});
    expect(verdict.ok).toBe(true);
    expect(asked).toBe(3);
  });
});
