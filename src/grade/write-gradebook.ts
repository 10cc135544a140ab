// Writes the gradebook's files under the output directory. Each file is
// written atomically (a temporary file renamed), so an interrupted run leaves
// every file either absent or whole; grades.json goes last, so its presence
// says the whole set was written.
import { join } from 'node:path';
import { writeFileAtomic } from '../core/write-atomic.js';
import { formatGradesCsv } from '../report/csv.js';
import { formatFeedback } from '../report/feedback.js';
import { formatGradebookHtml } from '../report/html.js';
import { GRADEBOOK_FILES, GRADEBOOK_FORMATS, type GradebookFormat } from './formats.js';
import { formatGradebookJson } from './gradebook-json.js';
import { makeLimit } from '../core/limit.js';
import { summarize } from './summary.js';
import type { Gradebook, LabOutline, RunStats, Shard, StudentResult } from './types.js';
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
});

/** Writes feedback/<id>.md, grades.csv, report.html, then grades.json (those asked for); returns the paths written. */
export const writeGradebook = async (
  dir: string,
  gradebook: Gradebook,
  formats: ReadonlySet<GradebookFormat> = new Set(GRADEBOOK_FORMATS),
): Promise<string[]> => {
  const written: string[] = [];
  const write = async (path: string, text: string) => {
    await writeFileAtomic(path, text);
    written.push(path);
  };
  // Hundreds of small files: a few at a time keeps file descriptors in check.
  const limit = makeLimit(16);
  if (formats.has('feedback')) {
    await Promise.all(
      gradebook.students.map((result) =>
        limit(() => write(join(dir, GRADEBOOK_FILES.feedback, `${result.student.id}.md`), formatFeedback(result, gradebook.outline.title, gradebook.lang))),
      ),
    );
  }
  if (formats.has('csv')) await write(join(dir, GRADEBOOK_FILES.csv), formatGradesCsv(gradebook));
  if (formats.has('html')) await write(join(dir, GRADEBOOK_FILES.html), formatGradebookHtml(gradebook));
  if (formats.has('json')) await write(join(dir, GRADEBOOK_FILES.json), formatGradebookJson(gradebook));
  return written;
};
