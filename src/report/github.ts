// GitHub Actions workflow commands: the most useful failed checks become
// annotations on the run (the runner shows 10 error annotations per step, so no
// more than 10 of each level are written, and a notice says how many were left
// out), answer checks are attached to the answers file at their `AnswerN` line,
// then the plain report follows in the log — between `::stop-commands::<token>`
// and `::<token>::`, so that no text a student wrote can be read as a command.
import { randomUUID } from 'node:crypto';
import type { CheckResult, Report } from '../engine/types.js';
import { translate } from '../i18n/index.js';
import { formatPretty, stripControlCharacters } from './pretty.js';
import type { CheckStatus } from '../core/check-status.js';

/** What the runner shows per step and per level. */
export const ANNOTATIONS_PER_LEVEL = 10;

// As GitHub's toolkit (@actions/core) escapes them: data may not hold raw line
// breaks, and properties may not hold the `:` and `,` that delimit them.
const escapeData = (text: string): string =>
  stripControlCharacters(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

type Level = 'error' | 'warning' | 'notice';

const LEVELS: Readonly<Record<Exclude<CheckStatus, 'pass'>, Level>> = { fail: 'error', error: 'error', skip: 'warning', manual: 'notice' };

// The most useful first: a check that could not be made (it often hides others),
// then failures by the points they are worth, then the lab's order.
const usefulness = (check: CheckResult): number => (check.status === 'error' ? Number.MAX_SAFE_INTEGER : check.points);

const command = (level: Level, properties: Record<string, string | number | undefined>, message: string): string => {
  const written = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${level} ${written}::${escapeData(message)}`;
};

const annotation = (report: Report, check: CheckResult, level: Level): string => {
  const withHint =
    level === 'error' && check.hint !== undefined && check.hint !== ''
      ? `${check.message}\n${translate(report.lang, 'check.hint')} ${check.hint}`
      : check.message;
  const message = check.status === 'manual' ? translate(report.lang, 'check.manualReview') : withHint;
  const where = check.answer === undefined ? {} : { file: report.target.answers, line: check.answer.line };
  return command(level, { title: `${report.lab} ${check.id}`, ...where }, message);
};

const annotations = (report: Report): string[] => {
  const checks = report.exercises.flatMap((exercise) => exercise.checks);
  return (['error', 'warning', 'notice'] as const).flatMap((level) => {
    const ofLevel = checks.filter((check) => check.status !== 'pass' && LEVELS[check.status] === level);
    const chosen = [...ofLevel].sort((a, b) => usefulness(b) - usefulness(a)).slice(0, ANNOTATIONS_PER_LEVEL);
    const lines = chosen.map((check) => annotation(report, check, level));
    const more = ofLevel.length - chosen.length;
    if (more > 0) {
      lines.push(command('notice', { title: `${report.lab}` }, `${more} more ${level === 'error' ? 'failed' : level === 'warning' ? 'skipped' : 'manual'} check(s) not annotated (the runner shows ${ANNOTATIONS_PER_LEVEL} per step): see the report in the log`));
    }
    return lines;
  });
};

export const formatGithub = (report: Report, _options?: unknown, token: string = randomUUID()): string => {
  const lines = annotations(report);
  const guarded = [`::stop-commands::${token}`, formatPretty(report, { color: false }).replace(/\n$/, ''), `::${token}::`].join('\n');
  return `${lines.join('\n')}${lines.length > 0 ? '\n' : ''}${guarded}\n`;
};
