// tp grade <lab> --cohort <file> --watch [--serve [host:port]]: the class
// graded live until Ctrl-C. Each cluster is listed once and then watched; a
// change grades again only the students it concerns. The history of every
// change goes to <output>/history.jsonl (and is resumed from there), the
// gradebook files stay current (gradebook-keeper.ts), the terminal shows the
// class, the page (with --serve) too.
// Ctrl-C writes the final gradebook as tp grade writes it.
import type { HttpVia } from '../../cluster/http-types.js';
import { startClassSession, type ClassSession } from '../../classroom/class-session.js';
import { classProgress } from '../../classroom/class-view.js';
import { openHistory } from '../../classroom/history-log.js';
import type { Lang } from '../../core/text.js';
import { buildGradebook } from '../../grade/gradebook.js';
import type { KubeconfigLoader } from '../../grade/group.js';
import { labOutline } from '../../grade/outline.js';
import type { CohortStudent, Gradebook, Shard } from '../../grade/types.js';
import { translate } from '../../i18n/index.js';
import type { Lab } from '../../lab/types.js';
import type { GradebookFormat } from '../../report/index.js';
import { onInterrupt } from '../interrupt.js';
import type { CliIo } from '../io.js';
import { writeGradebook } from '../write-gradebook.js';
import { gradeExitCode } from '../commands/grade-options.js';
import { studentLines } from '../commands/grade-common.js';
import { parseServeAddress, startPageServer, type PageServer } from './page-server.js';
import { keepGradebook } from './gradebook-keeper.js';
import { showOnTerminal } from './terminal-view.js';

export interface LiveGradeInput {
  lab: Lab;
  students: readonly CohortStudent[];
  cohortSize: number;
  shard?: Shard;
  variables: Readonly<Record<string, string>>;
  lang: Lang;
  formats: ReadonlySet<GradebookFormat>;
  outputDir: string;
  /** As the user wrote it, for messages. */
  outputName: string;
  httpVia: HttpVia;
  timeoutMs: number;
  studentTimeoutMs: number;
  concurrency: number;
  stuckAfterMs: number;
  /** `--serve` (true: loopback and a free port), or undefined: no page. */
  serve?: string | true;
  /** `--exit-zero-with-errors`: students in error are data, not a failure of the command. */
  exitZeroWithErrors?: boolean;
  loadKubeconfig: KubeconfigLoader;
}

const gradebookOf = (session: ClassSession, input: LiveGradeInput, io: CliIo, started: number): Gradebook => {
  const results = session.results();
  const stats = session.followed.stats();
  return buildGradebook({
    outline: session.outline,
    lang: input.lang,
    results,
    complete: results.every((result) => result.status !== 'pending'),
    generatedAt: io.now().toISOString(),
    cohortSize: input.cohortSize,
    ...(input.shard ? { shard: input.shard } : {}),
    run: { apiRequests: stats.apiRequests, clusters: stats.clusters, durationMs: Date.now() - started },
    progress: classProgress(session.state, io.now().getTime()),
  });
};

export const runLiveGrade = async (input: LiveGradeInput, io: CliIo): Promise<number> => {
  const started = Date.now();
  const { lang } = input;
  let historyFailed = false;
  const history = await openHistory(input.outputDir, input.lab.id, io.now(), (error) => {
    if (historyFailed) return;
    historyFailed = true;
    io.stderr.write(`tp: ${history.file}: ${error.message}\n`);
  });
  if (history.records.length > 0) io.stderr.write(`${translate(lang, 'live.resumed', { records: history.records.length, date: history.header.started })}\n`);
  if (history.skipped > 0) io.stderr.write(`${translate(lang, 'live.historySkipped', { file: history.file, count: history.skipped })}\n`);
  if (history.partial) io.stderr.write(`${translate(lang, 'live.historyPartial', { file: history.file })}\n`);

  const session = startClassSession({
    lab: input.lab,
    students: input.students,
    variables: input.variables,
    httpVia: input.httpVia,
    timeoutMs: input.timeoutMs,
    studentTimeoutMs: input.studentTimeoutMs,
    concurrency: input.concurrency,
    lang,
    now: io.now,
    loadKubeconfig: input.loadKubeconfig,
    outline: labOutline(input.lab, lang),
    history,
    stuckAfterMs: input.stuckAfterMs,
  });

  let server: PageServer | undefined;
  try {
    if (input.serve !== undefined) {
      const address = parseServeAddress(input.serve);
      server = await startPageServer({ ...address, session, lang, now: io.now });
      io.stdout.write(`${translate(lang, 'live.url', { url: server.url })}\n`);
    }
  } catch (error) {
    await session.stop();
    await history.close();
    throw error;
  }
  const clusters = new Set(input.students.map((s) => `${s.kubeconfig ?? ''}\u0000${s.context ?? ''}`)).size;
  io.stderr.write(`${translate(lang, 'live.following', { students: input.students.length, clusters })}\n`);
  const terminal = showOnTerminal(session, io, lang, server?.url);

  const keeper = keepGradebook(session, input.outputDir, input.formats, () => gradebookOf(session, input, io, started), (error) => {
    io.stderr.write(`tp: ${error.message}\n`);
  });

  // Until Ctrl-C (or SIGTERM, SIGHUP): the handler goes with the first one, so a second quits at once.
  await new Promise<void>((resolve) => onInterrupt(resolve));

  terminal.stop();
  await server?.close();
  await session.stop();
  await keeper.stop();
  const gradebook = gradebookOf(session, input, io, started);
  await writeGradebook(input.outputDir, gradebook, input.formats);
  await history.close();
  studentLines(gradebook, lang, io);
  io.stderr.write(`${translate(lang, 'live.written', { dir: input.outputName, history: history.file })}\n`);
  return gradeExitCode(gradebook, input.exitZeroWithErrors);
};
