// Hints that climb, on TP4's report: which failing checks have hints, and each
// one's hint at the level reached (the engine's part; tp check decides the level).
import { describe, expect, it } from 'vitest';
import { evaluateLab } from '../../src/engine/evaluate.js';
import { failingWithHints, hintCountsOf, withHintLevels } from '../../src/engine/hint-levels.js';
import { loadLabFile } from '../../src/lab/load.js';
import { checkKinds } from '../../src/checks/index.js';
import { appServing, editObject, noLogs, solvedAnswers, solvedSnapshot } from './fixture.js';

const lab = await loadLabFile('labs/tp4/lab.yaml', checkKinds);
const app = appServing({ '/': 'Hello Kubernetes!\n', '/config': 'Hello from ConfigMap' });

describe('hint levels on a TP4 report', () => {
  it('a wrong cm1 fails cm1-labels, with the first of its three hints until told otherwise', async () => {
    const snapshot = editObject(solvedSnapshot(), 'configmaps', 'cm1', (o) => { o.metadata.labels = { version: '1.0', country: 'uk' }; });
    const report = await evaluateLab({ lab, snapshot, answers: solvedAnswers(snapshot), variables: { registry: 'registry.example.org' }, http: app, logs: noLogs, lang: 'fr', target: { context: 'c', namespace: snapshot.namespace, answers: 'a' } });
    const counts = hintCountsOf(lab);
    expect(counts.get('cm1-labels')).toBe(3);
    expect(counts.get('cm2-labels')).toBe(1);
    expect([...failingWithHints(report, counts)]).toEqual([['cm1-labels', 3]]);
    const cm1 = (r: typeof report) => r.exercises.flatMap((e) => e.checks).find((c) => c.id === 'cm1-labels');
    expect(cm1(report)).toMatchObject({ hint: 'cm1 doit porter deux labels : version et country.', hintLevel: 1, hintCount: 3 });
    const third = withHintLevels(report, lab, new Map([['cm1-labels', 3]]), 'fr');
    expect(cm1(third)).toMatchObject({ hint: 'kubectl label cm/cm1 version=1.0 country=fr', hintLevel: 3, hintCount: 3 });
    // Only the hint changes: the verdict is the engine's.
    expect({ ...cm1(third), hint: '', hintLevel: 0 }).toEqual({ ...cm1(report), hint: '', hintLevel: 0 });
  });
});
