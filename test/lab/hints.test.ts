// Hints that climb in a lab file: `hints:` lists levels, `hint:` is a list of one,
// both at once is an error at file:line:col.
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../src/lab/load.js';
import { fakeKinds } from './fake-kinds.js';
import { problemsOf } from './problems-of.js';
import { ANSWER1_CHECK, labWith } from './sample-lab.js';

const withHints = (lines: string) => labWith(ANSWER1_CHECK.replace('        params:', `${lines}        params:`));

describe('hints of a check', () => {
  it('hints: a nudge, the concept, the command, in order', () => {
    const text = withHints('        hints:\n          - {fr: coup de pouce, en: nudge}\n          - {fr: notion, en: concept}\n          - {fr: la commande, en: the command}\n');
    const { lab, problems } = parseLab(text, 'lab.yaml', fakeKinds);
    expect(problems).toEqual([]);
    const check = lab?.exercises[0]?.checks[0];
    expect(check?.hints?.map((h) => h.en)).toEqual(['nudge', 'concept', 'the command']);
    // Reports, explain and the grader that know one hint see the first.
    expect(check?.hint).toEqual({ fr: 'coup de pouce', en: 'nudge' });
  });

  it('hint alone still works, as one level', () => {
    const { lab } = parseLab(withHints('        hint: {fr: seul, en: alone}\n'), 'lab.yaml', fakeKinds);
    expect(lab?.exercises[0]?.checks[0]?.hints).toEqual([{ fr: 'seul', en: 'alone' }]);
  });

  it('both hint and hints, an empty list or a level without English are errors where they are written', () => {
    expect(problemsOf(withHints('        hint: {fr: a, en: a}\n        hints: [{fr: b, en: b}]\n'))).toEqual(['10:9 checks[0] must be a check with hint or hints, not both']);
    expect(problemsOf(withHints('        hints: []\n'))).toEqual(['14:16 hints must be a list of 1 to 5 texts, from a nudge to the command']);
    expect(problemsOf(withHints('        hints: [{fr: b}]\n'))).toEqual(['14:17 missing property "en"']);
  });
});

describe('madeWith of a mutation', () => {
  const mutation = (how: string) => labWith(ANSWER1_CHECK, `mutations:\n  - id: m\n    fails: [c1]\n    madeWith: { ConfigMap/cm1: ${how} }\n`);

  it('a way, or made one way then changed with label and scale', () => {
    const { lab, problems } = parseLab(mutation('[create, label, scale]'), 'lab.yaml', fakeKinds);
    expect(problems).toEqual([]);
    expect(lab?.mutations[0]?.madeWith).toEqual({ 'ConfigMap/cm1': { made: 'create', then: ['label', 'scale'] } });
    expect(parseLab(mutation('apply'), 'lab.yaml', fakeKinds).lab?.mutations[0]?.madeWith).toEqual({ 'ConfigMap/cm1': { made: 'apply', then: [] } });
  });

  it('a list that does not start with how the object was made is refused', () => {
    expect(problemsOf(mutation('[label]'))).toContain('18:32 ConfigMap/cm1 must be a way: apply or create, or a list such as [create, label] or [apply, scale] (made one way, then changed with label and/or scale)');
  });
});
