// Bounded concurrency: at most `size` tasks run at once, the others wait
// their turn in order. Ten lines instead of a dependency.
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

export const makeLimit = (size: number): Limit => {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next in line, so a newcomer cannot slip in between.
    if (running >= size) await new Promise<void>((start) => waiting.push(start));
    else running += 1;
    try {
      return await task();
    } finally {
      const start = waiting.shift();
      if (start) start();
      else running -= 1;
    }
  };
};
