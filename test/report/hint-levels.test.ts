// Hints that climb in what people read: the student sees which level a hint
// is; the trainer sees how many hints each student used (grades.json, report.html).
import { describe, expect, it } from 'vitest';
import { formatPretty } from '../../src/report/pretty.js';
import { formatJson, parseJsonReport } from '../../src/report/json.js';
import { formatGradebookHtml } from '../../src/report/html.js';
import { formatGradebookJson, parseGradebookJson } from '../../src/report/gradebook-json.js';
import type { Report } from '../../src/engine/types.js';
import { frenchReport } from './sample-report.js';
import { sampleGradebook, sampleResults } from './sample-gradebook.js';
import { buildGradebook } from '../../src/grade/gradebook.js';

/** The sample report, its failing selector check at level 2 of 3. */
const climbed = (): Report => {
  const report = frenchReport();
  const check = report.exercises.flatMap((e) => e.checks).find((c) => c.id === 'answer4-selector');
  if (check) Object.assign(check, { hint: 'Un sélecteur clé=valeur', hintLevel: 2, hintCount: 3 });
  return report;
};

describe('a hint at its level', () => {
  it('pretty says which level it is, in French and English', () => {
    expect(formatPretty(climbed(), { color: false })).toContain('      Indice 2/3 : Un sélecteur clé=valeur');
    expect(formatPretty({ ...climbed(), lang: 'en' }, { color: false })).toContain('      Hint 2/3: Un sélecteur clé=valeur');
    // A check with one hint keeps its plain label.
    expect(formatPretty(climbed(), { color: false })).toContain('      Indice : Vérifiez vos droits');
  });

  it('JSON carries the level and the count, and reads them back', () => {
    const json = formatJson(climbed());
    const check = (JSON.parse(json) as { exercises: Array<{ checks: Array<Record<string, unknown>> }> }).exercises[1]?.checks[0];
    expect(check).toMatchObject({ id: 'answer4-selector', hint: 'Un sélecteur clé=valeur', hintLevel: 2, hintCount: 3 });
    const back = parseJsonReport(json).exercises[1]?.checks[0];
    expect(back).toMatchObject({ hintLevel: 2, hintCount: 3 });
  });
});

describe('hints used, for the trainer', () => {
  const results = sampleResults();
  if (results[0]) results[0] = { ...results[0], hints: { used: 3, levels: { 'answer4-selector': 2, 'cm1-labels': 1 } } };
  const gradebook = { ...sampleGradebook(), ...buildGradebook({ ...sampleGradebookInput(), results }) };

  it('report.html: the count beside each student\'s score, and the level reached in the check\'s cell', () => {
    const html = formatGradebookHtml(gradebook);
    expect(html).toMatch(/<summary>Alice Martin \(alice\) — 3\/8 · indices utilisés : 3<\/summary>/);
    expect(html).toMatch(/title="Sélecteur country=fr — [^"]* \(indices utilisés : 2\)"/);
    // Bob has no hint state: nothing said.
    expect(html).not.toMatch(/Bob.*indices utilisés/);
  });

  it('grades.json: hintsUsed and hintLevels per student, kept through a merge', () => {
    const text = formatGradebookJson(gradebook);
    const alice = (JSON.parse(text) as { students: Array<Record<string, unknown>> }).students[0];
    expect(alice).toMatchObject({ id: 'alice', hintsUsed: 3, hintLevels: { 'answer4-selector': 2, 'cm1-labels': 1 } });
    expect(parseGradebookJson(text, 'grades.json').students[0]?.hints).toEqual({ used: 3, levels: { 'answer4-selector': 2, 'cm1-labels': 1 } });
    expect(parseGradebookJson(text, 'grades.json').students[1]?.hints).toBeUndefined();
  });
});

function sampleGradebookInput() {
  const sample = sampleGradebook();
  return { outline: sample.outline, lang: sample.lang, complete: true, generatedAt: sample.generatedAt, cohortSize: 3, run: sample.run };
}
