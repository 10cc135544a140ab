// Which students are graded again, and when: a burst of changes is one
// grading, a student is never graded twice at once, and a change that comes
// while they are being graded gives one more grading after.
import { expect, it } from 'vitest';
import { makeStudentQueue } from '../../src/classroom/student-queue.js';

const later = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** Waits until `condition` holds (a loaded machine may be slow to fire timers); fails after 5 s. */
const until = async (condition: () => boolean): Promise<void> => {
  for (const deadline = Date.now() + 5000; !condition(); await later(5)) if (Date.now() > deadline) throw new Error('timed out');
};

it('grades a student once for a burst of changes, and each student of a burst once', async () => {
  const graded: number[] = [];
  const queue = makeStudentQueue(async (index) => void graded.push(index), { debounceMs: 20, concurrency: 4 });
  for (let i = 0; i < 50; i += 1) queue.mark(1);
  queue.mark(2);
  queue.mark(1);
  await until(() => graded.length >= 2);
  await later(50);
  expect(graded.sort()).toEqual([1, 2]);
  await queue.stop();
});

it('never grades a student twice at once, and grades once more for a change made meanwhile', async () => {
  let running = 0;
  let most = 0;
  let gradings = 0;
  let release: () => void = () => {};
  const queue = makeStudentQueue(
    async () => {
      running += 1;
      most = Math.max(most, running);
      gradings += 1;
      await new Promise<void>((done) => (release = done));
      running -= 1;
    },
    { debounceMs: 5, concurrency: 4 },
  );
  queue.mark(7);
  await until(() => gradings === 1);
  // Three changes while the first grading runs: one more grading, after it.
  queue.mark(7);
  queue.mark(7);
  await later(30);
  queue.mark(7);
  await later(30);
  expect(gradings).toBe(1);
  release();
  await until(() => gradings === 2);
  release();
  await later(50);
  expect(gradings).toBe(2);
  expect(most).toBe(1);
  expect(queue.busy).toBe(0);
  await queue.stop();
});

it('keeps at most `concurrency` gradings under way, and stop waits for them', async () => {
  let running = 0;
  let most = 0;
  let done = 0;
  const queue = makeStudentQueue(
    async () => {
      running += 1;
      most = Math.max(most, running);
      await later(20);
      running -= 1;
      done += 1;
    },
    { debounceMs: 1, concurrency: 3 },
  );
  for (let i = 0; i < 10; i += 1) queue.mark(i);
  await until(() => running === 3);
  await queue.stop();
  expect(most).toBe(3);
  expect(running).toBe(0);
  // Those already under way finish; those still waiting for a slot are dropped.
  expect(done).toBeGreaterThanOrEqual(3);
});
