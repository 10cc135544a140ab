// tp grade [lab] --cohort <file>: grades every student of a cohort and writes
// the gradebook. A student who cannot be graded is listed in error; the
// command fails (exit 2) only after everyone else is graded and written.
import { setMaxListeners } from 'node:events';
import { dirname, resolve } from 'node:path';
import type { HttpVia } from '../../cluster/http-types.js';
import { loadKubeconfig } from '../../cluster/kubeconfig.js';
import { CohortError, TpError } from '../../core/errors.js';
import { parseSetOptions, resolveVariables } from '../../engine/variables.js';
import { loadCohortFile } from '../../grade/cohort-file.js';
import { labOutline } from '../../grade/outline.js';
import { makeProgressBar, type ProgressBar } from '../../grade/progress.js';
import { runCohort, type CohortRun } from '../../grade/run-cohort.js';
import { parseShard, shardOf } from '../../grade/shard.js';
import type { Cohort, Gradebook } from '../../grade/types.js';
import { translate } from '../../i18n/index.js';
import type { Lab } from '../../lab/types.js';
import { chooseLang, type CliIo } from '../io.js';
import { writeStyled } from '../clean-io.js';
import { loadLab } from '../load-lab.js';
import { gradeExitCode, parseFormats } from './grade-options.js';
import { onInterrupt } from '../interrupt.js';
import type { Lang } from '../../core/text.js';
import { buildGradebook } from '../../grade/gradebook.js';
import type { KubeconfigLoader } from '../../grade/group.js';
import { MOODLE_IDENTIFIERS, cohortFieldName, isMoodleIdentifier, judgeIdentifier } from '../../grade/moodle-identifier.js';
import { writeGradebook } from '../write-gradebook.js';

export interface GradeOptions {
  cohort?: string;
  output: string;
  format?: string[];
  concurrency: number;
  shard?: string;
  lang?: string;
  set: string[];
  timeout: number;
  studentTimeout: number;
  /** Students' kubeconfigs may run credential plugins and read files. */
  trustKubeconfigs?: boolean;
  httpVia: HttpVia;
  moodleId?: string;
  exitZeroWithErrors?: boolean;
  /** Keep grading live until Ctrl-C (LIST once, then WATCH). */
  watch?: boolean;
  /** With --watch: serve the live page (true: loopback, a free port). */
  serve?: string | true;
  /** With --watch: seconds after which a failing check, or no change, makes a student stuck. */
  stuckAfter?: number;
}

const moodleWords = (cohort: Cohort, lang: Lang) => ({ file: cohort.file, choose: translate(lang, 'grade.moodle.choose'), why: translate(lang, 'grade.moodle.why') });

/** At most 20 ids, then how many in all: a cohort may have hundreds. */
const listed = (ids: readonly string[]): string => ids.slice(0, 20).join(', ') + (ids.length > 20 ? `, … (${ids.length} in all)` : '');

/**
 * The Moodle identifier every student must have when grades.csv is written, checked before any
 * cluster is read: a refusal naming who lacks it (grade/moodle-identifier.ts says when), in the
 * trainer's language.
 */
const checkMoodleIdentifier = (cohort: Cohort, option: string | undefined, lang: Lang, io: CliIo): void => {
  if (option !== undefined && !isMoodleIdentifier(option)) {
    throw new TpError('USAGE', `--moodle-id ${option}: expected ${MOODLE_IDENTIFIERS.join(', ')}`);
  }
  const chosen = option ?? cohort.moodleIdentifier;
  const judged = judgeIdentifier(cohort.students, chosen);
  if (judged.verdict === 'ok') {
    if (judged.unidentified.length > 0) {
      io.stderr.write(`${translate(lang, 'grade.moodle.unidentified', { ...moodleWords(cohort, lang), field: cohortFieldName(judged.field), count: judged.unidentified.length, students: listed(judged.unidentified) })}\n`);
    }
    return;
  }
  const words = moodleWords(cohort, lang);
  if (judged.verdict === 'none') {
    io.stderr.write(`${translate(lang, 'grade.moodle.none', words)}\n`);
    return;
  }
  const [only] = judged.missing;
  if (judged.chosen !== undefined && only) {
    const field = cohortFieldName(only.field);
    const data = { ...words, field, count: only.students.length, students: listed(only.students) };
    throw new TpError('COHORT_INVALID', translate(lang, 'grade.moodle.missing', data), translate(lang, 'grade.moodle.missingAdvice', data));
  }
  const lacking = judged.missing.map(({ field, students }) => translate(lang, 'grade.moodle.lacking', { field: cohortFieldName(field), students: listed(students) })).join(translate(lang, 'grade.moodle.lackingSeparator'));
  throw new TpError('COHORT_INVALID', translate(lang, 'grade.moodle.noneComplete', { ...words, lacking }), translate(lang, 'grade.moodle.noneCompleteAdvice', words));
};

// `tp4`, `4` and a lab file path all name a lab; a cohort's own `lab:` is read from the cohort's directory.
const chooseLab = async (labRef: string | undefined, cohort: Cohort, cwd: string): Promise<Lab> => {
  const fromCohort = cohort.lab;
  if (labRef === undefined) {
    if (fromCohort === undefined) throw new TpError('USAGE', `no lab: name it (tp grade tp4 --cohort …) or write "lab: tp4" in ${cohort.file}`);
    return loadLab(fromCohort, dirname(cohort.file));
  }
  const lab = await loadLab(labRef, cwd);
  if (fromCohort !== undefined && fromCohort !== lab.id && `tp${fromCohort}` !== lab.id && !fromCohort.endsWith('.yaml')) {
    throw new CohortError([{ file: cohort.file, line: 1, col: 1, severity: 'error', message: `this cohort is for lab "${fromCohort}", not "${lab.id}"` }]);
  }
  return lab;
};

/** Error students one per line, then the count; the bar (if any) is gone by now. */
const finalWords = (gradebook: Gradebook, lang: Lang, outputDir: string, io: CliIo): void => {
  for (const result of gradebook.students.filter((r) => r.status === 'error')) {
    io.stderr.write(`  ${translate(lang, 'grade.studentError', { id: result.student.id, reason: result.reason ?? '' })}\n`);
  }
  if (!gradebook.complete) io.stderr.write(`${translate(lang, 'grade.interrupted')}\n`);
  const { summary } = gradebook;
  const seconds = (gradebook.run.durationMs / 1000).toFixed(1);
  io.stderr.write(`${translate(lang, 'grade.finished', { graded: summary.graded, students: summary.students, errors: summary.errors, pending: summary.pending, seconds })}\n`);
  io.stderr.write(`${translate(lang, 'grade.written', { dir: outputDir })}\n`);
};

export const runGrade = async (labRef: string | undefined, options: GradeOptions, io: CliIo): Promise<number> => {
  const lang = chooseLang(options.lang, io);
  const formats = parseFormats(options.format);
  const shard = options.shard === undefined ? undefined : parseShard(options.shard, io.env);
  if (options.cohort === undefined) throw new TpError('USAGE', 'tp grade needs --cohort <file>', 'Write a cohort file listing the students (docs/grading.md), then: tp grade tp4 --cohort cohort.yaml');
  const cohort = await loadCohortFile(resolve(io.cwd, options.cohort), io.homeDir);
  for (const warning of cohort.warnings) io.stderr.write(`${cohort.file}: warning: ${warning}\n`);
  const lab = await chooseLab(labRef, cohort, io.cwd);
  if (formats.has('csv')) checkMoodleIdentifier(cohort, options.moodleId, lang, io);
  const variables = resolveVariables(lab, { ...cohort.variables, ...parseSetOptions(options.set) });
  const students = shard ? shardOf(cohort.students, shard) : cohort.students;
  const loader: KubeconfigLoader = (target) =>
    loadKubeconfig({ ...target, ...(options.trustKubeconfigs ? { credentials: 'all' } : {}), env: io.env, homeDir: io.homeDir });
  if (options.serve !== undefined && !options.watch) throw new TpError('USAGE', '--serve shows the live class: it needs --watch', 'tp grade tp4 --cohort cohort.yaml --watch --serve');
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

  const controller = new AbortController();
  // Every API request in flight listens to it: dozens at once is expected, not a leak.
  setMaxListeners(0, controller.signal);
  const stopListening = onInterrupt(() => controller.abort());
  const clock = () => io.now().getTime();
  const bar: ProgressBar | undefined =
    io.stderr.isTTY === true && io.env['TERM'] !== 'dumb'
      ? makeProgressBar((text) => writeStyled(io.stderr, text), { total: students.length, lang, clock })
      : undefined;
  let run: CohortRun;
  try {
    run = await runCohort({
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
      signal: controller.signal,
      onStudent: (result) => bar?.studentDone(result.status === 'error'),
    });
  } finally {
    stopListening();
    bar?.clear();
  }
  const gradebook = buildGradebook({
    outline: labOutline(lab, lang),
    lang,
    results: run.results,
    complete: run.complete,
    generatedAt: io.now().toISOString(),
    cohortSize: cohort.students.length,
    ...(shard ? { shard } : {}),
    run: run.stats,
  });
  const outputDir = resolve(io.cwd, options.output);
  await writeGradebook(outputDir, gradebook, formats);
  finalWords(gradebook, lang, options.output, io);
  return gradeExitCode(gradebook, options.exitZeroWithErrors);
};
