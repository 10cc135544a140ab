// The class over time, in report.html (tp grade --watch) and on the live
// page: an inline SVG of the exercises passed per minute and of the median
// time to pass each exercise; lab titles escaped; nothing when there is no
// history (a plain tp grade).
import { expect, it } from 'vitest';
import { durationText, progressChartSvg } from '../../src/report/progress-chart.js';
import { formatGradebookHtml } from '../../src/report/html.js';
import { sampleGradebook, sampleOutline } from './sample-gradebook.js';
import type { ClassProgress } from '../../src/grade/types.js';

const PROGRESS: ClassProgress = {
  startedAt: '2026-12-04T09:00:00.000Z',
  passesPerMinute: [0, 2, 0, 5, 1],
  exercises: [{ id: 'contexts', timed: 4, medianMs: 150_000 }, { id: 'labels', timed: 0 }],
};

it('draws a bar per minute, scaled to the busiest, and a median per exercise', () => {
  const svg = progressChartSvg(PROGRESS, sampleOutline(), 'en');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  const bars = [...svg.matchAll(/<rect class="pass" [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
  expect(bars).toEqual([0, 48, 0, 120, 24]);
  expect(svg).toContain('>Exercises passed per minute<');
  expect(svg).toContain('>2.5 min (4)<');
  expect(svg).toMatch(/>Étiquettes<\/text><text [^>]*class="muted">—</);
  expect(svg).not.toMatch(/<script|href=|url\(/i);
});

it('escapes the titles it shows, and says when there is no data yet, in French too', () => {
  const outline = { ...sampleOutline(), exercises: sampleOutline().exercises.map((e) => ({ ...e, title: `<b>${e.title}</b> & "co"` })) };
  const svg = progressChartSvg({ ...PROGRESS, passesPerMinute: [0, 0] }, outline, 'fr');
  expect(svg).toContain('&lt;b&gt;Étiquettes&lt;/b&gt; &amp; &quot;co&quot;');
  expect(svg).not.toContain('<b>');
  expect(svg).toContain('>pas encore de données<');
});

it('is in report.html when the class was graded live, and not otherwise', () => {
  expect(formatGradebookHtml(sampleGradebook())).not.toContain('progress-chart');
  const html = formatGradebookHtml({ ...sampleGradebook(), progress: PROGRESS });
  expect(html).toContain('<section id="progress"><h2>Avancement dans le temps</h2>');
  expect(html).toContain('class="progress-chart"');
});

it('says durations as a trainer reads them', () => {
  expect([45_000, 150_000, 52 * 60_000, 65 * 60_000].map(durationText)).toEqual(['45 s', '2.5 min', '52 min', '1 h 05']);
});
