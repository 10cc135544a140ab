// The live page of a class (`tp grade --watch --serve`): a shell with no
// student data in it — the rows and the figures come over server-sent
// events and are written into the page by its script with textContent only,
// so no student string is ever parsed as markup. The UI words travel in a
// data attribute, escaped; the script and the style are files of the server
// (its Content-Security-Policy allows nothing inline, nothing elsewhere).
import type { Lang } from '../core/text.js';
import { translate, type UiMessageId } from '../i18n/index.js';
import { escapeHtml } from './escape-html.js';

/** The words the script needs, by the names it uses. */
const SCRIPT_WORDS = {
  connected: 'live.connected',
  reconnecting: 'live.reconnecting',
  summary: 'live.summary',
  passed: 'live.passed',
  median: 'live.median',
  stuck: 'live.stuck',
  stuckCheck: 'live.stuckCheck',
  stuckIdle: 'live.stuckIdle',
  noneStuck: 'live.noneStuck',
  reason: 'live.reason',
  noReasons: 'live.noReasons',
  student: 'gradebook.student',
  score: 'gradebook.score',
  status: 'gradebook.status',
  graded: 'grade.status.graded',
  error: 'grade.status.error',
  pending: 'grade.status.pending',
  hint: 'check.hint',
  hintsUsed: 'gradebook.hintsUsed',
} satisfies Record<string, UiMessageId>;

export const formatLivePage = (labTitle: string, lang: Lang, token: string): string => {
  const t = (id: UiMessageId, data?: Record<string, string | number>) => escapeHtml(translate(lang, id, data));
  const words = Object.fromEntries(Object.entries(SCRIPT_WORDS).map(([name, id]) => [name, translate(lang, id)]));
  const asset = (name: string) => `${name}?token=${encodeURIComponent(token)}`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${t('live.title', { lab: labTitle })}</title>
<link rel="stylesheet" href="${escapeHtml(asset('live.css'))}">
</head>
<body data-words="${escapeHtml(JSON.stringify(words))}">
<header><h1>${t('live.title', { lab: labTitle })}</h1>
<p class="meta"><span id="connection" class="down">${t('live.reconnecting')}</span> · <span id="summary"></span></p></header>
<div class="columns">
<section id="exercises"><h2>${t('live.progress')}</h2><table id="exercise-table"><tbody></tbody></table></section>
<section id="stuck"><h2 id="stuck-title">${t('live.stuck', { time: '…' })}</h2><ul id="stuck-list"></ul></section>
<section id="reasons"><h2>${t('live.reasons')}</h2><ul id="reason-list"></ul></section>
</div>
<section id="heatmap"><h2>${t('gradebook.heatmap')}</h2>
<div class="controls"><input type="search" id="filter" placeholder="${t('gradebook.filter')}" aria-label="${t('gradebook.filter')}"></div>
<div class="heatmap-wrap"><table class="heatmap" id="heatmap-table"><thead></thead><tbody></tbody></table></div></section>
<section id="progress"><h2>${t('live.chart')}</h2><img id="chart" alt="${t('live.chart')}" src="${escapeHtml(asset('chart.svg'))}"></section>
<aside id="report" hidden><button type="button" id="close-report">${t('live.close')}</button><h2 id="report-title">${t('live.studentReport')}</h2><div id="report-body"></div></aside>
<script src="${escapeHtml(asset('live.js'))}"></script>
</body>
</html>
`;
};
