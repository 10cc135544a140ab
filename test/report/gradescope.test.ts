// Gradescope's results.json, as its autograder specification defines it: the
// score tp gave, a test per exercise with its points, what is wrong in its output.
import { describe, expect, it } from 'vitest';
import { formatGradescope } from '../../src/report/gradescope.js';
import { gradebookFileText, gradebookFormatters } from '../../src/report/index.js';
import { gradescopeProblems } from '../support/gradescope-spec.js';
import { englishReport } from './sample-report.js';
import { sampleGradebook } from './sample-gradebook.js';

describe('--format gradescope', () => {
  it('writes results.json as the specification defines it, with the score tp gave', () => {
    const text = formatGradescope(englishReport());
    expect(gradescopeProblems(text)).toEqual([]);
    const results = JSON.parse(text) as { score: number; tests: Array<{ name: string; score: number; max_score: number; status: string; visibility: string }> };
    expect(results.score).toBe(3);
    expect(results.tests.map((test) => [test.name, test.score, test.max_score, test.status, test.visibility])).toEqual([
      ['Kubeconfig contexts', 3, 3, 'passed', 'visible'],
      ['Labels', 0, 5, 'failed', 'visible'],
    ]);
  });

  it('says in a test\'s output what is wrong and the hint, and nothing more for what passed', () => {
    const results = JSON.parse(formatGradescope(englishReport())) as { tests: Array<{ output: string }>; output: string };
    expect(results.tests[0]?.output).toBe('✔ Nombre de contextes — 1/1\n✔ Hôte du serveur — 2/2\n? Explication rédigée — 0/0\n    À relire par le formateur');
    expect(results.tests[1]?.output).toContain('✘ Sélecteur country=fr — 0/2\n    expected <none> & "fr"');
    expect(results.tests[1]?.output).toContain('    Hint: Essayez kubectl get cm -l country=fr');
    expect(results.output).toBe('Kubernetes objects: 3/8 points — 1/2 exercises passed\nWarnings: answers/answers_tp4:3: trailing comma tolerated');
  });

  it('writes a results.json per graded student in a gradebook, none for a student in error', async () => {
    const gradebook = sampleGradebook();
    const files = (await gradebookFormatters.gradescope.load())(gradebook);
    const graded = gradebook.students.filter((result) => result.status === 'graded');
    expect(files.map((file) => file.path)).toEqual(graded.map((result) => `gradescope/${result.student.id}/results.json`));
    for (const file of files) expect(gradescopeProblems(gradebookFileText(file))).toEqual([]);
    expect(graded.length).toBeLessThan(gradebook.students.length);
  });
});
