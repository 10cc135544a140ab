// tp grade <lab> --submissions <folder or zip> [--cohort <file>]: the students
// graded from the submission files they handed in (tp submit), offline, into
// the same gradebook as a live run. With a cohort, each file is matched to its
// student (id, email, idNumber, username, or Moodle's full name); without one,
// each file or folder is a student. What could not be matched is listed.
import { resolve } from 'node:path';
import { TpError } from '../../core/errors.js';
import type { Lang } from '../../core/text.js';
import { parseSetOptions, resolveVariables } from '../../engine/variables.js';
import { loadCohortFile } from '../../grade/cohort-file.js';
import { gradeSubmissions } from '../../grade/grade-submissions.js';
import { matchToCohort, studentsFromSources } from '../../grade/match-submissions.js';
import { shardOf } from '../../grade/shard.js';
import { listSubmissions } from '../../grade/submission-sources.js';
import type { Shard } from '../../grade/types.js';
import { translate } from '../../i18n/index.js';
import type { GradebookFormat } from '../../report/index.js';
import type { CliIo } from '../io.js';
import { preparePush } from '../moodle-push-step.js';
import { checkMoodleId, checkMoodleIdentifier, chooseLab, finishGrade, withProgress, type GradeOptions } from './grade-common.js';

export interface GradeContext {
  lang: Lang;
  formats: ReadonlySet<GradebookFormat>;
  shard: Shard | undefined;
}

export const runGradeSubmissions = async (labRef: string | undefined, options: GradeOptions, io: CliIo, { lang, formats, shard }: GradeContext): Promise<number> => {
  const path = resolve(io.cwd, options.submissions as string);
  const cohort = options.cohort === undefined ? undefined : await loadCohortFile(resolve(io.cwd, options.cohort), io.homeDir, { answersRequired: false });
  for (const warning of cohort?.warnings ?? []) io.stderr.write(`${cohort?.file}: warning: ${warning}\n`);
  const lab = await chooseLab(labRef, cohort, io.cwd);
  if (cohort && formats.has('csv')) checkMoodleIdentifier(cohort, options.moodleId, lang, io);
  const chosen = checkMoodleId(options.moodleId) ?? cohort?.moodleIdentifier;
  if (options.push !== undefined && cohort === undefined) {
    throw new TpError('USAGE', '--push moodle with --submissions needs --cohort: Moodle finds students by an email, idNumber or username that only a cohort file gives');
  }
  const push = preparePush(options, cohort?.students ?? [], chosen, lang, io);
  const variables = resolveVariables(lab, { ...cohort?.variables, ...parseSetOptions(options.set) });
  const listing = await listSubmissions(path);
  try {
    const matching = cohort ? matchToCohort(cohort.students, listing.sources) : studentsFromSources(listing.sources);
    for (const { where, reason } of [...listing.skipped, ...matching.unmatched]) io.stderr.write(`${translate(lang, 'grade.unmatched', { where, reason })}\n`);
    const students = shard ? shardOf(matching.students, shard) : matching.students;
    if (students.length === 0 && cohort === undefined) throw new TpError('USAGE', `--submissions ${options.submissions}: no submission file in it (*.json.gz, as tp submit writes them)`);
    const run = await withProgress(students.length, lang, io, (signal, done) =>
      gradeSubmissions({ lab, matching: { ...matching, students }, variables, lang, concurrency: options.concurrency, signal, onStudent: (result) => done(result.status === 'error') }));
    return await finishGrade({ lab, lang, run, cohortSize: matching.students.length, shard, formats, push }, options, io);
  } finally {
    await listing.close();
  }
};
