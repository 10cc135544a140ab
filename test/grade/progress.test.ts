import { describe, expect, it } from 'vitest';
import { makeProgressBar, progressLine } from '../../src/grade/progress.js';

describe('the progress bar', () => {
  it('shows students done, failures so far and time left', () => {
    expect(progressLine({ done: 50, total: 200, errors: 2, elapsedMs: 1000 }, 'en')).toBe(
      '[######..................] 50/200 students graded · 2 in error · ~3 s left',
    );
    expect(progressLine({ done: 0, total: 10, errors: 0, elapsedMs: 0 }, 'fr')).toBe('[........................] 0/10 étudiants notés');
  });

  it('redraws one terminal line, not too often, and clears it at the end', () => {
    let now = 0;
    const writes: string[] = [];
    const bar = makeProgressBar((text) => writes.push(text), { total: 3, lang: 'en', clock: () => now, intervalMs: 100 });
    bar.studentDone(false);
    now = 50;
    bar.studentDone(true);
    now = 60;
    bar.studentDone(false);
    bar.clear();
    expect(writes).toHaveLength(3);
    expect(writes[1]).toBe('\r\u001b[K[########################] 3/3 students graded · 1 in error');
    expect(writes[2]).toBe('\r\u001b[K');
  });
});
