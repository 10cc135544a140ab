// Kind names resolve as kubectl resolves them (client-go's shortcut expander
// over its priority REST mapper). test/live/kinds-as-kubectl.test.ts compares
// with the real kubectl on the real API server; these are the rules, on
// Kubernetes' own kinds and on a cluster with custom resources.
import { describe, expect, it } from 'vitest';
import { servedEverywhere } from '../../src/discovery/builtin.js';
import { closestNames } from '../../src/discovery/closest-names.js';
import { resolveIn } from '../../src/discovery/resolve.js';
import type { KindCatalogue, ServedKind } from '../../src/discovery/types.js';

const VERBS = ['get', 'list', 'watch'];

const crd = (group: string, resource: string, kind: string, shortNames: string[] = [], version = 'v1'): ServedKind => ({
  group, version, resource, kind, singular: kind.toLowerCase(), shortNames, namespaced: true, verbs: VERBS,
});

/** A cluster with custom resources, one of whose short names is also a core one. */
const cluster: KindCatalogue = [
  ...servedEverywhere(),
  crd('stable.example.com', 'crontabs', 'CronTab', ['ct']),
  crd('stable.example.com', 'crontabs', 'CronTab', ['ct'], 'v1beta1'),
  crd('greedy.example.com', 'configmaps', 'ConfigMap', ['cm', 'po']),
  crd('other.example.com', 'crontabs', 'CronTab', ['ct']),
];

const keyOf = (name: string, catalogue: KindCatalogue = cluster) => {
  const resolution = resolveIn(name, catalogue);
  return resolution.ok ? `${resolution.kind.key} (${resolution.kind.group}/${resolution.kind.version} ${resolution.kind.kind})` : resolution.why;
};

describe('a name of Kubernetes itself', () => {
  it('by plural, singular, Kind (any case for those), short name', () => {
    for (const name of ['deployments', 'deployment', 'Deployment', 'DEPLOYMENTS', 'deploy']) expect(keyOf(name), name).toBe('deployments.apps (apps/v1 Deployment)');
    for (const name of ['configmaps', 'configmap', 'ConfigMap', 'cm']) expect(keyOf(name), name).toBe('configmaps (/v1 ConfigMap)');
    expect(keyOf('netpol')).toBe('networkpolicies.networking.k8s.io (networking.k8s.io/v1 NetworkPolicy)');
    expect(keyOf('sts')).toBe('statefulsets.apps (apps/v1 StatefulSet)');
    expect(keyOf('Role')).toBe('roles.rbac.authorization.k8s.io (rbac.authorization.k8s.io/v1 Role)');
  });

  it('short names are matched as written, as kubectl does ("CM" is no kind)', () => {
    expect(keyOf('CM')).toBe('not-served');
    expect(keyOf('Cm')).toBe('not-served');
  });

  it('by plural.group, Kind.group, resource.version.group, Kind.version.group, and pods.v1. for the core group', () => {
    expect(keyOf('deployments.apps')).toBe('deployments.apps (apps/v1 Deployment)');
    expect(keyOf('deploy.apps')).toBe('deployments.apps (apps/v1 Deployment)');
    expect(keyOf('Deployment.apps')).toBe('deployments.apps (apps/v1 Deployment)');
    expect(keyOf('Deployment.v1.apps')).toBe('deployments.apps (apps/v1 Deployment)');
    expect(keyOf('ingresses.v1.networking.k8s.io')).toBe('ingresses.networking.k8s.io (networking.k8s.io/v1 Ingress)');
    expect(keyOf('pods.v1.')).toBe('pods (/v1 Pod)');
  });

  it('the core group first: events are core v1 events, ev too', () => {
    expect(keyOf('events')).toBe('events (/v1 Event)');
    expect(keyOf('ev')).toBe('events (/v1 Event)');
    expect(keyOf('events.events.k8s.io')).toBe('events.events.k8s.io (events.k8s.io/v1 Event)');
  });

  it('the preferred version unless one is asked for, which is then a kind of its own', () => {
    expect(keyOf('hpa')).toBe('horizontalpodautoscalers.autoscaling (autoscaling/v2 HorizontalPodAutoscaler)');
    expect(keyOf('HorizontalPodAutoscaler.v2.autoscaling')).toBe('horizontalpodautoscalers.autoscaling (autoscaling/v2 HorizontalPodAutoscaler)');
    expect(keyOf('HorizontalPodAutoscaler.v1.autoscaling')).toBe('horizontalpodautoscalers.v1.autoscaling (autoscaling/v1 HorizontalPodAutoscaler)');
  });

  it('a short name with a group that is a prefix of the real one (hpa.autoscal), as kubectl', () => {
    expect(keyOf('hpa.autoscal')).toBe('horizontalpodautoscalers.autoscaling (autoscaling/v2 HorizontalPodAutoscaler)');
  });

  it('a kind that cannot be listed is said so; one no release serves everywhere is not served without discovery', () => {
    expect(resolveIn('tokenreviews', servedEverywhere())).toEqual({ ok: false, why: 'not-listable', kind: 'TokenReview' });
    // GA in 1.34 only (beta before): the cluster's discovery decides.
    expect(keyOf('volumeattributesclasses', servedEverywhere())).toBe('not-served');
  });
});

describe('custom resources', () => {
  it('by plural, short name, Kind, with or without the group, at the version asked', () => {
    for (const name of ['crontabs', 'crontab', 'CronTab', 'ct', 'crontabs.stable.example.com', 'ct.stable.example.com', 'CronTab.v1.stable.example.com']) {
      expect(keyOf(name), name).toBe('crontabs.stable.example.com (stable.example.com/v1 CronTab)');
    }
    expect(keyOf('crontabs.v1beta1.stable.example.com')).toBe('crontabs.v1beta1.stable.example.com (stable.example.com/v1beta1 CronTab)');
    expect(keyOf('ct.other.example.com')).toBe('crontabs.other.example.com (other.example.com/v1 CronTab)');
  });

  it('never shadow Kubernetes\' own names: a full name before any short name, the core group before others', () => {
    expect(keyOf('configmaps')).toBe('configmaps (/v1 ConfigMap)');
    expect(keyOf('cm')).toBe('configmaps (/v1 ConfigMap)');
    expect(keyOf('po')).toBe('pods (/v1 Pod)');
    expect(keyOf('configmaps.greedy.example.com')).toBe('configmaps.greedy.example.com (greedy.example.com/v1 ConfigMap)');
  });

  it('a name nothing serves', () => {
    expect(keyOf('widgets.example.com')).toBe('not-served');
    expect(keyOf('crontabs.v2.stable.example.com')).toBe('not-served');
  });
});

describe('the closest names', () => {
  it('a typo of a kind, a short name, a Kind', () => {
    expect(closestNames('deploymnet', servedEverywhere())).toEqual(['deployment', 'deployments']);
    expect(closestNames('StatefullSet', servedEverywhere())).toEqual(['statefulset', 'statefulsets']);
    expect(closestNames('zzzzzzzz', servedEverywhere())).toEqual([]);
  });
});
