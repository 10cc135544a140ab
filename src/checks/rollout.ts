// rollout: a Deployment has the replicas asked, all ready, and its latest
// template fully rolled out (no old pods left, none stuck). A pod that does not
// start is named with why (diagnosis/pod-state.ts: the kubelet's reason and
// message, the events).
import { defineCheck } from './define.js';
import { findObject, objectsOf, field } from './snapshot-read.js';
import type { KubeObject } from '../cluster/types.js';
import { matchFields } from './match/field-match.js';
import { mismatchDetails, mismatchWords } from './match/describe-mismatch.js';
import { firstTrouble } from './diagnosis/pod-state.js';
import { appended, diagnosisDetails, explain } from './diagnosis/explain.js';
import type { PodTrouble } from './diagnosis/types.js';

export interface RolloutParams {
  deployment: string;
  replicas?: number;
  /**
   * What the Deployment must be before its rollout counts (a partial shape, as
   * `resource` expects): "the new version is rolled out" must not pass on the old one.
   */
  expect?: Record<string, unknown>;
}

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

/** A pod's trouble in the message: the pod, the status kubectl shows, and why (`{why}`); the ids and facts for tools. */
const troubleOutcome = (trouble: PodTrouble) => ({
  data: { pod: trouble.pod, reason: trouble.reason },
  words: { why: explain(trouble.diagnosis) },
  details: diagnosisDetails(trouble.diagnosis),
});

/** Why a rollout still waits, after its sentence (`; pod x (ContainerCreating): events: …`), when a pod says. */
const waitingOutcome = (trouble: PodTrouble | undefined) =>
  trouble
    ? {
        words: { diagnosis: appended(explain(trouble.diagnosis), { fr: ` ; le pod ${trouble.pod} (${trouble.reason}) : `, en: `; pod ${trouble.pod} (${trouble.reason}): ` }) },
        details: diagnosisDetails(trouble.diagnosis),
      }
    : { words: { diagnosis: appended(undefined) } };

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
    stuck: { fr: '{name} : le pod {pod} est bloqué ({reason}) : {why}', en: '{name}: pod {pod} is stuck ({reason}): {why}' },
    'not-observed': { fr: '{name} : la dernière modification n\'a pas encore été prise en compte', en: '{name}: the latest change has not been picked up yet' },
    'in-progress': {
      fr: '{name} : déploiement en cours ({updated}/{desired} à jour, {total} pods au total){diagnosis}',
      en: '{name}: rollout in progress ({updated}/{desired} updated, {total} pods in all){diagnosis}',
    },
    'not-ready': { fr: '{name} : {ready}/{desired} réplicas prêts{diagnosis}', en: '{name}: {ready}/{desired} replicas ready{diagnosis}' },
  },
  needs: () => ['deployments', 'pods'],
  explainedBy: () => ['events'],
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
    const pods = podsOf(deployment, objectsOf(snapshot, 'pods'));
    const events = objectsOf(snapshot, 'events');
    const stuck = firstTrouble(pods, events, 'stuck');
    if (stuck) {
      const said = troubleOutcome(stuck);
      return { status: 'fail', messageId: 'stuck', data: { ...data, ...said.data }, words: said.words, details: said.details };
    }
    if (num(status.observedGeneration) < num(deployment.metadata.generation)) return { status: 'fail', messageId: 'not-observed', data };
    if (data.updated < desired || data.total > data.updated) return { status: 'fail', messageId: 'in-progress', data, ...waitingOutcome(firstTrouble(pods, events)) };
    if (ready < desired || num(status.availableReplicas) < desired) return { status: 'fail', messageId: 'not-ready', data, ...waitingOutcome(firstTrouble(pods, events)) };
    return { status: 'pass', messageId: 'ok', data };
  },
});
