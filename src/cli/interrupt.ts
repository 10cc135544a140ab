// Ctrl-C (SIGINT), a pod's SIGTERM and a closed terminal's SIGHUP, handled one way for every command: the
// first one calls `stop` (tp grade writes what was graded, tp lab test deletes
// its namespaces, --watch ends with the last exit code); a second one quits at
// once, as usual, since the handlers are gone by then.
// Without a handler SIGHUP ends the process at once: tp lab test would leave its namespaces behind.
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Calls `stop` on the first interrupt; the function returned stops listening. */
export const onInterrupt = (stop: () => void): (() => void) => {
  const stopListening = () => {
    for (const signal of SIGNALS) process.removeListener(signal, handler);
  };
  const handler = () => {
    stopListening();
    stop();
  };
  for (const signal of SIGNALS) process.once(signal, handler);
  return stopListening;
};
