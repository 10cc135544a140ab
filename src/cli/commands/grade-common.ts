// What tp grade shares between grading clusters (grade.ts) and grading
// submission files (grade-submissions.ts): the lab chosen, the Moodle identifier
// checked, the progress bar and Ctrl-C, and the end — the gradebook written, said, pushed.
import { setMaxListeners } from 'node:events';
import { dirname, resolve } from 'node:path';
import type { HttpVia } from '../../cluster/http-types.js';
import { CohortError, TpError } from '../../core/errors.js';
import { labOutline } from '../../grade/outline.js';
import { makeProgressBar, type ProgressBar } from '../../grade/progress.js';
import type { CohortRun } from '../../grade/run-cohort.js';
import type { Cohort, Gradebook, MoodleIdentifier, Shard, StudentResult } from '../../grade/types.js';
import { translate } from '../../i18n/index.js';
import type { Lab } from '../../lab/types.js';
import type { CliIo } from '../io.js';
import { writeStyled } from '../clean-io.js';
import { oneLine } from '../../core/clean-text.js';
import { isLabPath, loadLab } from '../load-lab.js';
import { gradeExitCode } from './grade-options.js';
import { onInterrupt } from '../interrupt.js';
import type { Lang } from '../../core/text.js';
import { buildGradebook } from '../../grade/gradebook.js';
import { MOODLE_IDENTIFIERS, cohortFieldName, isMoodleIdentifier, judgeIdentifier } from '../../grade/moodle-identifier.js';
import { writeGradebook } from '../write-gradebook.js';
import { flagReasons, isFlagged } from '../../grade/summary.js';
import type { PushOptions, PushStep } from '../moodle-push-step.js';
import type { GradebookFormat } from '../../report/index.js';

export interface GradeOptions extends PushOptions {
  /** A folder or zip of submission files (tp submit) to grade offline, instead of clusters. */
  submissions?: string;
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
export const checkMoodleIdentifier = (cohort: Cohort, option: string | undefined, lang: Lang, io: CliIo): void => {
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
export const chooseLab = async (labRef: string | undefined, cohort: Cohort | undefined, cwd: string): Promise<Lab> => {
  const fromCohort = cohort?.lab;
  if (labRef === undefined) {
    if (fromCohort === undefined || cohort === undefined) throw new TpError('USAGE', cohort === undefined ? 'no lab: name it (tp grade tp4 --submissions …)' : `no lab: name it (tp grade tp4 --cohort …) or write "lab: tp4" in ${cohort.file}`);
    return loadLab(fromCohort, dirname(cohort.file));
  }
  const lab = await loadLab(labRef, cwd);
  if (cohort === undefined || fromCohort === undefined) return lab;
  // A lab file named by path is read to learn its id: naming a file is no way around the comparison.
  const byPath = isLabPath(fromCohort);
  const cohortLabId = byPath ? (await loadLab(fromCohort, dirname(cohort.file))).id : fromCohort;
  if (cohortLabId !== lab.id && `tp${cohortLabId}` !== lab.id) {
    const named = byPath ? `"${cohortLabId}" (${fromCohort})` : `"${fromCohort}"`;
    throw new CohortError([{ file: cohort.file, line: 1, col: 1, severity: 'error', message: `this cohort is for lab ${named}, not "${lab.id}"` }]);
  }
  return lab;
};

/** What could not be read for a graded student (a kind over tp's cap in their namespace, forbidden): each once. */
const unreadFor = (result: StudentResult): string[] =>
  [...new Set((result.report?.exercises ?? []).flatMap((exercise) => exercise.checks).filter((check) => check.messageId === 'engine.read-failed').map((check) => check.message))];

/** Students in error one per line, then graded students with something unread, then flagged ones (tp grade, and the live class when it stops). */
export const studentLines = (gradebook: Gradebook, lang: Lang, io: CliIo): void => {
  for (const result of gradebook.students.filter((r) => r.status === 'error')) {
    io.stderr.write(`  ${translate(lang, 'grade.studentError', { id: result.student.id, reason: result.reason ?? '' })}\n`);
  }
  for (const result of gradebook.students.filter((r) => r.status === 'graded')) {
    for (const reason of unreadFor(result)) io.stderr.write(`  ${translate(lang, 'grade.studentUnread', { id: result.student.id, reason: oneLine(reason) })}\n`);
  }
  // A grade from a submission that looks edited is never silent: said here, kept out of grades.csv and Moodle.
  for (const result of gradebook.students.filter(isFlagged)) {
    io.stderr.write(`  ${translate(lang, 'grade.studentFlagged', { id: result.student.id, reasons: flagReasons(result) })}\n`);
  }
};

/** The students' lines, then the count; the bar (if any) is gone by now. */
export const finalWords = (gradebook: Gradebook, lang: Lang, outputDir: string, io: CliIo): void => {
  studentLines(gradebook, lang, io);
  if (!gradebook.complete) io.stderr.write(`${translate(lang, 'grade.interrupted')}\n`);
  const { summary } = gradebook;
  const seconds = (gradebook.run.durationMs / 1000).toFixed(1);
  io.stderr.write(`${translate(lang, 'grade.finished', { graded: summary.graded, students: summary.students, errors: summary.errors, pending: summary.pending, seconds })}\n`);
  io.stderr.write(`${translate(lang, 'grade.written', { dir: outputDir })}\n`);
};

/** Runs `work` with Ctrl-C and a progress bar on a terminal; the signal aborts it. */
export const withProgress = async <T>(total: number, lang: Lang, io: CliIo, work: (signal: AbortSignal, done: (error: boolean) => void) => Promise<T>): Promise<T> => {
  const controller = new AbortController();
  // Every API request in flight listens to it: dozens at once is expected, not a leak.
  setMaxListeners(0, controller.signal);
  const stopListening = onInterrupt(() => controller.abort());
  const clock = () => io.now().getTime();
  const bar: ProgressBar | undefined =
    io.stderr.isTTY === true && io.env['TERM'] !== 'dumb'
      ? makeProgressBar((text) => writeStyled(io.stderr, text), { total, lang, clock })
      : undefined;
  try {
    return await work(controller.signal, (error) => bar?.studentDone(error));
  } finally {
    stopListening();
    bar?.clear();
  }
};

export interface Finish {
  lab: Lab;
  lang: Lang;
  run: Pick<CohortRun, 'results' | 'complete' | 'stats'>;
  cohortSize: number;
  shard: Shard | undefined;
  formats: ReadonlySet<GradebookFormat>;
  push: PushStep | undefined;
}

/** The gradebook of a run, written, said, and pushed when asked; the exit code. */
export const finishGrade = async ({ lab, lang, run, cohortSize, shard, formats, push }: Finish, options: GradeOptions, io: CliIo): Promise<number> => {
  const gradebook = buildGradebook({
    outline: labOutline(lab, lang),
    lang,
    results: run.results,
    complete: run.complete,
    generatedAt: io.now().toISOString(),
    cohortSize,
    ...(shard ? { shard } : {}),
    run: run.stats,
  });
  const outputDir = resolve(io.cwd, options.output);
  await writeGradebook(outputDir, gradebook, formats);
  finalWords(gradebook, lang, options.output, io);
  // After the gradebook is on disk: whatever Moodle says, nothing graded is lost.
  if (push) await push(gradebook);
  return gradeExitCode(gradebook, options.exitZeroWithErrors);
};

/** `--moodle-id`, checked. */
export const checkMoodleId = (option: string | undefined): MoodleIdentifier | undefined => {
  if (option !== undefined && !isMoodleIdentifier(option)) throw new TpError('USAGE', `--moodle-id ${option}: expected ${MOODLE_IDENTIFIERS.join(', ')}`);
  return option;
};

