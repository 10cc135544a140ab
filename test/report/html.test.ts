// report.html as text: self-contained, escaped, one heatmap row per student.
import { describe, expect, it } from 'vitest';
import { formatGradebookHtml } from '../../src/report/html.js';
import { sampleGradebook } from './sample-gradebook.js';

describe('report.html', () => {
  const html = formatGradebookHtml(sampleGradebook());

  it('loads nothing from the network: no http(s) URL in any src or href, and a CSP that forbids it', () => {
    const links = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]);
    expect(links.filter((link) => /^(?:https?:)?\/\//i.test(link ?? ''))).toEqual([]);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain(`content="default-src 'none'`);
  });

  it('has one heatmap row per student and a cell per check', () => {
    const body = html.slice(html.indexOf('<table class="sortable heatmap"'), html.indexOf('</table>', html.indexOf('heatmap-table')));
    const rows = [...body.matchAll(/<tr data-student="([^"]+)"/g)].map((match) => match[1]);
    expect(rows).toEqual(['alice', 'bob', 'carol']);
    expect([...body.matchAll(/<td class="cell /g)]).toHaveLength(3 * 7);
  });

  it('escapes names and messages', () => {
    expect(html).not.toContain('Carol <script>');
    expect(html).toContain('Carol &lt;script&gt;');
    expect(html).toContain('expected &lt;none&gt; &amp; &quot;fr&quot;');
  });

  it('shows the success rate of every check', () => {
    expect(html).toMatch(/<tr data-check="answer1-context-count">.*2\/2.*100 %/);
    expect(html).toMatch(/<tr data-check="answer4-selector">.*0\/2.*0 %/);
  });

  it('says so when the gradebook is incomplete', () => {
    expect(html).not.toContain('id="incomplete"');
    expect(formatGradebookHtml(sampleGradebook({ complete: false }))).toContain('id="incomplete"');
  });
});
