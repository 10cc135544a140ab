// The steps of examples/release/release.yml, read from the file itself, so that the
// tests run what the workflow runs: a step's `run:` script with `${{ matrix.target }}`
// and the other expressions filled in as GitHub would for the platform of this machine.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
}
interface Workflow {
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix: { include: Array<{ runner: string; target: string }> } }; steps: Step[] }>;
}

export const releaseWorkflow = (): Workflow => parse(readFileSync('examples/release/release.yml', 'utf8')) as Workflow;

/** The `run:` script of the step named `name` in `job`, its `${{ … }}` expressions replaced from `values`. */
export const releaseStep = (job: string, name: string, values: Record<string, string> = {}): string => {
  const step = releaseWorkflow().jobs[job]?.steps.find((s) => s.name === name);
  if (step?.run === undefined) throw new Error(`examples/release/release.yml has no step "${name}" with a run: script in job ${job}`);
  return step.run.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (expression, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`the step "${name}" uses ${expression}, which the test does not give`);
    return value;
  });
};
