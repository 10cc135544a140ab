// The gradebook files kept current while the class works: rewritten (each
// atomically, as tp grade writes them) some seconds after a change, one write
// at a time. The whole-class files (grades.csv, grades.json, report.html) cost
// the class, so they are written at most every MIN_EVERY_MS, and never more
// than a tenth of the time; feedback/<id>.md only for students whose result
// changed since the last write.
import type { ClassSession } from '../../classroom/class-session.js';
import type { Gradebook } from '../../grade/types.js';
import type { GradebookFormat } from '../../report/index.js';
import { writeGradebook } from '../write-gradebook.js';

const MIN_EVERY_MS = 5000;
/** A write that took d ms is followed by none for 10 d: at most a tenth of tp's time goes to them. */
const DUTY = 10;

export interface GradebookKeeper {
  /** Stops, and waits for the write under way. */
  stop(): Promise<void>;
}

export const keepGradebook = (
  session: ClassSession,
  dir: string,
  formats: ReadonlySet<GradebookFormat>,
  gradebookOf: () => Gradebook,
  onError: (error: Error) => void,
): GradebookKeeper => {
  const changed = new Set<number>(session.state.tracks().map((track) => track.index));
  let dirty = false;
  let writing: Promise<void> | undefined;
  let notBefore = 0;
  const rest = new Set([...formats].filter((format) => format !== 'feedback'));

  const write = async () => {
    const started = Date.now();
    const gradebook = gradebookOf();
    dirty = false;
    if (formats.has('feedback') && changed.size > 0) {
      const students = gradebook.students.filter((result) => changed.has(result.student.index));
      changed.clear();
      await writeGradebook(dir, { ...gradebook, students }, new Set(['feedback']));
    }
    // grades.json last, as tp grade writes it: its presence says the set is whole.
    await writeGradebook(dir, gradebook, rest);
    notBefore = Date.now() + Math.max(MIN_EVERY_MS, DUTY * (Date.now() - started));
  };

  const stopListening = session.listen({
    rows: (rows) => {
      for (const row of rows) changed.add(row.index);
      dirty = true;
    },
  });
  const timer = setInterval(() => {
    if (!dirty || writing || Date.now() < notBefore) return;
    writing = write()
      .catch((error: unknown) => onError(error as Error))
      .finally(() => {
        writing = undefined;
      });
  }, 500);
  // The first write as soon as every student was graded once, whatever the wait since.
  void session.followed.firstRound.then(() => {
    dirty = true;
    notBefore = 0;
  });

  return {
    async stop() {
      clearInterval(timer);
      stopListening();
      await writing;
    },
  };
};
