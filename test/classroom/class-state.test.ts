// What the live class remembers and shows: a fresh result gives the history
// records of what changed (nothing when nothing did), a restart's replay
// carries the timers on, and the class's figures say who is stuck where,
// why most students fail right now, and how long an exercise takes to pass.
import { expect, it } from 'vitest';
import { makeClassState } from '../../src/classroom/class-state.js';
import { aggregateOf, classProgress, rowOf, timesToPass } from '../../src/classroom/class-view.js';
import type { HistoryRecord } from '../../src/classroom/types.js';
import type { CheckStatus } from '../../src/core/check-status.js';
import type { Report } from '../../src/engine/types.js';
import type { LabOutline, StudentResult } from '../../src/grade/types.js';

const OUTLINE: LabOutline = {
  id: 'tp4',
  title: 'TP4',
  maxScore: 4,
  exercises: [
    { id: 'labels', title: 'Labels', maxScore: 2, checks: [{ id: 'cm1', title: 'cm1 labelled', points: 1 }, { id: 'cm2', title: 'cm2 labelled', points: 1 }] },
    { id: 'deploy', title: 'Deploy', maxScore: 2, checks: [{ id: 'rollout', title: 'rolled out', points: 2 }, { id: 'applied', title: 'applied', points: 0 }] },
  ],
};
const STUDENTS = [{ index: 0, id: 'alice' }, { index: 1, id: 'bob' }, { index: 2, id: 'carol' }];
const MIN = 60_000;
const T0 = Date.parse('2026-12-04T09:00:00Z');

type Checks = Record<string, CheckStatus | [CheckStatus, string]>;

/** A graded result where each check is as given (missing: failing as `resource.missing`). */
const graded = (id: string, checks: Checks = {}): StudentResult => {
  const exercises = OUTLINE.exercises.map((exercise) => {
    const results = exercise.checks.map((check) => {
      const given = checks[check.id] ?? 'fail';
      const [status, messageId] = Array.isArray(given) ? given : [given, given === 'pass' ? 'resource.ok' : 'resource.missing'];
      return { id: check.id, title: check.title, status, points: check.points, earned: status === 'pass' ? check.points : 0, message: `${check.title}: ${messageId} (${id})`, messageId };
    });
    const score = results.reduce((sum, c) => sum + c.earned, 0);
    return { id: exercise.id, title: exercise.title, score, maxScore: exercise.maxScore, passed: results.filter((c) => c.points > 0).every((c) => c.status === 'pass'), checks: results };
  });
  const report: Report = { lab: 'tp4', lang: 'en', target: { context: 'kind', namespace: id, answers: 'a' }, score: exercises.reduce((s, e) => s + e.score, 0), maxScore: 4, exercises, warnings: [] };
  return { student: { index: STUDENTS.findIndex((s) => s.id === id), id }, status: 'graded', report };
};
const failed = (id: string, reason: string): StudentResult => ({ student: { index: STUDENTS.findIndex((s) => s.id === id), id }, status: 'error', reason });
const describeRecord = (r: HistoryRecord) =>
  'check' in r ? `${r.check} ${r.before}→${r.after}` : 'exercise' in r ? `[${r.exercise}] ${r.before}→${r.after}` : `${r.before}→${r.after}`;

it('records everything at first sight, then only what changed, and nothing for the same result again', () => {
  const state = makeClassState(OUTLINE, STUDENTS, T0);
  const first = state.update(0, graded('alice'), T0 + MIN);
  expect(first.map(describeRecord)).toEqual(['null→graded', 'cm1 null→fail', 'cm2 null→fail', '[labels] null→fail', 'rollout null→fail', 'applied null→fail', '[deploy] null→fail']);
  expect(state.update(0, graded('alice'), T0 + 2 * MIN)).toEqual([]);
  const next = state.update(0, graded('alice', { cm1: 'pass', cm2: ['fail', 'resource.label-mismatch'] }), T0 + 3 * MIN);
  expect(next.map(describeRecord)).toEqual(['cm1 fail→pass', 'cm2 fail→fail']);
  expect(next[1]).toMatchObject({ why: 'resource.label-mismatch', t: new Date(T0 + 3 * MIN).toISOString(), student: 'alice' });
  expect(rowOf(state.track(0)!, OUTLINE)).toMatchObject({ id: 'alice', status: 'graded', score: 1, cells: ['pass', 'fail', 'fail', 'fail'], exercises: ['fail', 'fail'] });
});

it("keeps a student's checks as last graded while their cluster is gone, and records the status alone", () => {
  const state = makeClassState(OUTLINE, STUDENTS, T0);
  state.update(1, graded('bob', { cm1: 'pass' }), T0);
  expect(state.update(1, failed('bob', 'cannot reach https://127.0.0.1:1 (ECONNREFUSED)'), T0 + MIN).map(describeRecord)).toEqual(['graded→error']);
  expect(rowOf(state.track(1)!, OUTLINE)).toMatchObject({ status: 'error', reason: 'cannot reach https://127.0.0.1:1 (ECONNREFUSED)', cells: ['pass', 'fail', 'fail', 'fail'] });
  expect(state.update(1, graded('bob', { cm1: 'pass', cm2: 'pass' }), T0 + 2 * MIN).map(describeRecord)).toEqual(['error→graded', 'cm2 fail→pass', '[labels] fail→pass']);
});

it('says who is stuck: on a check of an exercise begun, or with no change at all, past the time set', () => {
  const state = makeClassState(OUTLINE, STUDENTS, T0);
  // Alice begins the labels exercise at minute 1 (cm1 passes) and stays on cm2; bob does nothing; carol finishes.
  state.update(0, graded('alice'), T0);
  state.update(1, graded('bob'), T0);
  state.update(2, graded('carol'), T0);
  state.update(0, graded('alice', { cm1: 'pass' }), T0 + MIN);
  state.update(2, graded('carol', { cm1: 'pass', cm2: 'pass', rollout: 'pass', applied: 'pass' }), T0 + 2 * MIN);

  const at = (minutes: number) => aggregateOf(state, T0 + minutes * MIN, 10 * MIN);
  expect(at(9).stuck.map((s) => s.id)).toEqual([]);
  // cm2 has failed since the start, but alice began on it at minute 1: stuck at minute 11, bob (idle since 0) at 10.
  expect(at(10).stuck.map((s) => `${s.id} ${s.kind}`)).toEqual(['bob idle']);
  const later = at(11).stuck;
  expect(later.map((s) => `${s.id} ${s.kind} ${s.check?.id ?? ''}`)).toEqual(['bob idle ', 'alice check cm2']);
  expect(later[1]?.since).toBe(T0 + MIN);
  expect(later[1]?.check?.message).toBe('cm2 labelled: resource.missing (alice)');
});

it('groups the failures of the exercises under way by reason, most students first, and leaves out what nobody began', () => {
  const state = makeClassState(OUTLINE, STUDENTS, T0);
  state.update(0, graded('alice', { cm1: 'pass', cm2: ['fail', 'resource.label-mismatch'] }), T0);
  state.update(1, graded('bob', { cm1: 'pass', cm2: ['fail', 'resource.label-mismatch'], rollout: ['fail', 'rollout.image-pull'], applied: 'pass' }), T0);
  state.update(2, graded('carol'), T0);
  const { reasons, exercises } = aggregateOf(state, T0, 10 * MIN);
  expect(reasons.map((r) => `${r.students} ${r.messageId}`)).toEqual(['2 resource.label-mismatch', '1 rollout.image-pull']);
  expect(reasons[0]).toMatchObject({ sample: 'cm2 labelled: resource.label-mismatch (alice)', checks: ['cm2 labelled'] });
  expect(exercises.map((e) => `${e.id} ${e.passed}/${e.graded}`)).toEqual(['labels 0/3', 'deploy 0/3']);
});

it('times each exercise from the previous one passed (or first sight), and counts passes per minute', () => {
  const state = makeClassState(OUTLINE, STUDENTS, T0);
  state.update(0, graded('alice'), T0 + MIN);
  state.update(0, graded('alice', { cm1: 'pass', cm2: 'pass' }), T0 + 4 * MIN);
  state.update(0, graded('alice', { cm1: 'pass', cm2: 'pass', rollout: 'pass' }), T0 + 10 * MIN);
  // Bob had labels done before tp saw him: no time for it, deploy timed from first sight.
  state.update(1, graded('bob', { cm1: 'pass', cm2: 'pass' }), T0 + 2 * MIN);
  state.update(1, graded('bob', { cm1: 'pass', cm2: 'pass', rollout: 'pass' }), T0 + 6 * MIN);
  expect(Object.fromEntries(timesToPass(state.track(0)!))).toEqual({ labels: 3 * MIN, deploy: 6 * MIN });
  expect(Object.fromEntries(timesToPass(state.track(1)!))).toEqual({ deploy: 4 * MIN });
  const progress = classProgress(state, T0 + 11 * MIN);
  expect(progress.passesPerMinute).toEqual([0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1]);
  expect(progress.exercises).toEqual([{ id: 'labels', timed: 1, medianMs: 3 * MIN }, { id: 'deploy', timed: 2, medianMs: 5 * MIN }]);
});

it('carries on after a restart from the records of the history: no record for what did not change, timers kept', () => {
  const before = makeClassState(OUTLINE, STUDENTS, T0);
  const records = [
    ...before.update(0, graded('alice'), T0),
    ...before.update(0, graded('alice', { cm1: 'pass' }), T0 + MIN),
  ];
  const after = makeClassState(OUTLINE, STUDENTS, T0);
  for (const record of records) after.replay(record);
  expect(after.update(0, graded('alice', { cm1: 'pass' }), T0 + 5 * MIN).filter((r) => 'check' in r || 'exercise' in r)).toEqual([]);
  expect(aggregateOf(after, T0 + 11 * MIN, 10 * MIN).stuck.map((s) => `${s.id} ${s.check?.id}`)).toEqual(['alice cm2']);
  expect(after.update(0, graded('alice', { cm1: 'pass', cm2: 'pass' }), T0 + 12 * MIN).map(describeRecord)).toEqual(['cm2 fail→pass', '[labels] fail→pass']);
  expect(Object.fromEntries(timesToPass(after.track(0)!))).toEqual({ labels: 12 * MIN });
});
