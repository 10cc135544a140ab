// The live class on a terminal: a compact table redrawn in place (the class's
// figures, then a row per student, the stuck ones first, as many as the
// terminal holds), or, without a terminal, a line per change. Text in, text
// out: every string is cleaned here, since redraws are written as they are.
import type { ClassAggregate, HistoryRecord, LiveRow } from '../classroom/types.js';
import { isCheckRecord, isExerciseRecord } from '../classroom/types.js';
import { cleanDeep, cleanText } from '../core/clean-text.js';
import type { Lang } from '../core/text.js';
import type { LabOutline } from '../grade/types.js';
import { translate } from '../i18n/index.js';
import { durationText } from './progress-chart.js';
import { statusSymbols } from './pretty.js';

export interface LiveTableInput {
  outline: LabOutline;
  rows: readonly LiveRow[];
  aggregate: ClassAggregate;
  lang: Lang;
  /** The live page's address, when served. */
  url?: string;
  /** The terminal's size. */
  columns: number;
  lines: number;
  now: number;
}

const fit = (text: string, width: number): string => (text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width));

const clockOf = (at: number | string): string => {
  const date = new Date(at);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
};

const EXERCISE_MARK: Readonly<Record<LiveRow['exercises'][number], string>> = { pass: statusSymbols.pass, fail: statusSymbols.fail, '': '·' };

export const formatLiveTable = (raw: LiveTableInput): string => {
  const input = cleanDeep(raw);
  const { outline, aggregate, lang, columns } = input;
  const t = (id: Parameters<typeof translate>[1], data?: Parameters<typeof translate>[2]) => translate(lang, id, data);
  const stuckBy = new Map(aggregate.stuck.map((stuck) => [stuck.id, stuck]));
  const head = [
    fit(`${t('live.title', { lab: outline.title })} · ${clockOf(input.now)}${input.url ? ` · ${input.url}` : ''}`, columns).trimEnd(),
    t('live.summary', { graded: aggregate.graded, students: aggregate.students, errors: aggregate.errors, pending: aggregate.pending }),
    aggregate.exercises.map((e) => `${e.id} ${e.passed}/${e.graded}`).join(' · '),
    ...aggregate.reasons.slice(0, 3).map((reason) => fit(`  ${t('live.reason', { count: reason.students, message: reason.sample })}`, columns).trimEnd()),
  ];
  const widths = outline.exercises.map((exercise) => Math.min(8, Math.max(3, exercise.id.length)));
  const nameWidth = 18;
  const header = `${fit(t('gradebook.student'), nameWidth)} ${fit(t('gradebook.score'), 7)} ${outline.exercises.map((e, i) => fit(e.id, widths[i] ?? 3)).join(' ')}`;
  const order = (row: LiveRow) => [stuckBy.get(row.id)?.since ?? Infinity, row.status === 'error' ? 0 : 1, row.score ?? -1] as const;
  const rows = [...input.rows].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.id.localeCompare(b.id);
  });
  const room = Math.max(1, input.lines - head.length - 4);
  const shown = rows.length > room ? rows.slice(0, room - 1) : rows;
  const body = shown.map((row) => {
    const score = row.score === undefined ? '—' : `${row.score}/${outline.maxScore}`;
    const marks = row.exercises.map((mark, i) => fit(` ${EXERCISE_MARK[mark]}`, widths[i] ?? 3)).join(' ');
    const stuck = stuckBy.get(row.id);
    const note =
      row.status === 'error'
        ? `! ${row.reason ?? ''}`
        : stuck
          ? `⏸ ${stuck.kind === 'check' ? t('live.stuckCheck', { check: stuck.check?.title ?? '', time: durationText(input.now - stuck.since) }) : t('live.stuckIdle', { time: durationText(input.now - stuck.since) })}`
          : '';
    return fit(`${fit(row.label, nameWidth)} ${fit(score, 7)} ${marks} ${note}`, columns).trimEnd();
  });
  const more = rows.length > shown.length ? [t('live.more', { count: rows.length - shown.length })] : [];
  return [...head, '', header, ...body, ...more].join('\n');
};

/** The lines of changes, for a log or a pipe: a student first graded, a check, an exercise or a status that changed. */
export const formatChangeLines = (raw: readonly HistoryRecord[], rowOf: (id: string) => LiveRow | undefined, outline: LabOutline, lang: Lang): string[] => {
  const records = cleanDeep(raw);
  // One row per student of the batch, however many of their checks changed.
  const rows = new Map<string, LiveRow | undefined>();
  const rowFor = (id: string) => {
    if (!rows.has(id)) rows.set(id, cleanDeep(rowOf(id)));
    return rows.get(id);
  };
  const status = (value: string) => (value in statusSymbols ? `${statusSymbols[value as keyof typeof statusSymbols]} ${translate(lang, `status.${value as keyof typeof statusSymbols}`)}` : value);
  return records.flatMap((record): string[] => {
    const time = clockOf(record.t);
    const row = rowFor(record.student);
    const student = row?.label === record.student || row === undefined ? record.student : `${row.label} (${record.student})`;
    if (record.before === null) {
      // A student seen for the first time: one line with their score, not one per check.
      if (isCheckRecord(record) || isExerciseRecord(record) || record.after !== 'graded') return [];
      return [translate(lang, 'live.firstGrade', { time, student, score: row?.score ?? '—', maxScore: outline.maxScore })];
    }
    if (isCheckRecord(record)) return [translate(lang, 'live.change', { time, student, item: record.check, before: status(record.before), after: status(record.after) })];
    if (isExerciseRecord(record)) return [translate(lang, 'live.change', { time, student, item: `[${record.exercise}]`, before: status(record.before), after: status(record.after) })];
    const reason = record.after === 'error' && row?.reason ? `: ${row.reason}` : '';
    return [translate(lang, 'live.statusChange', { time, student, before: translate(lang, `grade.status.${record.before}`), after: translate(lang, `grade.status.${record.after}`), reason })].map(cleanText);
  });
};
