// The class over time as one inline SVG (report.html, and the live page as
// an image): the exercises passed per minute since the class began, and the
// median time each exercise took to pass. Text only from the lab and tp, all
// escaped; no script, no font, no link: it draws the same offline.
import type { ClassProgress, LabOutline } from '../grade/types.js';
import { translate } from '../i18n/index.js';
import type { Lang } from '../core/text.js';
import { escapeHtml } from './escape-html.js';

const WIDTH = 720;
const PLOT_LEFT = 190;
const PLOT_WIDTH = WIDTH - PLOT_LEFT - 80;
const BARS_TOP = 34;
const BARS_HEIGHT = 120;
const ROW = 20;
/** More minutes than this are drawn as buckets of several minutes (their rate per minute). */
const MAX_BARS = 120;

/** A duration as a trainer reads it: `45 s`, `7.5 min`, `52 min`, `1 h 05`. */
export const durationText = (ms: number): string => {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = ms / 60_000;
  if (minutes < 10) return `${Math.round(minutes * 10) / 10} min`;
  if (minutes < 60) return `${Math.round(minutes)} min`;
  return `${Math.floor(minutes / 60)} h ${String(Math.round(minutes % 60)).padStart(2, '0')}`;
};

const text = (x: number, y: number, content: string, extra = ''): string =>
  `<text x="${x}" y="${y}"${extra}>${escapeHtml(content)}</text>`;

const passesPanel = (progress: ClassProgress, lang: Lang): string => {
  const perMinute = progress.passesPerMinute;
  const size = Math.max(1, Math.ceil(perMinute.length / MAX_BARS));
  const rates: number[] = [];
  for (let start = 0; start < perMinute.length; start += size) {
    const bucket = perMinute.slice(start, start + size);
    rates.push(bucket.reduce((sum, n) => sum + n, 0) / bucket.length);
  }
  const top = Math.max(...rates, 0);
  const title = text(0, 16, translate(lang, 'live.chartPasses'), ' class="title"');
  if (top === 0) return `${title}${text(PLOT_LEFT, BARS_TOP + BARS_HEIGHT / 2, translate(lang, 'live.chartNoData'), ' class="muted"')}`;
  const barWidth = PLOT_WIDTH / rates.length;
  const bars = rates
    .map((rate, i) => {
      const height = (rate / top) * BARS_HEIGHT;
      const y = BARS_TOP + BARS_HEIGHT - height;
      return `<rect class="pass" x="${(PLOT_LEFT + i * barWidth).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, barWidth - 1).toFixed(1)}" height="${height.toFixed(1)}"><title>${escapeHtml(`${i * size}–${(i + 1) * size} min: ${Math.round(rate * 10) / 10}`)}</title></rect>`;
    })
    .join('');
  const axis = `<line x1="${PLOT_LEFT}" y1="${BARS_TOP + BARS_HEIGHT}" x2="${PLOT_LEFT + PLOT_WIDTH}" y2="${BARS_TOP + BARS_HEIGHT}" class="axis"/>`;
  const labels =
    text(PLOT_LEFT - 6, BARS_TOP + 10, String(Math.round(top * 10) / 10), ' text-anchor="end"') +
    text(PLOT_LEFT - 6, BARS_TOP + BARS_HEIGHT, '0', ' text-anchor="end"') +
    text(PLOT_LEFT, BARS_TOP + BARS_HEIGHT + 16, translate(lang, 'live.minutes', { minutes: 0 })) +
    text(PLOT_LEFT + PLOT_WIDTH, BARS_TOP + BARS_HEIGHT + 16, translate(lang, 'live.minutes', { minutes: perMinute.length }), ' text-anchor="end"');
  return `${title}${bars}${axis}${labels}`;
};

const timesPanel = (progress: ClassProgress, outline: LabOutline, lang: Lang, top: number): string => {
  const titles = new Map(outline.exercises.map((exercise) => [exercise.id, exercise.title]));
  const longest = Math.max(...progress.exercises.map((exercise) => exercise.medianMs ?? 0), 0);
  const rows = progress.exercises
    .map((exercise, i) => {
      const y = top + 26 + i * ROW;
      const title = titles.get(exercise.id) ?? exercise.id;
      const label = text(PLOT_LEFT - 6, y + 13, title.length > 28 ? `${title.slice(0, 27)}…` : title, ' text-anchor="end"');
      if (exercise.medianMs === undefined || longest === 0) return `${label}${text(PLOT_LEFT, y + 13, '—', ' class="muted"')}`;
      const width = Math.max(1, (exercise.medianMs / longest) * PLOT_WIDTH);
      return `${label}<rect class="time" x="${PLOT_LEFT}" y="${y + 2}" width="${width.toFixed(1)}" height="${ROW - 6}"/>${text(PLOT_LEFT + width + 6, y + 13, `${durationText(exercise.medianMs)} (${exercise.timed})`)}`;
    })
    .join('');
  return `${text(0, top + 16, translate(lang, 'live.chartTime'), ' class="title"')}${rows}`;
};

export const progressChartSvg = (progress: ClassProgress, outline: LabOutline, lang: Lang): string => {
  const timesTop = BARS_TOP + BARS_HEIGHT + 34;
  const height = timesTop + 30 + progress.exercises.length * ROW;
  const label = escapeHtml(translate(lang, 'live.chart'));
  return `<svg xmlns="http://www.w3.org/2000/svg" class="progress-chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${label}">
<style>text{font:12px system-ui,sans-serif;fill:#1f2328}.title{font-weight:600}.muted{fill:#8c959f}.pass{fill:#1a7f37}.time{fill:#0969da}.axis{stroke:#8c959f}</style>
${passesPanel(progress, lang)}
${timesPanel(progress, outline, lang, timesTop)}
</svg>`;
};
