// Hints that climb: the level a student sees, run after run, and what a hostile
// state file can (not) do.
import { describe, expect, it } from 'vitest';
import { climbHints, EMPTY_HINT_STATE, hintsUsed, parseHintState, serialiseHintState } from '../../src/answers/hint-state.js';

const counts = new Map([['cm1-labels', 3], ['answer4-country-fr', 2], ['single', 1]]);
const failing = (...ids: string[]) => new Map(ids.map((id) => [id, counts.get(id) ?? 1]));

describe('climbHints', () => {
  it('shows the first hint, then the next each time the same check fails again, up to the last', () => {
    let state = EMPTY_HINT_STATE;
    const seen: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const climb = climbHints(state, { failing: failing('cm1-labels') });
      seen.push(climb.shown.get('cm1-labels') ?? 0);
      state = climb.state;
    }
    expect(seen).toEqual([1, 2, 3, 3, 3]);
    expect(hintsUsed(state)).toBe(3);
  });

  it('a check that passes keeps its count, and climbs on from there when it fails again', () => {
    const first = climbHints(EMPTY_HINT_STATE, { failing: failing('cm1-labels') });
    const passed = climbHints(first.state, { failing: failing() });
    expect(passed.state.levels).toEqual({ 'cm1-labels': 1 });
    expect(climbHints(passed.state, { failing: failing('cm1-labels') }).shown.get('cm1-labels')).toBe(2);
  });

  it('in a watch session, a check still failing keeps its level; a new failing episode climbs', () => {
    const start = climbHints(EMPTY_HINT_STATE, { failing: failing('cm1-labels') });
    const refresh = climbHints(start.state, { failing: failing('cm1-labels'), stillFailing: new Set(['cm1-labels']) });
    expect(refresh.shown.get('cm1-labels')).toBe(1);
    expect(refresh.state).toEqual(start.state);
    // It passed at one refresh (not in stillFailing any more), then fails again.
    const again = climbHints(refresh.state, { failing: failing('cm1-labels'), stillFailing: new Set() });
    expect(again.shown.get('cm1-labels')).toBe(2);
  });

  it('--hint N shows level N (the last when N is beyond), records it as seen, never lowers the count', () => {
    const asked = climbHints(EMPTY_HINT_STATE, { failing: failing('cm1-labels', 'answer4-country-fr'), asked: 3 });
    expect(Object.fromEntries(asked.shown)).toEqual({ 'cm1-labels': 3, 'answer4-country-fr': 2 });
    expect(asked.state.levels).toEqual({ 'cm1-labels': 3, 'answer4-country-fr': 2 });
    const lower = climbHints(asked.state, { failing: failing('cm1-labels'), asked: 1 });
    expect(lower.shown.get('cm1-labels')).toBe(1);
    expect(lower.state.levels['cm1-labels']).toBe(3);
  });

  it('a check with one hint stays at 1', () => {
    const twice = climbHints(climbHints(EMPTY_HINT_STATE, { failing: failing('single') }).state, { failing: failing('single') });
    expect(twice.shown.get('single')).toBe(1);
  });
});

describe('parseHintState: the file is the student\'s, read as hostile text', () => {
  it('reads back what it wrote', () => {
    const state = { levels: { 'cm1-labels': 2, single: 1 } };
    expect(parseHintState(serialiseHintState('tp4', state), counts)).toEqual({ state });
  });

  it('keeps only known checks and whole levels, capped at the check\'s last', () => {
    const text = '{"version":1,"levels":{"cm1-labels":99,"answer4-country-fr":1.5,"single":-2,"unknown":2,"__proto__":{"single":3},"toString":1}}';
    expect(parseHintState(text, counts)).toEqual({ state: { levels: { 'cm1-labels': 3 } } });
  });

  it.each([
    ['not JSON', '{"version":1,', 'not valid JSON'],
    ['an array', '[1,2]', 'not a hint state of version 1'],
    ['another version', '{"version":7,"levels":{}}', 'not a hint state of version 1'],
    ['levels not an object', '{"version":1,"levels":"cm1-labels"}', 'not a hint state of version 1'],
  ])('%s is ignored with the reason', (_, text, problem) => {
    expect(parseHintState(text, counts)).toEqual({ state: EMPTY_HINT_STATE, problem });
  });
});
