// The live class on the trainer's terminal: a compact table redrawn in place
// when stdout is a terminal, else a line per change (a log, a pipe). Student
// strings are cleaned by the formatters; only the redraw sequence is tp's.
import type { ClassSession } from '../../classroom/class-session.js';
import type { Lang } from '../../core/text.js';
import { formatChangeLines, formatLiveTable } from '../../report/live-table.js';
import { writeStyled } from '../clean-io.js';
import type { CliIo } from '../io.js';

const CLEAR_SCREEN = '\x1b[2J\x1b[H';
const REDRAW_EVERY_MS = 500;

export interface TerminalView {
  stop(): void;
}

type Terminal = CliIo['stdout'] & { columns?: number; rows?: number };

export const showOnTerminal = (session: ClassSession, io: CliIo, lang: Lang, url: string | undefined): TerminalView => {
  const stdout = io.stdout as Terminal;
  if (stdout.isTTY === true && io.env['TERM'] !== 'dumb') {
    let dirty = true;
    const draw = () => {
      if (!dirty) return;
      dirty = false;
      const now = io.now().getTime();
      const table = formatLiveTable({
        outline: session.outline,
        rows: session.rows(),
        aggregate: session.aggregate(),
        lang,
        ...(url === undefined ? {} : { url }),
        columns: stdout.columns ?? 100,
        lines: stdout.rows ?? 30,
        now,
      });
      writeStyled(stdout, `${CLEAR_SCREEN}${table}\n`);
    };
    const stopListening = session.listen({ rows: () => (dirty = true), aggregate: () => (dirty = true) });
    const timer = setInterval(draw, REDRAW_EVERY_MS);
    return {
      stop() {
        clearInterval(timer);
        stopListening();
      },
    };
  }
  const stopListening = session.listen({
    records: (records) => {
      const lines = formatChangeLines(records, (id) => session.rowById(id), session.outline, lang);
      if (lines.length > 0) stdout.write(`${lines.join('\n')}\n`);
    },
  });
  return { stop: stopListening };
};
