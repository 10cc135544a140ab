// Which students to grade again, and when: a student marked is graded after
// `debounceMs` (a rollout's burst of events gives one grading, not fifty),
// at most `concurrency` at once, never twice at the same time; marked while
// being graded, they are graded once more after, so the last change is never
// missed. The cost of a change is one student's grading, whatever the class.
import { makeLimit } from '../core/limit.js';

export interface StudentQueue {
  mark(index: number): void;
  /** Students waiting or being graded, for tests and benchmarks. */
  readonly busy: number;
  /** Stops taking marks and waits for the gradings under way. */
  stop(): Promise<void>;
}

export const makeStudentQueue = (grade: (index: number) => Promise<void>, options: { debounceMs: number; concurrency: number }): StudentQueue => {
  const limit = makeLimit(options.concurrency);
  const dirty = new Set<number>();
  /** Waiting for a slot: a new mark changes nothing, the grading has not read anything yet. */
  const queued = new Set<number>();
  const running = new Set<number>();
  const again = new Set<number>();
  const underWay = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const start = (index: number) => {
    queued.add(index);
    const work = limit(async () => {
      queued.delete(index);
      if (stopped) return;
      running.add(index);
      try {
        await grade(index);
      } finally {
        running.delete(index);
      }
    })
      .catch(() => {
        // grade() says its own failures as the student's result; nothing may stop the queue.
      })
      .finally(() => {
        underWay.delete(work);
        if (again.delete(index)) mark(index);
      });
    underWay.add(work);
  };

  const flush = () => {
    timer = undefined;
    for (const index of dirty) {
      if (queued.has(index)) continue;
      if (running.has(index)) again.add(index);
      else start(index);
    }
    dirty.clear();
  };

  const mark = (index: number) => {
    if (stopped) return;
    dirty.add(index);
    timer ??= setTimeout(flush, options.debounceMs);
  };

  return {
    mark,
    get busy() {
      return dirty.size + queued.size + running.size;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.all(underWay);
    },
  };
};
