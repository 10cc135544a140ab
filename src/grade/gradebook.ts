// The gradebook of a run: the students' results with the cohort's figures.
// Its files are made by the formatters of report/ and written by the CLI.
import { summarize } from './summary.js';
import type { ClassProgress, Gradebook, LabOutline, RunStats, Shard, StudentResult } from './types.js';
import type { Lang } from '../core/text.js';

export interface GradebookInput {
  outline: LabOutline;
  lang: Lang;
  results: StudentResult[];
  complete: boolean;
  generatedAt: string;
  cohortSize: number;
  shard?: Shard;
  run: RunStats;
  progress?: ClassProgress;
}

export const buildGradebook = (input: GradebookInput): Gradebook => ({
  outline: input.outline,
  lang: input.lang,
  complete: input.complete,
  generatedAt: input.generatedAt,
  cohortSize: input.cohortSize,
  ...(input.shard === undefined ? {} : { shard: input.shard }),
  students: input.results,
  summary: summarize(input.outline, input.results),
  run: input.run,
  ...(input.progress === undefined ? {} : { progress: input.progress }),
});
