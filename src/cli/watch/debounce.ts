// Runs `work` once after calls stop coming for `waitMs`, never two at a time:
// a burst of cluster events (a rollout) gives one re-check, not fifty.
export const debounceSerial = (work: () => Promise<void>, waitMs: number): { trigger(): void; cancel(): void } => {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const fire = async () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await work();
    } finally {
      running = false;
      if (again) {
        again = false;
        trigger();
      }
    }
  };
  const trigger = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void fire(), waitMs);
  };
  return {
    trigger,
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
};
