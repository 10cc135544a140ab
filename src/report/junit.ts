// JUnit XML for CI dashboards: one testsuite per exercise, one testcase per check,
// written for the readers CI users have (Jenkins, GitLab, dorny/test-reporter,
// mikepenz/action-junit-report; docs/reliability.md "Outputs"): every testsuite
// and testcase has a `time` (dorny shows a missing one as NaN), `<error>` is an
// error, `<skipped>` says why (in its `message` and its text), the target is in `<properties>`, and each
// testcase names a file of the checkout with `file`/`line` — mikepenz otherwise
// takes the classname's last word and globs `**/<word>.*`, annotating whatever
// unrelated file matches.
import type { CheckResult, ExerciseResult, Report } from '../engine/types.js';
import { translate } from '../i18n/index.js';
import type { CheckStatus } from '../core/check-status.js';

// Characters XML 1.0 forbids even as references (most C0 controls, lone
// surrogates, U+FFFE/U+FFFF): a parser rejects the whole file, so they go.
const forbiddenInXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const escapeText = (text: string): string =>
  text.replace(forbiddenInXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Tabs and line breaks are escaped too, or attribute normalisation turns them into spaces.
const escapeAttribute = (text: string): string =>
  escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

const attributes = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

const count = (checks: CheckResult[]): Counts => {
  const has = (...statuses: CheckStatus[]): number => checks.filter((check) => statuses.includes(check.status)).length;
  return { tests: checks.length, failures: has('fail'), errors: has('error'), skipped: has('skip', 'manual') };
};

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

/** Answer checks point at their `AnswerN` line; the others at the lab file when it is in the checkout, else the answers file. */
const location = (report: Report, check: CheckResult): Record<string, string | number> => {
  if (check.answer !== undefined) return { file: report.target.answers, line: check.answer.line ?? 1 };
  return { file: report.labFile ?? report.target.answers, line: 1 };
};

// The reason twice: Jenkins reads the `message` attribute, GitLab only the element's text
// (Hash.from_xml drops the attributes of an element that has text, and shows a bare
// <skipped message="…"/> as a hash).
const skipped = (reason: string): string => `      <skipped${attributes({ message: reason })}>${escapeText(reason)}</skipped>`;

const testcase = (report: Report, exercise: ExerciseResult, check: CheckResult): string[] => {
  const open = `    <testcase${attributes({
    classname: `${report.lab}.${exercise.id}`,
    name: `${check.id}: ${check.title}`,
    time: seconds(check.durationMs),
    ...location(report, check),
  })}`;
  // Never empty: GitLab shows an element without text as its attributes, not as words.
  const said = check.message.trim() === '' ? check.title : check.message;
  const details = check.hint === undefined || check.hint === '' ? said : `${said}\n${translate(report.lang, 'check.hint')} ${check.hint}`;
  switch (check.status) {
    case 'pass':
      return [`${open}/>`];
    case 'fail':
      return [open + '>', `      <failure${attributes({ message: check.message })}>${escapeText(details)}</failure>`, '    </testcase>'];
    case 'error':
      return [open + '>', `      <error${attributes({ message: check.message })}>${escapeText(details)}</error>`, '    </testcase>'];
    case 'skip':
      return [open + '>', skipped(said), '    </testcase>'];
    case 'manual':
      return [open + '>', skipped(translate(report.lang, 'check.manualReview')), '    </testcase>'];
  }
};

const suiteMs = (exercise: ExerciseResult): number => exercise.checks.reduce((sum, check) => sum + (check.durationMs ?? 0), 0);

/** What was checked, for readers that show a suite's properties (Jenkins, GitLab). */
const properties = (report: Report): string[] => {
  const { context, server, namespace, answers } = report.target;
  const values: Record<string, string | undefined> = { lab: report.lab, context, server, namespace, answers, labFile: report.labFile, checkedAt: report.checkedAt };
  return [
    '    <properties>',
    ...Object.entries(values)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => `      <property${attributes({ name, value })}/>`),
    '    </properties>',
  ];
};

const testsuite = (report: Report, exercise: ExerciseResult): string[] => [
  `  <testsuite${attributes({ name: `${exercise.id}: ${exercise.title}`, ...count(exercise.checks), time: seconds(suiteMs(exercise)) })}>`,
  ...properties(report),
  ...exercise.checks.flatMap((check) => testcase(report, exercise, check)),
  '  </testsuite>',
];

/** A submission that looks edited: a suite of its own, a failure per flag — never a silent pass. */
const integritySuite = (report: Report): string[] => {
  const flags = report.flags ?? [];
  if (flags.length === 0) return [];
  const name = translate(report.lang, 'summary.flagged');
  return [
    `  <testsuite${attributes({ name, tests: flags.length, failures: flags.length, errors: 0, skipped: 0, time: seconds(0) })}>`,
    ...flags.flatMap((flag) => [
      `    <testcase${attributes({ classname: `${report.lab}.submission`, name: flag.check })}>`,
      `      <failure${attributes({ message: flag.reason })}>${escapeText(flag.reason)}</failure>`,
      '    </testcase>',
    ]),
    '  </testsuite>',
  ];
};

export const formatJunit = (report: Report): string => {
  const totals = count(report.exercises.flatMap((exercise) => exercise.checks));
  const flags = (report.flags ?? []).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // The whole run: reading the cluster once, then every check.
    `<testsuites${attributes({ name: report.lab, ...totals, tests: totals.tests + flags, failures: totals.failures + flags, time: seconds((report.snapshotMs ?? 0) + report.exercises.reduce((sum, e) => sum + suiteMs(e), 0)) })}>`,
    ...report.exercises.flatMap((exercise) => testsuite(report, exercise)),
    ...integritySuite(report),
    '</testsuites>',
    '',
  ].join('\n');
};
