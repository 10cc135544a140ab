// The text `tp lab test` prints: one line per scenario, then what is proven.
import type { LabTestResult } from '../labtest/run-lab-test.js';
import type { ScenarioVerdict } from '../labtest/scenario.js';

export const formatScenarioLine = (verdict: ScenarioVerdict): string => {
  const mark = verdict.ok ? '✔' : '✘';
  const problems = [
    verdict.notFailed.length ? `should fail but passed: ${verdict.notFailed.join(', ')}` : '',
    verdict.unexpected.length ? `failed but should pass: ${verdict.unexpected.join(', ')}` : '',
  ].filter(Boolean);
  return `${mark} ${verdict.id}${problems.length ? ` — ${problems.join('; ')}` : ''}`;
};

export const formatLabTestSummary = (labId: string, result: LabTestResult): string => {
  const lines: string[] = [];
  const skipped = new Set(result.skippedInSolution.map((s) => s.id));
  const unproven = result.checkIds.filter((id) => !result.provenByMutation.includes(id));
  if (result.partialOf !== undefined) {
    lines.push(`${result.verdicts.length} of ${result.partialOf} scenarios run (--only): whether every check can fail is judged by the whole run`);
  } else lines.push(`${result.provenByMutation.length}/${result.checkIds.length} checks proven by a mutation`);
  for (const id of result.partialOf === undefined ? unproven : []) {
    const reason = result.skippedInSolution.find((s) => s.id === id)?.reason;
    lines.push(skipped.has(id) ? `  – ${id}: skipped here (${reason})` : `  ✘ ${id}: no mutation makes it fail`);
  }
  for (const verdict of result.verdicts.filter((v) => !v.ok)) {
    for (const id of [...verdict.notFailed, ...verdict.unexpected]) {
      const check = verdict.report.exercises.flatMap((e) => e.checks).find((c) => c.id === id);
      if (check) lines.push(`  ${verdict.id} / ${id}: ${check.status} — ${check.message}`);
    }
  }
  lines.push(result.ok ? `lab ${labId}: OK` : `lab ${labId}: FAILED`);
  return `${lines.join('\n')}\n`;
};
