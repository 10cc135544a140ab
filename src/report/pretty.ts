// The report as a student reads it on a terminal: who was checked, each exercise
// with its checks, what went wrong and a hint, then the total.
import type { CheckResult, ExerciseResult, Report } from '../engine/types.js';
import { translate, type UiMessageId } from '../i18n/index.js';
import { makePalette, type Paint, type Palette } from './colors.js';
import { type CheckStatus, isFailed } from '../core/check-status.js';
import { cleanText } from '../core/clean-text.js';

export const statusSymbols: Readonly<Record<CheckStatus, string>> = {
  pass: '✔',
  fail: '✘',
  error: '!',
  skip: '–',
  manual: '?',
};

/** A line with a score at its right; the left part is padded so scores line up. */
interface ScoredLine {
  left: { text: string; paint: Paint }[];
  score: string;
  paintScore: Paint;
}

type Line = string | ScoredLine;

// Code points, not UTF-16 units, so accented titles pad like plain ones.
const width = (text: string): number => [...text].length;

/**
 * Drops control characters (ESC, BEL, CR, C1, bidi overrides…) but tabs and line breaks
 * from data: a message built from what a student put in the cluster must not move the
 * cursor or recolour the terminal. The one definition is core/clean-text.ts.
 */
export const stripControlCharacters = cleanText;

const splitLines = (text: string): string[] => stripControlCharacters(text).split(/\r\n|\r|\n/);

// Titles and target values sit in aligned columns: a line break or a tab would break them.
const oneLine = (text: string): string =>
  splitLines(text)
    .map((line) => line.trim())
    .join(' ')
    .replace(/\t/g, ' ');

/** The lines of a text, indented; `opening` (may be painted) starts the first line instead. */
const block = (text: string, indent: string, opening = indent): string[] =>
  splitLines(text).map((line, index) => (index === 0 ? opening : indent) + line);

const ratio = (earned: number, max: number): string => `${earned}/${max}`;

const targetLines = (report: Report, palette: Palette): string[] => {
  const label = (id: UiMessageId): string => translate(report.lang, 'label', { label: translate(report.lang, id) });
  const rows: [string, string][] = [[label('target.context'), report.target.context]];
  if (report.target.server !== undefined) rows.push([label('target.server'), report.target.server]);
  rows.push([label('target.namespace'), report.target.namespace], [label('target.answers'), report.target.answers]);
  if (report.checkedAt !== undefined) rows.push([label('target.checkedAt'), report.checkedAt]);
  const labelWidth = Math.max(...rows.map(([name]) => width(name)));
  const heading = report.labTitle === undefined ? report.lab : `${report.lab} — ${report.labTitle}`;
  return [
    palette.bold(oneLine(heading)),
    ...rows.map(
      ([name, value]) => `  ${palette.dim(name)}${' '.repeat(labelWidth - width(name) + 1)}${oneLine(value)}`,
    ),
  ];
};

const checkLines = (check: CheckResult, lang: Report['lang'], palette: Palette): Line[] => {
  const paintStatus = palette[check.status];
  const lines: Line[] = [
    {
      left: [
        { text: `  ${statusSymbols[check.status]} `, paint: paintStatus },
        { text: oneLine(check.title), paint: (text) => text },
      ],
      score: ratio(check.earned, check.points),
      paintScore: paintStatus,
    },
  ];
  if (check.status === 'pass') return lines;
  if (check.message !== '') lines.push(...block(check.message, '      '));
  // A hint helps only where something is to be fixed, not on skipped or manual checks.
  if (isFailed(check.status) && check.hint !== undefined && check.hint !== '') {
    // Hints that climb say which level this is: "Hint 2/3:".
    const label = check.hintLevel === undefined ? translate(lang, 'check.hint') : translate(lang, 'check.hintLevel', { level: check.hintLevel, count: check.hintCount });
    lines.push(...block(check.hint, '      ', `      ${palette.dim(label)} `));
  }
  return lines;
};

const exerciseLines = (exercise: ExerciseResult, lang: Report['lang'], palette: Palette): Line[] => {
  const paintResult = exercise.passed ? palette.pass : palette.fail;
  const section =
    exercise.section === undefined
      ? ''
      : ` (${translate(lang, 'exercise.section', { section: oneLine(exercise.section) })})`;
  return [
    {
      left: [
        { text: `${exercise.passed ? statusSymbols.pass : statusSymbols.fail} `, paint: paintResult },
        { text: oneLine(exercise.title), paint: palette.bold },
        { text: section, paint: palette.dim },
      ],
      score: ratio(exercise.score, exercise.maxScore),
      paintScore: paintResult,
    },
    ...exercise.checks.flatMap((check) => checkLines(check, lang, palette)),
  ];
};

const render = (lines: Line[]): string[] => {
  const scored = lines.filter((line): line is ScoredLine => typeof line !== 'string');
  const leftWidth = Math.max(0, ...scored.map((line) => width(line.left.map((part) => part.text).join(''))));
  const scoreWidth = Math.max(0, ...scored.map((line) => width(line.score)));
  return lines.map((line) => {
    if (typeof line === 'string') return line;
    const plainLeft = line.left.map((part) => part.text).join('');
    const left = line.left.map((part) => (part.text === '' ? '' : part.paint(part.text))).join('');
    const gap = ' '.repeat(leftWidth - width(plainLeft) + 2 + scoreWidth - width(line.score));
    return left + gap + line.paintScore(line.score);
  });
};

export const formatPretty = (report: Report, options: { color: boolean }): string => {
  const palette = makePalette(options.color);
  const lines: Line[] = [...targetLines(report, palette)];
  for (const exercise of report.exercises) lines.push('', ...exerciseLines(exercise, report.lang, palette));
  if (report.warnings.length > 0) {
    lines.push('', palette.warning(translate(report.lang, 'summary.warnings')));
    for (const warning of report.warnings) lines.push(...block(warning, '    ', `  ${palette.warning('!')} `));
  }
  if ((report.flags ?? []).length > 0) {
    lines.push('', palette.fail(translate(report.lang, 'summary.flagged')));
    for (const flag of report.flags ?? []) lines.push(...block(`${flag.check}: ${flag.reason}`, '    ', `  ${palette.fail('✘')} `));
  }
  const total = translate(report.lang, 'summary.total', {
    score: report.score,
    maxScore: report.maxScore,
    passed: report.exercises.filter((exercise) => exercise.passed).length,
    exercises: report.exercises.length,
  });
  lines.push('', palette.bold(total));
  // Trailing spaces come only from the data (a message ending in spaces); nobody wants them.
  return `${render(lines).map((line) => line.trimEnd()).join('\n')}\n`;
};
