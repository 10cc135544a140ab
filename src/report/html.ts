// report.html: one self-contained page for the trainer — the cohort summary,
// the success rate of every check, a students × checks heatmap (sortable,
// filterable), and each student's feedback. No CDN, no font, no request:
// a Content-Security-Policy forbids the page any network access.
import type { CheckResult } from '../engine/types.js';
import type { Gradebook, StudentResult } from '../grade/types.js';
import { percentOf } from '../grade/summary.js';
import { translate, type UiMessageId } from '../i18n/index.js';
import { GRADEBOOK_CSS, GRADEBOOK_SCRIPT } from './html-assets.js';
import { statusSymbols } from './pretty.js';
import { flagReasons, shownStatus } from '../grade/summary.js';
import type { TextData } from '../core/text.js';
import { type CheckStatus, isFailed } from '../core/check-status.js';
import { escapeHtml } from './escape-html.js';
import { progressChartSvg } from './progress-chart.js';

export { escapeHtml };

/** Values sortable by number: a better result sorts higher. */
const CELL_VALUE: Readonly<Record<CheckStatus | 'none', number>> = { pass: 3, manual: 2, skip: 1, fail: 0, error: -1, none: -2 };

const studentLabel = (result: StudentResult): string => result.student.name ?? result.student.id;

/** A student's checks by id: a row of the heatmap looks each one up once (a cohort is students × checks). */
const checksById = (result: StudentResult): Map<string, CheckResult> =>
  new Map((result.report?.exercises ?? []).flatMap((exercise) => exercise.checks.map((check) => [check.id, check] as const)));

const header = (gradebook: Gradebook, t: (id: UiMessageId, data?: TextData) => string): string => {
  const { summary, outline } = gradebook;
  const dash = '—';
  const line = t('gradebook.summary', {
    graded: summary.graded,
    students: summary.students,
    errors: summary.errors,
    mean: summary.meanScore ?? dash,
    median: summary.medianScore ?? dash,
    maxScore: outline.maxScore,
  });
  const incomplete = gradebook.complete
    ? ''
    : `<p class="incomplete" id="incomplete">${escapeHtml(t('gradebook.incomplete', { pending: summary.pending + (gradebook.cohortSize - summary.students) }))}</p>`;
  return `<header><h1>${escapeHtml(t('gradebook.title', { lab: outline.title }))}</h1>
<p class="meta">${escapeHtml(t('gradebook.generated', { date: gradebook.generatedAt }))}</p>
<p class="meta" id="summary">${escapeHtml(line)}</p>${incomplete}</header>`;
};

const ratesSection = (gradebook: Gradebook, t: (id: UiMessageId) => string): string => {
  const titles = new Map(gradebook.outline.exercises.flatMap((e) => e.checks.map((c) => [c.id, { check: c, exercise: e.title }] as const)));
  const rows = gradebook.summary.checks.map((rate) => {
    const info = titles.get(rate.id);
    const percent = percentOf(rate);
    const bar = `<span class="bar-track"><span class="bar" style="width:${percent ?? 0}%"></span></span>${percent === undefined ? '—' : `${percent} %`}`;
    return `<tr data-check="${escapeHtml(rate.id)}"><td>${escapeHtml(info?.exercise ?? rate.exercise)}</td><td title="${escapeHtml(rate.id)}">${escapeHtml(info?.check.title ?? rate.id)}</td><td class="num">${info?.check.points ?? ''}</td><td class="num" data-value="${rate.passed}">${rate.passed}/${rate.graded}</td><td data-value="${percent ?? -1}">${bar}</td></tr>`;
  });
  const heads = (['gradebook.exercise', 'gradebook.check', 'gradebook.points', 'gradebook.passedBy', 'gradebook.rate'] as const)
    .map((id, col) => `<th data-col="${col}">${escapeHtml(t(id))}</th>`)
    .join('');
  return `<section id="rates"><h2>${escapeHtml(t('gradebook.rates'))}</h2><p class="meta">${escapeHtml(t('gradebook.sortHint'))}</p>
<table class="sortable" id="rates-table"><thead><tr>${heads}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`;
};

const heatmapRow = (result: StudentResult, gradebook: Gradebook, t: (id: UiMessageId, data?: TextData) => string): string => {
  const { student } = result;
  const search = [student.id, student.name, student.email, student.idNumber].filter(Boolean).join(' ').toLowerCase();
  const score = result.status === 'graded' && result.report ? result.report.score : undefined;
  const checks = result.status === 'graded' ? checksById(result) : new Map<string, CheckResult>();
  const cells = gradebook.outline.exercises.flatMap((exercise) =>
    exercise.checks.map((check) => {
      const found = checks.get(check.id);
      const status = found?.status ?? 'none';
      const seen = result.hints?.levels[check.id];
      const hintsSeen = seen === undefined ? '' : ` (${t('gradebook.hintsUsed', { count: seen })})`;
      const tip = found ? `${check.title} — ${found.message}${hintsSeen}` : `${check.title} — ${result.reason ?? t(`grade.status.${result.status}`)}`;
      return `<td class="cell ${status}" data-value="${CELL_VALUE[status]}" title="${escapeHtml(tip)}">${found ? statusSymbols[found.status] : ''}</td>`;
    }),
  );
  return `<tr data-student="${escapeHtml(student.id)}" data-status="${shownStatus(result)}" data-search="${escapeHtml(search)}"><th scope="row" data-value="${escapeHtml(studentLabel(result).toLowerCase())}"><a href="#fb-${escapeHtml(student.id)}">${escapeHtml(studentLabel(result))}</a></th><td class="num" data-value="${score ?? -1}">${score === undefined ? '—' : `${score}/${gradebook.outline.maxScore}`}</td><td class="status-${shownStatus(result)}" data-value="${shownStatus(result)}" title="${escapeHtml(result.reason ?? flagReasons(result))}">${escapeHtml(t(`grade.status.${shownStatus(result)}`))}</td>${cells.join('')}</tr>`;
};

/** The heatmap up to its first row. */
const heatmapHead = (gradebook: Gradebook, t: (id: UiMessageId, data?: TextData) => string): string => {
  const { exercises } = gradebook.outline;
  let col = 3;
  const exerciseHeads = exercises.map((e) => `<th class="exercise-head" colspan="${e.checks.length}" title="${escapeHtml(e.id)}">${escapeHtml(e.title)}</th>`).join('');
  const checkHeads = exercises
    .flatMap((e) => e.checks.map((c) => `<th class="check-head" data-col="${col++}" title="${escapeHtml(`${c.id}: ${c.title}`)}"><div>${escapeHtml(c.title)}</div></th>`))
    .join('');
  const legend = (['pass', 'fail', 'error', 'skip', 'manual'] as const)
    .map((status) => `<span class="cell ${status}">${statusSymbols[status]} ${escapeHtml(t(`status.${status}`))}</span>`)
    .join('');
  const statuses = (['graded', 'flagged', 'error', 'pending'] as const).map((s) => `<option value="${s}">${escapeHtml(t(`grade.status.${s}`))}</option>`).join('');
  return `<section id="heatmap"><h2>${escapeHtml(t('gradebook.heatmap'))}</h2>
<div class="controls"><input type="search" id="filter" placeholder="${escapeHtml(t('gradebook.filter'))}" aria-label="${escapeHtml(t('gradebook.filter'))}">
<select id="status-filter" aria-label="${escapeHtml(t('gradebook.status'))}"><option value="">${escapeHtml(t('gradebook.allStatuses'))}</option>${statuses}</select>
<span id="shown" data-template="${escapeHtml(t('gradebook.shown'))}"></span></div>
<p class="legend">${escapeHtml(t('label', { label: t('gradebook.legend') }))} ${legend}</p>
<div class="heatmap-wrap"><table class="sortable heatmap" id="heatmap-table"><thead>
<tr><th rowspan="2" data-col="0">${escapeHtml(t('gradebook.student'))}</th><th rowspan="2" data-col="1">${escapeHtml(t('gradebook.score'))}</th><th rowspan="2" data-col="2">${escapeHtml(t('gradebook.status'))}</th>${exerciseHeads}</tr>
<tr>${checkHeads}</tr></thead><tbody>
`;
};

const HEATMAP_END = '\n</tbody></table></div></section>';

const feedbackOf = (result: StudentResult, gradebook: Gradebook, t: (id: UiMessageId, data?: TextData) => string): string => {
  const { report } = result;
  const lang = report?.lang ?? result.student.lang ?? gradebook.lang;
  // Hints that climb: how many the student read, for the trainer (none said when there is no state).
  const hints = result.hints && result.hints.used > 0 ? ` · ${t('gradebook.hintsUsed', { count: result.hints.used })}` : '';
  const title = `${studentLabel(result)} (${result.student.id}) — ${report ? `${report.score}/${report.maxScore}` : t(`grade.status.${result.status}`)}${hints}`;
  let body: string;
  if (report && result.status === 'graded') {
    const flags = (report.flags ?? []).map((flag) => `<li class="status-flagged">${statusSymbols.fail} ${escapeHtml(`${flag.check}: ${flag.reason}`)}</li>`);
    body = (flags.length === 0 ? '' : `<li class="status-flagged"><strong>${escapeHtml(translate(lang, 'summary.flagged'))}</strong><ul>${flags.join('')}</ul></li>`) + report.exercises
      .map((exercise) => {
        const checks = exercise.checks
          .filter((check) => check.status !== 'pass')
          .map((check) => {
            const hint = check.hint && isFailed(check.status) ? `<br><span class="hint">${escapeHtml(translate(lang, 'check.hint'))} ${escapeHtml(check.hint)}</span>` : '';
            return `<li>${statusSymbols[check.status]} ${escapeHtml(check.title)} — ${escapeHtml(check.message)}${hint}</li>`;
          });
        const mark = exercise.passed ? statusSymbols.pass : statusSymbols.fail;
        return `<li>${mark} <strong>${escapeHtml(exercise.title)}</strong> ${exercise.score}/${exercise.maxScore}${checks.length ? `<ul>${checks.join('')}</ul>` : ''}</li>`;
      })
      .join('');
  } else {
    body = `<li>${escapeHtml(result.status === 'error' ? translate(lang, 'feedback.error', { reason: result.reason ?? '' }) : translate(lang, 'feedback.pending'))}</li>`;
  }
  return `<details id="fb-${escapeHtml(result.student.id)}" lang="${lang}"><summary>${escapeHtml(title)}</summary><ul class="feedback">${body}</ul></details>`;
};

/** report.html in pieces: the page up to the heatmap's rows, a row per student, and so on (never the whole page at once). */
export function* gradebookHtmlPieces(gradebook: Gradebook): Generator<string> {
  const t = (id: UiMessageId, data?: TextData) => translate(gradebook.lang, id, data);
  const title = t('gradebook.title', { lab: gradebook.outline.id });
  yield `<!doctype html>
<html lang="${gradebook.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${GRADEBOOK_CSS}</style>
</head>
<body data-complete="${gradebook.complete}">
${header(gradebook, t)}
${heatmapHead(gradebook, t)}`;
  for (const [i, result] of gradebook.students.entries()) yield `${i === 0 ? '' : '\n'}${heatmapRow(result, gradebook, t)}`;
  yield `${HEATMAP_END}
${gradebook.progress ? `<section id="progress"><h2>${escapeHtml(t('live.chart'))}</h2>
${progressChartSvg(gradebook.progress, gradebook.outline, gradebook.lang)}</section>` : ''}
${ratesSection(gradebook, t)}
<section id="feedback"><h2>${escapeHtml(t('gradebook.feedback'))}</h2>
`;
  for (const [i, result] of gradebook.students.entries()) yield `${i === 0 ? '' : '\n'}${feedbackOf(result, gradebook, t)}`;
  yield `
</section>
<script>${GRADEBOOK_SCRIPT}</script>
</body>
</html>
`;
}

export const formatGradebookHtml = (gradebook: Gradebook): string => [...gradebookHtmlPieces(gradebook)].join('');
