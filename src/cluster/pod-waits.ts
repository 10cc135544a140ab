// What a student waits for between two commands on bare pods, as tp lab test
// plays them: `kubectl set image` after the pod's container has started (or it
// is never restarted: the kubelet starts the new image as the first), and the
// deletion of `kubectl run --rm` once the pod's containers have exited. Both
// bounded: a pod that never starts is the checks' to judge, not a reason to hang.
import { ApiException, type CoreV1Api, type V1Pod } from '@kubernetes/client-node';

export interface PodWaitOptions {
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const POLL_MS = 500;

/** Every container of the pod has started, or has run and exited (a container in a restart loop has run). */
export const podStarted = (pod: V1Pod): boolean => {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return true;
  const statuses = pod.status?.containerStatuses ?? [];
  return statuses.length > 0 && statuses.every((s) => s.state?.running !== undefined || s.state?.terminated !== undefined || s.lastState?.terminated !== undefined);
};

/** The pod's containers have exited for good (what `kubectl run --rm` waits for before it deletes it). */
export const podFinished = (pod: V1Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** Pods no controller owns: the ones a student makes and changes by hand. */
const isBare = (pod: V1Pod): boolean => (pod.metadata?.ownerReferences ?? []).length === 0;

/** A client-node error that says the object is not there (deleted already, or never made). */
export const isNotFound = (error: unknown): boolean => error instanceof ApiException && error.code === 404;

/** For a `.catch` of a deletion: an object already gone is what was wanted. */
export const unlessNotFound = (error: unknown): void => {
  if (!isNotFound(error)) throw error;
};

const pollUntil = async (done: () => Promise<boolean>, { timeoutMs, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: PodWaitOptions): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A read that fails (a busy API server dropping a connection) is asked again: only the bound ends the wait.
    if (await done().catch(() => false)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
};

/**
 * Waits until the bare pods of the namespace named in `names` have started their containers; false
 * when the time ran out. Only those a later step changes: a pod meant never to start (no node has
 * the label it asks for) would hold every step that does not touch it for the whole bound.
 */
export const waitForBarePods = async (core: CoreV1Api, namespace: string, names: readonly string[], options: PodWaitOptions): Promise<boolean> => {
  if (names.length === 0) return true;
  const named = new Set(names);
  return pollUntil(async () => (await core.listNamespacedPod({ namespace })).items.filter((pod) => isBare(pod) && named.has(pod.metadata?.name ?? '')).every(podStarted), options);
};

/** Waits until the pod has finished (bounded), then deletes it at once, as `kubectl run --rm` does when it exits. */
export const deleteWhenFinished = async (core: CoreV1Api, namespace: string, name: string, options: PodWaitOptions): Promise<void> => {
  let gone = false;
  const finished = async () => {
    try {
      return podFinished(await core.readNamespacedPod({ name, namespace }));
    } catch (error) {
      gone = isNotFound(error);
      if (gone) return true;
      throw error;
    }
  };
  await pollUntil(finished, options);
  if (gone) return;
  await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }).catch(unlessNotFound);
};
