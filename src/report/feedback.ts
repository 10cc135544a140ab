// feedback/<id>.md: what one student reads, in their language — their score,
// each exercise, and for what is not right yet the reason and the hint.
// Messages carry what students typed, so they are escaped: Markdown renders
// them as text, never as links or HTML.
import type { CheckResult, ExerciseResult, Report } from '../engine/types.js';
import type { StudentResult } from '../grade/types.js';
import { translate } from '../i18n/index.js';
import { statusSymbols, stripControlCharacters } from './pretty.js';
import type { Lang } from '../core/text.js';
import { isFailed } from '../core/check-status.js';

/** Backslash-escapes what Markdown would read as markup; line breaks become spaces. */
export const escapeMarkdown = (text: string): string =>
  stripControlCharacters(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|]/g, (character) => `\\${character}`);

const studentName = (result: StudentResult): string =>
  result.student.name === undefined ? result.student.id : `${result.student.name} (${result.student.id})`;

const checkLines = (check: CheckResult, lang: Lang): string[] => {
  const lines = [`- ${statusSymbols[check.status]} ${escapeMarkdown(check.title)} — ${check.earned}/${check.points}`];
  if (check.status === 'pass') return lines;
  if (check.message !== '') lines.push(`  - ${escapeMarkdown(check.message)}`);
  if (isFailed(check.status) && check.hint) {
    // Hints are written by the lab's author, in Markdown (`kubectl …`): kept as written.
    lines.push(`  - ${translate(lang, 'check.hint')} ${check.hint.replace(/\s*\n\s*/g, ' ')}`);
  }
  return lines;
};

const exerciseLines = (exercise: ExerciseResult, lang: Lang): string[] => {
  const section = exercise.section === undefined ? '' : ` (${translate(lang, 'exercise.section', { section: exercise.section })})`;
  const mark = exercise.passed ? statusSymbols.pass : statusSymbols.fail;
  return [
    `## ${mark} ${escapeMarkdown(exercise.title)}${escapeMarkdown(section)} — ${exercise.score}/${exercise.maxScore}`,
    '',
    ...exercise.checks.flatMap((check) => checkLines(check, lang)),
    '',
  ];
};

/** A report's total, exercises and checks as Markdown lines (also the job summary's, markdown.ts). */
export const reportLines = (report: Report): string[] => {
  const total = translate(report.lang, 'summary.total', {
    score: report.score,
    maxScore: report.maxScore,
    passed: report.exercises.filter((exercise) => exercise.passed).length,
    exercises: report.exercises.length,
  });
  const lines = [`**${total}**`, ''];
  // A flagged submission says so before anything else: the grade below does not stand as it is.
  if ((report.flags ?? []).length > 0) {
    lines.push(`## ${statusSymbols.fail} ${translate(report.lang, 'summary.flagged')}`, '', ...(report.flags ?? []).map((flag) => `- ${escapeMarkdown(`${flag.check}: ${flag.reason}`)}`), '');
  }
  if (report.checkedAt) lines.push(`${translate(report.lang, 'label', { label: translate(report.lang, 'target.checkedAt') })} ${report.checkedAt}`, '');
  lines.push(...report.exercises.flatMap((exercise) => exerciseLines(exercise, report.lang)));
  if (report.warnings.length > 0) {
    lines.push(`## ${translate(report.lang, 'summary.warnings')}`, '', ...report.warnings.map((warning) => `- ${escapeMarkdown(warning)}`), '');
  }
  return lines;
};

/** The feedback of one student; `trainerLang` is used when the student has no report (error) and no language of their own. */
export const formatFeedback = (result: StudentResult, labTitle: string, trainerLang: Lang): string => {
  const lang = result.report?.lang ?? result.student.lang ?? trainerLang;
  const heading = translate(lang, 'feedback.heading', { lab: result.report?.labTitle ?? labTitle, student: studentName(result) });
  const lines = [`# ${escapeMarkdown(heading)}`, ''];
  if (result.status === 'graded' && result.report) lines.push(...reportLines(result.report));
  else if (result.status === 'error') {
    lines.push(translate(lang, 'feedback.error', { reason: escapeMarkdown(result.reason ?? '') }), '', translate(lang, 'feedback.errorAdvice'), '');
  } else lines.push(translate(lang, 'feedback.pending'), '');
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
};
