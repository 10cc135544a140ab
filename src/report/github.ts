// GitHub Actions workflow commands: failed checks become annotations on the run,
// then the plain report follows in the log.
import type { CheckResult, Report } from '../engine/types.js';
import { translate } from '../i18n/index.js';
import { formatPretty, stripControlCharacters } from './pretty.js';

// As documented for workflow commands: data may not hold raw line breaks, and
// properties may not hold the `:` and `,` that delimit them.
const escapeData = (text: string): string =>
  stripControlCharacters(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

const commands = { fail: 'error', error: 'error', skip: 'warning', manual: 'notice' } as const;

const annotation = (report: Report, check: CheckResult): string | undefined => {
  if (check.status === 'pass') return undefined;
  const command = commands[check.status];
  const withHint =
    command === 'error' && check.hint !== undefined && check.hint !== ''
      ? `${check.message}\n${translate(report.lang, 'check.hint')} ${check.hint}`
      : check.message;
  const message = check.status === 'manual' ? translate(report.lang, 'check.manualReview') : withHint;
  return `::${command} title=${escapeProperty(`${report.lab} ${check.id}`)}::${escapeData(message)}`;
};

export const formatGithub = (report: Report): string => {
  const lines = report.exercises
    .flatMap((exercise) => exercise.checks.map((check) => annotation(report, check)))
    .filter((line): line is string => line !== undefined);
  return lines.join('\n') + (lines.length > 0 ? '\n' : '') + formatPretty(report, { color: false });
};
