import { describe, expect, it } from 'vitest';
import { formatGithub } from '../../src/report/github.js';
import { formatPretty } from '../../src/report/pretty.js';
import { englishReport } from './sample-report.js';

describe('formatGithub', () => {
  const output = formatGithub(englishReport());
  const commands = output.split('\n').filter((line) => line.startsWith('::'));

  it('annotates failures and errors as errors, with the hint', () => {
    expect(commands).toContain('::error title=tp4 cm1-labels::lecture interdite (403)%0AHint: Vérifiez vos droits');
    expect(commands.filter((line) => line.startsWith('::error '))).toHaveLength(3);
  });

  it('keeps each annotation on one line: %, CR and LF are escaped, controls dropped', () => {
    expect(commands).toContain(
      `::error title=tp4 answer4-selector::expected <none> & "fr" or 'uk', got 100%25%0Asecond line%0AHint: Essayez kubectl get cm -l country=fr`,
    );
    const report = englishReport();
    const check = report.exercises[1]?.checks[0];
    if (check) check.message = 'a\r\nb';
    expect(formatGithub(report)).toContain('::a%0D%0Ab%0AHint:');
  });

  it('escapes : and , in the title property', () => {
    const report = englishReport();
    report.lab = 'tp4:v2,final';
    expect(formatGithub(report)).toContain('::error title=tp4%3Av2%2Cfinal cm1-labels::');
  });

  it('warns on skipped checks and notes manual ones, never on passes', () => {
    expect(commands).toContain('::warning title=tp4 cm5-optional::sans objet sur ce cluster');
    expect(commands).toContain('::notice title=tp4 contexts-review::manual review');
    expect(commands).toHaveLength(5);
  });

  it('ends with the plain report, without colour', () => {
    expect(output.endsWith(formatPretty(englishReport(), { color: false }))).toBe(true);
    expect(output).not.toMatch(/\u001b\[/);
  });
});
