// tp check <lab>: checks one target and prints the report.
import { appendFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Report } from '../../engine/types.js';
import { loadKubeconfig } from '../../cluster/kubeconfig.js';
import { checkTarget, type CheckTargetOptions } from '../../engine/check-target.js';
import type { Lab } from '../../lab/types.js';
import type { Lang } from '../../core/text.js';
import { parseSetOptions, resolveVariables } from '../../engine/variables.js';
import { formatNames, isFormatName, loadFormatter, type FormatName } from '../../report/index.js';
import { colorEnabled } from '../../report/colors.js';
import { translate } from '../../i18n/index.js';
import { TpError } from '../../core/errors.js';
import { cleanDeep } from '../../core/clean-text.js';
import type { HttpVia } from '../../cluster/http-types.js';
import { chooseLang, type CliIo } from '../io.js';
import { writeStyled } from '../clean-io.js';
import { loadLab } from '../load-lab.js';
import { exitCodeOf } from '../exit.js';
import { writeFileAtomic } from '../../core/write-atomic.js';
import type { ClusterOptions } from '../target-options.js';
import { hintSession, type HintSession } from '../hint-session.js';
import { derivationCount, keepVerdictsIn } from '../../core/answer-hash.js';
import { keptVerdicts } from '../answer-verdicts.js';

export interface CheckOptions extends ClusterOptions {
  answers?: string;
  format?: string;
  output?: string;
  watch?: boolean;
  lang?: string;
  set: string[];
  timeout: number;
  httpVia: HttpVia;
  /** `--hint N`: show level N of every failing check's hints. */
  hint?: number;
  /** `--submission <file>`: check a submission file instead of a cluster. */
  submission?: string;
}

// `--output json` is almost always a `--format` mistyped: said so, with a file name that would do.
const EXAMPLE_FILE: Readonly<Record<FormatName, string>> = { pretty: 'report.txt', json: 'report.json', junit: 'report.xml', github: 'report.txt', markdown: 'report.md', classroom: 'classroom.json', gradescope: 'results.json' };

/** In a GitHub Actions step, `--format github` also writes the whole report as Markdown to the job summary. */
const writeStepSummary = async (report: Report, io: CliIo): Promise<void> => {
  const summaryFile = io.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile === undefined || summaryFile === '') return;
  const markdown = await loadFormatter('markdown');
  // Appended, as every step of the job adds its part to the one file.
  if (markdown) await appendFile(resolve(io.cwd, summaryFile), `${markdown(report, { color: false })}\n`);
};

/**
 * `--format classroom` in a GitHub Actions step: the step output `result` that
 * Classroom's reporter reads, appended to $GITHUB_OUTPUT as its graders do.
 */
const writeClassroomOutput = async (report: Report, io: CliIo): Promise<void> => {
  const outputFile = io.env['GITHUB_OUTPUT'];
  if (outputFile === undefined || outputFile === '') return;
  const { classroomOutputLine } = await import('../../report/classroom.js');
  await appendFile(resolve(io.cwd, outputFile), classroomOutputLine(cleanDeep(report)));
};

/** What tp check and tp submit share: the lab, the variables, the answers file, how the report is shown. */
export interface PreparedCheck {
  lang: Lang;
  lab: Lab;
  variables: Record<string, string>;
  /** The answers file as the user named it. */
  answersFile: string;
  formatName: string;
  /** The live target: its kubeconfig is read only when a cluster is checked (not for --submission). */
  liveTarget(): CheckTargetOptions;
  /** The report in the chosen format, naming the answers file as the user did. */
  render(report: Report, color: boolean): string;
  /** The report in the chosen format, its target as it is (a submission names its own answers file). */
  format(report: Report, color: boolean): string;
  hints: HintSession;
}

export const prepareCheck = async (labRef: string, options: CheckOptions, io: CliIo): Promise<PreparedCheck> => {
  const lang = chooseLang(options.lang, io);
  const formatName = options.format ?? 'pretty';
  const formatter = await loadFormatter(formatName);
  if (!formatter) throw new TpError('USAGE', translate(lang, 'cli.unknownFormat', { format: formatName, formats: formatNames.join(', ') }));
  if (options.output !== undefined && isFormatName(options.output)) {
    throw new TpError('USAGE', `--output ${options.output}: did you mean --format ${options.output}?`, `--output takes a file name: --format ${options.output} --output ${EXAMPLE_FILE[options.output]}`);
  }
  const lab = await loadLab(labRef, io.cwd);
  const variables = resolveVariables(lab, parseSetOptions(options.set));
  const answersFile = options.answers ?? `answers/answers_${lab.id}`;
  const labFile = relative(io.cwd, lab.file);
  // A lab outside the working directory (a built-in one) is not a file of the CI's checkout: not named.
  const labFileInCwd = labFile.startsWith('..') || isAbsolute(labFile) ? {} : { labFile };
  return {
    lang,
    lab,
    variables,
    answersFile,
    formatName,
    liveTarget: () => ({
      lab,
      kubeconfig: loadKubeconfig({ ...options, env: io.env, homeDir: io.homeDir }),
      answersFile: resolve(io.cwd, answersFile),
      variables,
      httpVia: options.httpVia,
      timeoutMs: options.timeout * 1000,
      lang,
      now: io.now,
    }),
    render: (report, color) => formatter({ ...report, ...labFileInCwd, target: { ...report.target, answers: answersFile } }, { color }),
    format: (report, color) => formatter({ ...report, ...labFileInCwd }, { color }),
    hints: hintSession({
      lab,
      answersFile: resolve(io.cwd, answersFile),
      lang,
      ...(options.hint === undefined ? {} : { asked: options.hint }),
      warn: (text) => io.stderr.write(`tp: ${text}\n`),
    }),
  };
};

/** Prints (or writes) the report in the chosen format, with what GitHub Actions reads beside it; returns the exit code. */
export const showReport = async (prepared: PreparedCheck, report: Report, options: Pick<CheckOptions, 'output'>, io: CliIo): Promise<number> => {
  const { formatName, render, lang } = prepared;
  // The job summary is where students read what to fix: the reporter's log shows only the tests' names.
  if (formatName === 'github' || formatName === 'classroom') await writeStepSummary(report, io);
  if (formatName === 'classroom') await writeClassroomOutput(report, io);
  if (options.output) {
    await writeFileAtomic(resolve(io.cwd, options.output), render(report, false));
    io.stderr.write(`${translate(lang, 'cli.reportWritten', { file: options.output })}\n`);
  } else {
    const color = formatName === 'pretty' && colorEnabled(io.stdout, io.env);
    // The formatter painted a cleaned report: its colours are tp's own.
    if (color) writeStyled(io.stdout, render(report, true));
    else io.stdout.write(render(report, false));
  }
  return exitCodeOf(report);
};

/** `tp check --submission <file>`: the file graded offline, as the trainer's tp grades it (Gradescope's run_autograder). */
const checkSubmission = async (prepared: PreparedCheck, file: string, options: CheckOptions, io: CliIo): Promise<number> => {
  const { readSubmissionFile } = await import('../../submission/file.js');
  const { gradeSubmission } = await import('../../submission/grade.js');
  const submission = await readSubmissionFile(resolve(io.cwd, file));
  const { report } = await gradeSubmission(submission, { lab: prepared.lab, variables: prepared.variables, lang: prepared.lang, source: file });
  return showReport({ ...prepared, render: prepared.format }, report, options, io);
};

export const runCheck = async (labRef: string, options: CheckOptions, io: CliIo): Promise<number> => {
  const prepared = await prepareCheck(labRef, options, io);
  if (options.submission !== undefined) {
    if (options.watch) throw new TpError('USAGE', '--submission and --watch: a submission file does not change, nothing to watch');
    return checkSubmission(prepared, options.submission, options, io);
  }
  const target = prepared.liveTarget();
  const { hints } = prepared;
  // An answer checked by a hash, unchanged since the last run, is not derived again (answer-verdicts.ts).
  const verdicts = keptVerdicts(io.env, io.homeDir);
  keepVerdictsIn(verdicts);
  try {
    if (options.watch) {
      const { watchCheck } = await import('../watch/watch-check.js');
      return await watchCheck(target, prepared.render, io, { hints });
    }
    return await checkOnce(prepared, target, labRef, options, io);
  } finally {
    keepVerdictsIn(undefined);
    verdicts.save();
  }
};

const checkOnce = async (prepared: PreparedCheck, target: CheckTargetOptions, labRef: string, options: CheckOptions, io: CliIo): Promise<number> => {
  const { hints } = prepared;
  const started = performance.now();
  const derivationsBefore = derivationCount();
  const checked = await checkTarget(target);
  const report = await hints.look(checked.report);
  // For benchmarks and curious trainers: how much the check cost the API server.
  if (io.env.TP_STATS === '1') {
    const derived = derivationCount() - derivationsBefore;
    const cost = [
      `${checked.requests} API requests`,
      `${checked.connections} connection${checked.connections === 1 ? '' : 's'}`,
      `${derived} answer hash${derived === 1 ? '' : 'es'} derived`,
    ];
    io.stderr.write(`tp: ${cost.join(', ')}, ${Math.round(performance.now() - started)} ms\n`);
  }
  const code = await showReport(prepared, { ...report, target: { ...report.target, answers: prepared.answersFile } }, options, io);
  // Where the trainer cannot reach this cluster (a laptop), this is how the work is handed in: said to a person at a terminal.
  if (prepared.formatName === 'pretty' && options.output === undefined && io.stdout.isTTY === true) {
    io.stderr.write(`${translate(prepared.lang, 'check.howToSubmit', { lab: labRef, file: submissionFileOf(prepared.lab.id) })}\n`);
  }
  return code;
};

/** Where tp submit writes by default: beside the answers file the course asks for. */
export const submissionFileOf = (labId: string): string => `answers/submission_${labId}.json.gz`;
