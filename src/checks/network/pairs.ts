// The connections a reach check must judge. Policies see a pod as its
// namespace, labels, named ports and (when a policy has an ipBlock) addresses:
// pods alike in those (the replicas of a Deployment) are judged once, so the
// pairs grow with the kinds of pods, not with the square of the pods.
import type { KubeObject } from '../../cluster/types.js';
import { field } from '../snapshot-read.js';
import type { PolicyPod } from './policy.js';
import { byCodeUnit } from '../../core/code-unit-order.js';

/** Kinds of pods per side beyond which a check is an `error`: the pairs would be their square. */
export const MAX_KINDS_PER_SIDE = 100;

/** True when a rule of some policy names addresses: then a pod's addresses tell it apart. */
export const usesIpBlocks = (policies: readonly KubeObject[]): boolean =>
  policies.some((policy) =>
    (['ingress', 'egress'] as const).some((direction) =>
      ((field(policy, 'spec', direction) ?? []) as unknown[]).some((rule) =>
        ((field(rule, direction === 'ingress' ? 'from' : 'to') ?? []) as unknown[]).some((peer) => field(peer, 'ipBlock') !== undefined),
      ),
    ),
  );

const keyOf = (pod: PolicyPod, withAddresses: boolean): string =>
  JSON.stringify([pod.namespace, Object.entries(pod.labels).sort(([a], [b]) => byCodeUnit(a, b)), pod.ports, withAddresses ? pod.ips : []]);

/** The pods in groups of pods alike, in the order first met. */
export const groupAlike = (pods: readonly PolicyPod[], withAddresses: boolean): PolicyPod[][] => {
  const groups = new Map<string, PolicyPod[]>();
  for (const pod of pods) {
    const key = keyOf(pod, withAddresses);
    const group = groups.get(key);
    if (group) group.push(pod);
    else groups.set(key, [pod]);
  }
  return [...groups.values()];
};

const samePod = (a: PolicyPod, b: PolicyPod): boolean => a.name === b.name && a.namespace === b.namespace;

/**
 * One source and one destination per pair of groups, never a pod and itself (a pod
 * is never kept from reaching itself): a pair whose groups hold that one pod only is left out.
 */
export const pairsToJudge = (sources: readonly PolicyPod[][], destinations: readonly PolicyPod[][]): Array<{ from: PolicyPod; to: PolicyPod }> =>
  destinations.flatMap((targets) =>
    sources.flatMap((senders) => {
      for (const from of senders) {
        const to = targets.find((candidate) => !samePod(from, candidate));
        if (to) return [{ from, to }];
      }
      return [];
    }),
  );
