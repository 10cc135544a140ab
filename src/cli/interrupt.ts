// Ctrl-C (SIGINT) and a pod's SIGTERM, handled one way for every command: the
// first one calls `stop` (tp grade writes what was graded, tp lab test deletes
// its namespaces, --watch ends with the last exit code); a second one quits at
// once, as usual, since the handlers are gone by then.
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

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
