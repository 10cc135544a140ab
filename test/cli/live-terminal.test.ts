// Where the live class goes on the trainer's screen: on a terminal, a table
// redrawn in place; in a pipe or a file, one line per change and no redraw.
import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { showOnTerminal, type TerminalView } from '../../src/cli/live/terminal-view.js';
import { makeClassState } from '../../src/classroom/class-state.js';
import { aggregateOf, rowOf } from '../../src/classroom/class-view.js';
import type { ClassSession, SessionListener } from '../../src/classroom/class-session.js';
import type { CliIo } from '../../src/cli/io.js';
import type { LabOutline, StudentResult } from '../../src/grade/types.js';

const OUTLINE: LabOutline = { id: 'tp4', title: 'TP4', maxScore: 1, exercises: [{ id: 'labels', title: 'Labels', maxScore: 1, checks: [{ id: 'cm1', title: 'cm1', points: 1 }] }] };
const result = (status: 'pass' | 'fail'): StudentResult => ({
  student: { index: 0, id: 'alice', name: 'Alice' },
  status: 'graded',
  report: {
    lab: 'tp4', lang: 'en', target: { context: 'c', namespace: 'n', answers: 'a' }, score: status === 'pass' ? 1 : 0, maxScore: 1, warnings: [],
    exercises: [{ id: 'labels', title: 'Labels', score: 0, maxScore: 1, passed: status === 'pass', checks: [{ id: 'cm1', title: 'cm1', status, points: 1, earned: 0, message: 'm', messageId: 'x' }] }],
  },
});

/** A class session with the real state and views, fed by hand instead of by clusters. */
const handFedSession = () => {
  const state = makeClassState(OUTLINE, [{ index: 0, id: 'alice' }], Date.now());
  const listeners = new Set<SessionListener>();
  const session: ClassSession = {
    outline: OUTLINE,
    state,
    followed: { firstRound: Promise.resolve(), stats: () => ({ apiRequests: 0, lists: 0, watches: 0, clusters: 1, gradings: 0, objects: 0 }), stop: async () => {} },
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rows: () => state.tracks().map((track) => rowOf(track, OUTLINE)),
    row: (index) => rowOf(state.track(index)!, OUTLINE),
    rowById: () => rowOf(state.track(0)!, OUTLINE),
    results: () => [],
    aggregate: () => aggregateOf(state, Date.now(), 600_000),
    stop: async () => {},
  };
  const feed = (status: 'pass' | 'fail') => {
    const records = state.update(0, result(status), Date.now());
    for (const listener of listeners) {
      listener.records?.(records);
      listener.rows?.(session.rows());
    }
  };
  return { session, feed };
};

const screen = (isTTY: boolean) => {
  let text = '';
  const stdout = Object.assign(new Writable({ write: (chunk, _e, done) => { text += String(chunk); done(); } }), { isTTY, columns: 80, rows: 20 });
  const io: CliIo = { stdout, stderr: stdout, env: {}, cwd: '/', homeDir: '/', now: () => new Date() };
  return { io, text: () => text };
};

let view: TerminalView | undefined;
afterEach(() => view?.stop());

it('redraws a table in place on a terminal', async () => {
  const { session, feed } = handFedSession();
  const out = screen(true);
  view = showOnTerminal(session, out.io, 'en', 'http://127.0.0.1:1/?token=t');
  feed('fail');
  feed('pass');
  // Redrawn twice a second at most: a loaded machine may take longer.
  for (const deadline = Date.now() + 5000; !/Alice +1\/1/.test(out.text()) && Date.now() < deadline; ) await new Promise((later) => setTimeout(later, 50));
  expect(out.text().startsWith('\u001b[2J\u001b[H')).toBe(true);
  expect(out.text()).toContain('Live class — TP4');
  expect(out.text()).toMatch(/Alice +1\/1 +✔/);
  expect(out.text()).not.toContain('cm1 ✘ fail → ✔ pass');
});

it('writes a line per change, and no redraw, when stdout is not a terminal', () => {
  const { session, feed } = handFedSession();
  const out = screen(false);
  view = showOnTerminal(session, out.io, 'en', undefined);
  feed('fail');
  feed('pass');
  expect(out.text()).not.toContain('\u001b');
  expect(out.text().split('\n').filter(Boolean).map((line) => line.slice(9))).toEqual(['Alice (alice): 0/1', 'Alice (alice) cm1 ✘ fail → ✔ pass', 'Alice (alice) [labels] ✘ fail → ✔ pass']);
});
