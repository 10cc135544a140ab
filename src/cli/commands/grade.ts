// tp grade [lab] --cohort <file>: grades every student of a cohort and writes
// the gradebook. A student who cannot be graded is listed in error; the
// command fails (exit 2) only after everyone else is graded and written.
import { resolve } from 'node:path';
import { loadKubeconfig } from '../../cluster/kubeconfig.js';
import { TpError } from '../../core/errors.js';
import { parseSetOptions, resolveVariables } from '../../engine/variables.js';
import { loadCohortFile } from '../../grade/cohort-file.js';
import { runCohort } from '../../grade/run-cohort.js';
import { parseShard, shardOf } from '../../grade/shard.js';
import { chooseLang, type CliIo } from '../io.js';
import { parseFormats } from './grade-options.js';
import { preparePush } from '../moodle-push-step.js';
import { checkMoodleId, checkMoodleIdentifier, chooseLab, finishGrade, withProgress, type GradeOptions } from './grade-common.js';
import type { KubeconfigLoader } from '../../grade/group.js';

export type { GradeOptions } from './grade-common.js';

export const runGrade = async (labRef: string | undefined, options: GradeOptions, io: CliIo): Promise<number> => {
  const lang = chooseLang(options.lang, io);
  const formats = parseFormats(options.format);
  const shard = options.shard === undefined ? undefined : parseShard(options.shard, io.env);
  if (options.serve !== undefined && !options.watch) throw new TpError('USAGE', '--serve shows the live class: it needs --watch', 'tp grade tp4 --cohort cohort.yaml --watch --serve');
  if (options.watch && options.submissions !== undefined) throw new TpError('USAGE', '--watch follows clusters as the class works: submission files do not change, grade them without --watch');
  if (options.watch && options.push !== undefined) throw new TpError('USAGE', '--push sends a finished gradebook: stop the live class (Ctrl-C), then run tp grade … --push moodle');
  if (options.submissions !== undefined) {
    const { runGradeSubmissions } = await import('./grade-submissions.js');
    return runGradeSubmissions(labRef, options, io, { lang, formats, shard });
  }
  if (options.cohort === undefined) throw new TpError('USAGE', 'tp grade needs --cohort <file> (or --submissions <folder or zip>)', 'Write a cohort file listing the students (docs/grading.md), then: tp grade tp4 --cohort cohort.yaml');
  const cohort = await loadCohortFile(resolve(io.cwd, options.cohort), io.homeDir);
  for (const warning of cohort.warnings) io.stderr.write(`${cohort.file}: warning: ${warning}\n`);
  const lab = await chooseLab(labRef, cohort, io.cwd);
  if (formats.has('csv')) checkMoodleIdentifier(cohort, options.moodleId, lang, io);
  const push = preparePush(options, cohort.students, checkMoodleId(options.moodleId) ?? cohort.moodleIdentifier, lang, io);
  const variables = resolveVariables(lab, { ...cohort.variables, ...parseSetOptions(options.set) });
  const students = shard ? shardOf(cohort.students, shard) : cohort.students;
  const loader: KubeconfigLoader = (target) =>
    loadKubeconfig({ ...target, ...(options.trustKubeconfigs ? { credentials: 'all' } : {}), env: io.env, homeDir: io.homeDir });
  if (options.watch) {
    const { runLiveGrade } = await import('../live/live-grade.js');
    return runLiveGrade(
      {
        lab,
        students,
        cohortSize: cohort.students.length,
        ...(shard ? { shard } : {}),
        variables,
        lang,
        formats,
        outputDir: resolve(io.cwd, options.output),
        outputName: options.output,
        httpVia: options.httpVia,
        timeoutMs: options.timeout * 1000,
        studentTimeoutMs: options.studentTimeout * 1000,
        concurrency: options.concurrency,
        stuckAfterMs: (options.stuckAfter ?? 600) * 1000,
        ...(options.serve === undefined ? {} : { serve: options.serve }),
        ...(options.exitZeroWithErrors ? { exitZeroWithErrors: true } : {}),
        loadKubeconfig: loader,
      },
      io,
    );
  }
  const run = await withProgress(students.length, lang, io, (signal, done) =>
    runCohort({
      lab,
      students,
      variables,
      httpVia: options.httpVia,
      timeoutMs: options.timeout * 1000,
      studentTimeoutMs: options.studentTimeout * 1000,
      concurrency: options.concurrency,
      lang,
      now: io.now,
      loadKubeconfig: loader,
      signal,
      onStudent: (result) => done(result.status === 'error'),
    }));
  return finishGrade({ lab, lang, run, cohortSize: cohort.students.length, shard, formats, push }, options, io);
};

