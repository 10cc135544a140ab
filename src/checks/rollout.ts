// rollout: a Deployment has the replicas asked, all ready, and its latest
// template fully rolled out (no old pods left, none stuck pulling its image).
import { defineCheck } from './define.js';
import { findObject, objectsOf, field } from './snapshot-read.js';
import type { KubeObject } from '../cluster/types.js';
import { matchFields } from './match/field-match.js';
import { mismatchDetails, mismatchWords } from './match/describe-mismatch.js';

export interface RolloutParams {
  deployment: string;
  replicas?: number;
  /**
   * What the Deployment must be before its rollout counts (a partial shape, as
   * `resource` expects): "the new version is rolled out" must not pass on the old one.
   */
  expect?: Record<string, unknown>;
}

/** Waiting reasons that mean a pod will not become ready by itself. */
const STUCK = ['ImagePullBackOff', 'ErrImagePull', 'CrashLoopBackOff', 'CreateContainerConfigError', 'InvalidImageName', 'CreateContainerError'];

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

/**
 * The pods a Deployment's matchLabels select. Each pod's labels are walked once and counted
 * against the selector (a map): the work is the labels read, not pods × selector entries.
 */
const podsOf = (deployment: KubeObject, pods: KubeObject[]): KubeObject[] => {
  const selector = new Map(Object.entries((field(deployment, 'spec', 'selector', 'matchLabels') ?? {}) as Record<string, string>));
  return pods.filter((pod) => {
    let matched = 0;
    for (const [key, value] of Object.entries(pod.metadata.labels ?? {})) if (selector.get(key) === value) matched += 1;
    return matched === selector.size;
  });
};

const stuckPod = (pods: KubeObject[]): { pod: string; reason: string } | undefined => {
  for (const pod of pods) {
    const statuses = [...((field(pod, 'status', 'initContainerStatuses') ?? []) as unknown[]), ...((field(pod, 'status', 'containerStatuses') ?? []) as unknown[])];
    for (const status of statuses) {
      const reason = field(status, 'state', 'waiting', 'reason');
      if (typeof reason === 'string' && STUCK.includes(reason)) return { pod: pod.metadata.name, reason };
    }
  }
  return undefined;
};

export const rolloutCheck = defineCheck<RolloutParams, 'ok' | 'missing' | 'other-version' | 'replicas' | 'stuck' | 'not-observed' | 'in-progress' | 'not-ready'>({
  kind: 'rollout',
  schema: {
    type: 'object',
    required: ['deployment'],
    additionalProperties: false,
    properties: { deployment: { type: 'string', minLength: 1 }, replicas: { type: 'integer', minimum: 0 }, expect: { type: 'object' } },
  },
  messages: {
    ok: { fr: '{name} : {ready}/{desired} réplicas prêts, déploiement terminé', en: '{name}: {ready}/{desired} replicas ready, rollout complete' },
    missing: { fr: 'Deployment {name} introuvable', en: 'Deployment {name} not found' },
    'other-version': {
      fr: '{name} : ce n\'est pas encore la version demandée qui est déployée ({field} devrait être {expectation}, trouvé {found})',
      en: '{name}: what is rolled out is not yet the version asked for ({field} should be {expectation}, found {found})',
    },
    replicas: { fr: '{name} demande {desired} réplica(s), {expected} attendu(s)', en: '{name} asks for {desired} replica(s), {expected} expected' },
    stuck: { fr: '{name} : le pod {pod} est bloqué ({reason})', en: '{name}: pod {pod} is stuck ({reason})' },
    'not-observed': { fr: '{name} : la dernière modification n\'a pas encore été prise en compte', en: '{name}: the latest change has not been picked up yet' },
    'in-progress': { fr: '{name} : déploiement en cours ({updated}/{desired} à jour, {total} pods au total)', en: '{name}: rollout in progress ({updated}/{desired} updated, {total} pods in all)' },
    'not-ready': { fr: '{name} : {ready}/{desired} réplicas prêts', en: '{name}: {ready}/{desired} replicas ready' },
  },
  needs: () => ['deployments', 'pods'],
  evaluate(params, { snapshot }) {
    const name = params.deployment;
    const deployment = findObject(snapshot, 'deployments', name);
    if (!deployment) return { status: 'fail', messageId: 'missing', data: { name } };
    const desired = field(deployment, 'spec', 'replicas') === undefined ? 1 : num(field(deployment, 'spec', 'replicas'));
    const status = (field(deployment, 'status') ?? {}) as Record<string, unknown>;
    const ready = num(status.readyReplicas);
    const data = { name, desired, ready, updated: num(status.updatedReplicas), total: num(status.replicas) };
    const [differs] = params.expect === undefined ? [] : matchFields(deployment, params.expect);
    if (differs) return { status: 'fail', messageId: 'other-version', data, words: mismatchWords(differs), details: mismatchDetails(differs) };
    if (params.replicas !== undefined && desired !== params.replicas) {
      return { status: 'fail', messageId: 'replicas', data: { ...data, expected: params.replicas } };
    }
    const stuck = stuckPod(podsOf(deployment, objectsOf(snapshot, 'pods')));
    if (stuck) return { status: 'fail', messageId: 'stuck', data: { ...data, ...stuck } };
    if (num(status.observedGeneration) < num(deployment.metadata.generation)) return { status: 'fail', messageId: 'not-observed', data };
    if (data.updated < desired || data.total > data.updated) return { status: 'fail', messageId: 'in-progress', data };
    if (ready < desired || num(status.availableReplicas) < desired) return { status: 'fail', messageId: 'not-ready', data };
    return { status: 'pass', messageId: 'ok', data };
  },
});
