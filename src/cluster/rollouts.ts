// Between two solution steps, the Deployments must have finished rolling out:
// a student runs `kubectl rollout status` before the next `set image`, and the
// controller only records a revision for a template it has seen.
import { AppsV1Api, type KubeConfig, type V1Deployment } from '@kubernetes/client-node';

const count = (value: number | undefined): number => value ?? 0;

/** True when the Deployment's latest template runs on every replica, with no old pod left. */
export const rolloutDone = (deployment: V1Deployment): boolean => {
  const desired = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  return (
    count(status.observedGeneration) >= count(deployment.metadata?.generation) &&
    count(status.updatedReplicas) === desired &&
    count(status.replicas) === desired &&
    count(status.availableReplicas) === desired
  );
};

/** True when the controller has seen the Deployment's latest change (and made its new ReplicaSet, unless paused). */
export const changeObserved = (deployment: V1Deployment): boolean =>
  count(deployment.status?.observedGeneration) >= count(deployment.metadata?.generation);

export interface WaitOptions {
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
  /** What "done" means for one Deployment (default: rolled out). */
  done?: (deployment: V1Deployment) => boolean;
}

/**
 * Polls the namespace's Deployments until every rollout is done or the time is
 * up. It does not fail on timeout: a mutation may leave a rollout stuck on
 * purpose, and the checks are the judges of the final state.
 */
export const waitForRollouts = async (
  list: () => Promise<V1Deployment[]>,
  { timeoutMs, sleep = (ms) => new Promise((r) => setTimeout(r, ms)), done = rolloutDone }: WaitOptions,
): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await list()).every(done)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(500);
  }
};

export const listDeployments = (kc: KubeConfig, namespace: string) => {
  const apps = kc.makeApiClient(AppsV1Api);
  return async (): Promise<V1Deployment[]> => (await apps.listNamespacedDeployment({ namespace })).items;
};
