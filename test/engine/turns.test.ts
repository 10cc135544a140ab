// Issue 23, point 5: per-student work yields. Each check of a lab starts on a
// turn of the event loop of its own, so a timer (the student's time up) or a
// signal (Ctrl-C) fired while a student is evaluated is heard before the next
// check, and the evaluation stops there instead of running to its end.
import { describe, expect, it } from 'vitest';
import { evaluateLab } from '../../src/engine/evaluate.js';
import { loadLabFile } from '../../src/lab/load.js';
import { checkKinds } from '../../src/checks/index.js';
import { appServing, noLogs, solvedAnswers, solvedSnapshot } from './fixture.js';

const lab = await loadLabFile('labs/tp4/lab.yaml', checkKinds);
const checkCount = lab.exercises.reduce((sum, exercise) => sum + exercise.checks.length, 0);

const evaluate = (signal?: AbortSignal) => {
  const snapshot = solvedSnapshot();
  return evaluateLab({
    lab, snapshot, answers: solvedAnswers(snapshot), variables: { registry: 'registry.example.org' }, http: appServing({ '/': 'Hello Kubernetes!\n', '/config': 'Hello from ConfigMap' }), logs: noLogs,
    lang: 'en', target: { context: 'c', namespace: snapshot.namespace, answers: 'answers/answers_tp4' }, ...(signal ? { signal } : {}),
  });
};

describe('evaluating a lab in turns', () => {
  it('lets a timer run between two checks, and stops when it aborts', async () => {
    const stop = new AbortController();
    // A timer due at once: it can only run if the evaluation gives the event loop a turn.
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
      stop.abort(new Error('the student\'s time is up'));
    }, 0);
    // Made due for sure before the evaluation starts: then only a turn of the event loop stands between it and the first check.
    const due = performance.now() + 5;
    while (performance.now() < due) { /* a few milliseconds of work of the grader's own */ }
    await expect(evaluate(stop.signal)).rejects.toThrow('the student\'s time is up');
    expect(timerRan).toBe(true);
  });

  it('starts nothing once aborted', async () => {
    await expect(evaluate(AbortSignal.abort(new Error('Ctrl-C')))).rejects.toThrow('Ctrl-C');
  });

  it('evaluates every check when nothing stops it', async () => {
    const report = await evaluate(new AbortController().signal);
    expect(report.exercises.flatMap((exercise) => exercise.checks)).toHaveLength(checkCount);
    expect(report.score).toBe(report.maxScore);
  });
});
