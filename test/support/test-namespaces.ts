// How test namespaces are marked, so that the global setup can find the ones
// a crashed run left behind. No vitest import: the global setup uses this too.
import { hostname } from 'node:os';

export const OWNER_LABEL = 'tp.test/owner';
export const OWNER_VALUE = 'vitest';
/** The vitest process of the run that made the namespace. */
export const RUN_PID_LABEL = 'tp.test/run-pid';
/** The machine of that process: a pid means something only there. */
export const HOST_LABEL = 'tp.test/host';
/** A namespace older than this is a leftover whatever its labels say. */
export const LEFTOVER_AGE_MS = 2 * 60 * 60 * 1000;

/** This machine's name, as a valid label value. */
export const hostLabelValue = (): string =>
  hostname()
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 63) || 'unknown';

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export interface NamespaceFacts {
  labels: Readonly<Record<string, string>>;
  createdAt: Date | undefined;
}

/**
 * A test namespace is left over when the run that made it is over: its
 * process is gone from this machine, or it is too old to belong to any run.
 * Namespaces of runs still going (another developer's, on a shared cluster)
 * are kept.
 */
export const isLeftover = ({ labels, createdAt }: NamespaceFacts, now: Date): boolean => {
  if (labels[OWNER_LABEL] !== OWNER_VALUE) return false;
  if (createdAt && now.getTime() - createdAt.getTime() > LEFTOVER_AGE_MS) return true;
  const pid = Number(labels[RUN_PID_LABEL]);
  if (labels[HOST_LABEL] !== hostLabelValue() || !Number.isInteger(pid) || pid <= 0) return false;
  return !isRunning(pid);
};
