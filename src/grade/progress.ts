// The progress bar of `tp grade` on a terminal: students done, failures so far,
// time left. This file makes the text; the CLI decides where (and whether) it goes.
import { translate } from '../i18n/index.js';
import type { Lang } from '../core/text.js';

export interface ProgressState {
  done: number;
  total: number;
  errors: number;
  elapsedMs: number;
}

const BAR_WIDTH = 24;

export const formatDuration = (ms: number): string => {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
};

export const progressLine = (state: ProgressState, lang: Lang): string => {
  const ratio = state.total === 0 ? 1 : state.done / state.total;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  const parts = [translate(lang, 'grade.progress', { done: state.done, total: state.total })];
  if (state.errors > 0) parts.push(translate(lang, 'grade.progressErrors', { errors: state.errors }));
  // The rate so far predicts the rest; before the first student there is nothing to go on.
  if (state.done > 0 && state.done < state.total) {
    parts.push(translate(lang, 'grade.progressLeft', { time: formatDuration((state.elapsedMs / state.done) * (state.total - state.done)) }));
  }
  return `${bar} ${parts.join(' · ')}`;
};

export interface ProgressBar {
  studentDone(failed: boolean): void;
  /** Removes the bar, leaving the terminal line clean for what follows. */
  clear(): void;
}

/** Redraws at most every `intervalMs` on a terminal line through `write`. */
export const makeProgressBar = (
  write: (text: string) => void,
  options: { total: number; lang: Lang; clock: () => number; intervalMs?: number },
): ProgressBar => {
  const started = options.clock();
  const state: ProgressState = { done: 0, total: options.total, errors: 0, elapsedMs: 0 };
  let lastDraw = -Infinity;
  const draw = () => {
    state.elapsedMs = options.clock() - started;
    lastDraw = options.clock();
    write(`\r\u001b[K${progressLine(state, options.lang)}`);
  };
  draw();
  return {
    studentDone(failed) {
      state.done += 1;
      if (failed) state.errors += 1;
      if (state.done === state.total || options.clock() - lastDraw >= (options.intervalMs ?? 100)) draw();
    },
    clear: () => write('\r\u001b[K'),
  };
};
