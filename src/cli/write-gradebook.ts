// Writes the gradebook's files under the output directory, as the formatters
// of report/ make them. Each file is written atomically (a temporary file
// renamed), so an interrupted run leaves every file either absent or whole;
// grades.json goes last, so its presence says the whole set was written.
import { join } from 'node:path';
import { makeLimit } from '../core/limit.js';
import { writeFileAtomic } from '../core/write-atomic.js';
import type { Gradebook } from '../grade/types.js';
import { DEFAULT_GRADEBOOK_FORMATS, loadGradebookFiles, type GradebookFormat } from '../report/index.js';

// feedback/<id>.md, gradescope/<id>/results.json, grades.csv, report.html, then grades.json.
const WRITE_ORDER: readonly GradebookFormat[] = ['feedback', 'gradescope', 'csv', 'html', 'json'];

/** Writes the files of the formats asked for; returns the paths written. */
export const writeGradebook = async (
  dir: string,
  gradebook: Gradebook,
  formats: ReadonlySet<GradebookFormat> = new Set(DEFAULT_GRADEBOOK_FORMATS),
): Promise<string[]> => {
  const written: string[] = [];
  // Hundreds of small files: a few at a time keeps file descriptors in check.
  const limit = makeLimit(16);
  const filesByFormat = (await loadGradebookFiles(WRITE_ORDER.filter((name) => formats.has(name))))(gradebook);
  for (const files of filesByFormat) {
    await Promise.all(
      files.map((file) =>
        limit(async () => {
          const path = join(dir, file.path);
          await writeFileAtomic(path, file.pieces(), { within: dir });
          written.push(path);
        }),
      ),
    );
  }
  return written;
};
