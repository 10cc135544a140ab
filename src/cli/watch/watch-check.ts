// tp check --watch: a live checklist. Re-checks when the cluster changes (watches
// on the kinds the lab reads) or the answers file is saved, redraws in place on
// a terminal, and stops cleanly on Ctrl-C with the exit code of the last check.
import type { Report } from '../../engine/types.js';
import { checkTarget, type CheckTargetOptions } from '../../engine/check-target.js';
import { kindsNeeded } from '../../engine/evaluate.js';
import { kindsOfCluster } from '../../engine/cluster-kinds.js';
import type { ClusterWatch } from '../../cluster/watch.js';
import type { ResolvedKind } from '../../discovery/types.js';
import { translate } from '../../i18n/index.js';
import { colorEnabled } from '../../report/colors.js';
import { TpError } from '../../core/errors.js';
import { cleanText } from '../../core/clean-text.js';
import type { CliIo } from '../io.js';
import { writeStyled } from '../clean-io.js';
import { exitCodeOf } from '../exit.js';
import { onInterrupt } from '../interrupt.js';
import { watchFile } from './file-watch.js';
import { debounceSerial } from './debounce.js';
import type { HintSession } from '../hint-session.js';

const CLEAR_SCREEN = '\x1b[2J\x1b[H';
const DEBOUNCE_MS = 300;
/** A log grows without any object changing: labs that read logs are re-checked this often too. */
export const LOG_RECHECK_MS = 5000;

export interface WatchControls {
  /** Stops the watch as Ctrl-C does (tests use it). */
  signal?: AbortSignal;
  /** Called after each check (tests use it). */
  onReport?: (report: Report) => void;
  /** Hints that climb: one session for the whole watch (a check climbs once per failing episode). */
  hints?: HintSession;
}

export const watchCheck = (
  target: CheckTargetOptions,
  render: (report: Report, color: boolean) => string,
  io: CliIo,
  controls: WatchControls = {},
): Promise<number> =>
  new Promise<number>((resolve) => {
    const tty = Boolean(io.stdout.isTTY);
    const color = colorEnabled(io.stdout, io.env);
    let exitCode = 2;
    // One resolver for the whole watch: the kinds are resolved once, for the watches and every re-check.
    const kinds = target.kinds ?? kindsOfCluster(target.kubeconfig, target.kubeconfig.connection.reader({ timeoutMs: target.timeoutMs }), target.now);
    const recheck = async () => {
      try {
        const checked = await checkTarget({ ...target, kinds });
        const report = controls.hints ? await controls.hints.look(checked.report) : checked.report;
        exitCode = exitCodeOf(report);
        const footer = translate(target.lang, 'cli.watching', { file: target.answersFile });
        // The report was cleaned before it was painted; the footer quotes a path the user typed.
        writeStyled(io.stdout, `${tty ? CLEAR_SCREEN : '\n'}${render(report, color)}\n${cleanText(footer)}\n`);
        controls.onReport?.(report);
      } catch (error) {
        // A broken answers file mid-edit or a cluster blip: say so and keep watching.
        const message = error instanceof TpError ? error.message : (error as Error).message;
        writeStyled(io.stdout, `${tty ? CLEAR_SCREEN : '\n'}tp: ${cleanText(message)}\n`);
        exitCode = 2;
      }
    };
    const scheduler = debounceSerial(recheck, DEBOUNCE_MS);
    let clusterWatch: ClusterWatch | undefined;
    let stopped = false;
    // A name that does not resolve is not watched: its checks say why at each re-check.
    // Kinds read only to explain a failure (events) are not followed: they change all the time, a verdict does not.
    void kinds.resolve(kindsNeeded(target.lab, target.variables, { explanations: false })).then((resolved) => {
      const watched = [...resolved.values()].flatMap((r): ResolvedKind[] => (r.ok ? [r.kind] : []));
      if (!stopped) clusterWatch = target.kubeconfig.connection.watch(target.kubeconfig.namespace, watched, () => scheduler.trigger());
    });
    const fileWatch = watchFile(target.answersFile, () => scheduler.trigger());
    const readsLogs = target.lab.exercises.some((exercise) => exercise.checks.some((check) => check.kind === 'logs'));
    const logTimer = readsLogs ? setInterval(() => scheduler.trigger(), LOG_RECHECK_MS) : undefined;
    const stop = () => {
      clearInterval(logTimer);
      stopped = true;
      stopListening();
      scheduler.cancel();
      clusterWatch?.stop();
      fileWatch.stop();
      resolve(exitCode);
    };
    const stopListening = onInterrupt(stop);
    controls.signal?.addEventListener('abort', stop, { once: true });
    void recheck();
  });
