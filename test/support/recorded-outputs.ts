// Everything a test's tp runs printed or wrote, kept to be searched at the end
// (a Secret's value must be in none of them).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CliRun } from './run-cli.js';

export interface RecordedOutputs {
  outputs: Array<{ label: string; text: string }>;
  /** Keeps a run's stdout and stderr under `label`, and gives the run back. */
  record(label: string, run: CliRun): CliRun;
}

export const recordedOutputs = (): RecordedOutputs => {
  const outputs: RecordedOutputs['outputs'] = [];
  return {
    outputs,
    record(label, run) {
      outputs.push({ label: `${label} (stdout)`, text: run.stdout }, { label: `${label} (stderr)`, text: run.stderr });
      return run;
    },
  };
};

/** Every file under `dir`, at any depth (a gradebook's files). */
export const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
