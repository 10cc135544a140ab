// Gradescope (`--format gradescope`): the results.json its autograder
// specification defines (its specs.md page in gradescope/autograder_samples): a
// top-level `score` (which overrides the sum of the tests), and a test per
// exercise with `name`, `score`, `max_score`, `status` (passed or failed), its
// `output` as plain text, and `visibility`. `tp grade --format gradescope` writes
// one per graded student.
import type { CheckResult, ExerciseResult, Report } from '../engine/types.js';
import { translate } from '../i18n/index.js';
import { statusSymbols } from './pretty.js';
import { isFailed } from '../core/check-status.js';
import { oneLine } from './exercise-summary.js';

export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: 'visible';
}

export interface GradescopeResults {
  score: number;
  output: string;
  tests: GradescopeTest[];
}

const checkLines = (check: CheckResult, report: Report): string[] => {
  const lines = [`${statusSymbols[check.status]} ${oneLine(check.title)} — ${check.earned}/${check.points}`];
  if (check.status !== 'pass' && check.message !== '') lines.push(`    ${oneLine(check.message)}`);
  if (isFailed(check.status) && check.hint) lines.push(`    ${translate(report.lang, 'check.hint')} ${oneLine(check.hint)}`);
  return lines;
};

const testOf = (exercise: ExerciseResult, report: Report): GradescopeTest => ({
  name: exercise.title,
  score: exercise.score,
  max_score: exercise.maxScore,
  // Gradescope marks a test passed when it has all its points; an exercise passes on its checks (SPEC), said explicitly.
  status: exercise.passed ? 'passed' : 'failed',
  output: exercise.checks.flatMap((check) => checkLines(check, report)).join('\n'),
  visibility: 'visible',
});

export const gradescopeResults = (report: Report): GradescopeResults => {
  const total = translate(report.lang, 'summary.total', {
    score: report.score,
    maxScore: report.maxScore,
    passed: report.exercises.filter((exercise) => exercise.passed).length,
    exercises: report.exercises.length,
  });
  const warnings = report.warnings.map((warning) => `${translate(report.lang, 'summary.warnings')}: ${oneLine(warning)}`);
  const flags = (report.flags ?? []).map((flag) => `✘ ${flag.check}: ${oneLine(flag.reason)}`);
  const flagged = flags.length === 0 ? [] : [translate(report.lang, 'summary.flagged'), ...flags];
  return {
    score: report.score,
    output: [...flagged, `${report.labTitle ?? report.lab}: ${total}`, ...warnings].join('\n'),
    tests: [
      ...report.exercises.map((exercise) => testOf(exercise, report)),
      // A flagged submission says so where Gradescope shows results, as a failed test worth nothing.
      ...(flags.length === 0 ? [] : [{ name: translate(report.lang, 'summary.flagged'), score: 0, max_score: 0, status: 'failed' as const, output: flags.join('\n'), visibility: 'visible' as const }]),
    ],
  };
};

export const formatGradescope = (report: Report): string => `${JSON.stringify(gradescopeResults(report), null, 2)}\n`;
