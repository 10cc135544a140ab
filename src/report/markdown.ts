// The report as Markdown (`--format markdown`), what `--format github` also
// appends to GitHub's job summary ($GITHUB_STEP_SUMMARY): the target, then the
// exercises and checks as a student's feedback shows them, escaped the same way.
import type { Report } from '../engine/types.js';
import { translate, type UiMessageId } from '../i18n/index.js';
import { escapeMarkdown, reportLines } from './feedback.js';

export const formatMarkdown = (report: Report): string => {
  const label = (id: UiMessageId): string => translate(report.lang, 'label', { label: translate(report.lang, id) });
  const { context, namespace, answers } = report.target;
  const heading = report.labTitle === undefined ? report.lab : `${report.lab} — ${report.labTitle}`;
  const target = [
    `- ${label('target.context')} ${escapeMarkdown(context)}`,
    `- ${label('target.namespace')} ${escapeMarkdown(namespace)}`,
    `- ${label('target.answers')} ${escapeMarkdown(answers)}`,
  ];
  return `${[`# ${escapeMarkdown(heading)}`, '', ...target, '', ...reportLines(report)].join('\n').replace(/\n+$/, '')}\n`;
};
