// tp check <lab>: checks one target and prints the report.
import { resolve } from 'node:path';
import type { Report } from '../../engine/types.js';
import { loadKubeconfig } from '../../cluster/kubeconfig.js';
import { checkTarget } from '../../engine/check-target.js';
import { parseSetOptions, resolveVariables } from '../../engine/variables.js';
import { formatNames, loadFormatter } from '../../report/index.js';
import { colorEnabled } from '../../report/colors.js';
import { translate } from '../../i18n/index.js';
import { TpError } from '../../core/errors.js';
import type { HttpVia } from '../../cluster/http-types.js';
import { chooseLang, type CliIo } from '../io.js';
import { loadLab } from '../load-lab.js';
import { exitCodeOf } from '../exit.js';
import { writeFileAtomic } from '../../core/write-atomic.js';
import type { ClusterOptions } from '../target-options.js';

export interface CheckOptions extends ClusterOptions {
  answers?: string;
  format?: string;
  output?: string;
  watch?: boolean;
  lang?: string;
  set: string[];
  timeout: number;
  httpVia: HttpVia;
}

export const runCheck = async (labRef: string, options: CheckOptions, io: CliIo): Promise<number> => {
  const lang = chooseLang(options.lang, io);
  const formatName = options.format ?? 'pretty';
  const formatter = await loadFormatter(formatName);
  if (!formatter) throw new TpError('USAGE', translate(lang, 'cli.unknownFormat', { format: formatName, formats: formatNames.join(', ') }));
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
  const render = (report: Report, color: boolean) => formatter({ ...report, target: { ...report.target, answers: answersFile } }, { color });

  if (options.watch) {
    const { watchCheck } = await import('../watch/watch-check.js');
    return watchCheck(target, render, io);
  }
  const started = performance.now();
  const { report, requests } = await checkTarget(target);
  // For benchmarks and curious trainers: how much the check cost the API server.
  if (io.env.TP_STATS === '1') io.stderr.write(`tp: ${requests} API requests, ${Math.round(performance.now() - started)} ms\n`);
  if (options.output) {
    await writeFileAtomic(resolve(io.cwd, options.output), render(report, false));
    io.stderr.write(`${translate(lang, 'cli.reportWritten', { file: options.output })}\n`);
  } else {
    io.stdout.write(render(report, formatName === 'pretty' && colorEnabled(io.stdout, io.env)));
  }
  return exitCodeOf(report);
};
