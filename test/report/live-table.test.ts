// The live class on a terminal: the table a trainer glances at (stuck
// students first, as many rows as the terminal holds), the lines of a log
// when there is no terminal, and never a control character from a student.
import { expect, it } from 'vitest';
import { formatChangeLines, formatLiveTable } from '../../src/report/live-table.js';
import type { ClassAggregate, LiveRow } from '../../src/classroom/types.js';
import type { LabOutline } from '../../src/grade/types.js';
import { isCleanText } from '../../src/core/clean-text.js';

const OUTLINE: LabOutline = {
  id: 'tp4',
  title: 'TP4',
  maxScore: 3,
  exercises: [
    { id: 'labels', title: 'Labels', maxScore: 2, checks: [{ id: 'cm1', title: 'cm1', points: 1 }, { id: 'cm2', title: 'cm2', points: 1 }] },
    { id: 'deploy', title: 'Deploy', maxScore: 1, checks: [{ id: 'rollout', title: 'rolled out', points: 1 }] },
  ],
};
const NOW = Date.parse('2026-12-04T10:30:00Z');
const row = (id: string, score: number | undefined, exercises: LiveRow['exercises'], extra: Partial<LiveRow> = {}): LiveRow => ({
  index: 0,
  id,
  label: id,
  status: 'graded',
  ...(score === undefined ? {} : { score }),
  cells: ['pass', 'fail', 'fail'],
  messages: ['', 'cm2 missing', 'no deployment'],
  exercises,
  ...extra,
});
const aggregate = (extra: Partial<ClassAggregate> = {}): ClassAggregate => ({
  at: new Date(NOW).toISOString(),
  students: 4,
  graded: 3,
  errors: 1,
  pending: 0,
  exercises: [
    { id: 'labels', title: 'Labels', passed: 1, graded: 3, timed: 1, medianMs: 240_000 },
    { id: 'deploy', title: 'Deploy', passed: 0, graded: 3, timed: 0 },
  ],
  stuck: [{ id: 'bob', label: 'bob', since: NOW - 12 * 60_000, kind: 'check', check: { id: 'cm2', title: 'cm2 labelled', message: 'cm2 missing' } }],
  reasons: [{ messageId: 'resource.missing', students: 2, sample: 'ConfigMap cm2 not found', checks: ['cm2 labelled'] }],
  stuckAfterMs: 600_000,
  ...extra,
});

it('shows the class, then the stuck students first, and as many rows as the terminal holds', () => {
  const rows = [row('alice', 3, ['pass', 'pass']), row('bob', 1, ['fail', '']), row('carol', 2, ['pass', 'fail']), row('dave', undefined, ['', ''], { status: 'error', reason: 'cannot reach it' })];
  const table = formatLiveTable({ outline: OUTLINE, rows, aggregate: aggregate(), lang: 'en', url: 'http://127.0.0.1:8080/?token=abc', columns: 100, lines: 11, now: NOW });
  const lines = table.split('\n');
  expect(lines[0]).toMatch(/^Live class — TP4 · \d\d:\d\d:\d\d · http:\/\/127\.0\.0\.1:8080\/\?token=abc$/);
  expect(lines[1]).toBe('3/4 students graded, 1 in error, 0 waiting');
  expect(lines[2]).toBe('labels 1/3 · deploy 0/3');
  expect(lines[3]).toBe('  2 student(s): ConfigMap cm2 not found');
  const body = lines.slice(lines.findIndex((line) => line.startsWith('Student')) + 1);
  expect(body[0]).toMatch(/^bob +1\/3 +✘ +· +⏸ "cm2 labelled" failing for 12 min$/);
  expect(body[1]).toMatch(/^dave +— .* ! cannot reach it$/);
  // Eleven lines of terminal: the rest is counted, not drawn.
  expect(body.at(-1)).toBe('… and 2 more');
});

it('says a change per line, and a student first seen with their score, in French too', () => {
  const rows = new Map([['alice', row('alice', 1, ['fail', 'fail'], { label: 'Alice Martin' })]]);
  const records = [
    { t: '2026-12-04T10:00:00.000Z', student: 'alice', before: null, after: 'graded' as const },
    { t: '2026-12-04T10:00:00.000Z', student: 'alice', check: 'cm1', before: null, after: 'fail' as const },
    { t: '2026-12-04T10:02:00.000Z', student: 'alice', check: 'cm1', before: 'fail' as const, after: 'pass' as const },
    { t: '2026-12-04T10:02:00.000Z', student: 'alice', exercise: 'labels', before: 'fail' as const, after: 'pass' as const },
  ];
  const lines = formatChangeLines(records, (id) => rows.get(id), OUTLINE, 'en').map((line) => line.replace(/^\d\d:\d\d:\d\d/, 'T'));
  expect(lines).toEqual(['T Alice Martin (alice): 1/3', 'T Alice Martin (alice) cm1 ✘ fail → ✔ pass', 'T Alice Martin (alice) [labels] ✘ fail → ✔ pass']);
  const fr = formatChangeLines([records[2] as (typeof records)[number]], (id) => rows.get(id), OUTLINE, 'fr');
  expect(fr[0]).toMatch(/cm1 ✘ échoué → ✔ réussi$/);
});

it('prints no control character a student or a cluster put in a name or a reason', () => {
  const hostile = '\u001b]0;pwned\u0007evil\u001b[2J\u202e';
  const rows = [row(hostile, 1, ['fail', '']), row('x', undefined, ['', ''], { status: 'error', reason: `down ${hostile}` })];
  const table = formatLiveTable({ outline: OUTLINE, rows, aggregate: aggregate({ reasons: [{ messageId: 'm', students: 1, sample: hostile, checks: [] }] }), lang: 'en', columns: 200, lines: 40, now: NOW });
  expect(isCleanText(table)).toBe(true);
  const lines = formatChangeLines([{ t: '2026-12-04T10:00:00.000Z', student: 'x', before: 'graded', after: 'error' }], () => rows[1], OUTLINE, 'en');
  expect(lines.every(isCleanText)).toBe(true);
  expect(lines[0]).toContain('down ]0;pwnedevil[2J');
});
