// tp check <lab>: checks one target and prints the report.
import { appendFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Report } from '../../engine/types.js';
import { loadKubeconfig } from '../../cluster/kubeconfig.js';
import { checkTarget } from '../../engine/check-target.js';
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
import { hintSession } from '../hint-session.js';

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

export const runCheck = async (labRef: string, options: CheckOptions, io: CliIo): Promise<number> => {
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
  const kubeconfig = loadKubeconfig({ ...options, env: io.env, homeDir: io.homeDir });
  const target = {
    lab,
    kubeconfig,
    answersFile: resolve(io.cwd, answersFile),
    variables,
    httpVia: options.httpVia,
    timeoutMs: options.timeout * 1000,
    lang,
    now: io.now,
  };
  const labFile = relative(io.cwd, lab.file);
  // A lab outside the working directory (a built-in one) is not a file of the CI's checkout: not named.
  const labFileInCwd = labFile.startsWith('..') || isAbsolute(labFile) ? {} : { labFile };
  const render = (report: Report, color: boolean) =>
    formatter({ ...report, ...labFileInCwd, target: { ...report.target, answers: answersFile } }, { color });

  const hints = hintSession({
    lab,
    answersFile: target.answersFile,
    lang,
    ...(options.hint === undefined ? {} : { asked: options.hint }),
    warn: (text) => io.stderr.write(`tp: ${text}\n`),
  });
  if (options.watch) {
    const { watchCheck } = await import('../watch/watch-check.js');
    return watchCheck(target, render, io, { hints });
  }
  const started = performance.now();
  const checked = await checkTarget(target);
  const { requests } = checked;
  const report = await hints.look(checked.report);
  // For benchmarks and curious trainers: how much the check cost the API server.
  if (io.env.TP_STATS === '1') io.stderr.write(`tp: ${requests} API requests, ${Math.round(performance.now() - started)} ms\n`);
  const shown = { ...report, target: { ...report.target, answers: answersFile } };
  // The job summary is where students read what to fix: the reporter's log shows only the tests' names.
  if (formatName === 'github' || formatName === 'classroom') await writeStepSummary(shown, io);
  if (formatName === 'classroom') await writeClassroomOutput(shown, io);
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
