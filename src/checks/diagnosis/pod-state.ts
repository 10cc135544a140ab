// Why a pod is not ready, as `kubectl describe pod` would let a trainer tell:
// its containers' waiting reason and the kubelet's message (a pull refused, a
// crash loop and its exit code, a missing ConfigMap), the scheduler's refusal,
// and the Warning events that say what the status does not.
import type { KubeObject } from '../../cluster/types.js';
import { shortened } from '../../core/quote.js';
import { field } from '../snapshot-read.js';
import { pullDiagnosis } from './image-pull.js';
import { eventWords, podWarnings, type PodEvent } from './pod-events.js';
import type { Diagnosis, PodTrouble } from './types.js';
import { byCodeUnit } from '../../core/code-unit-order.js';

interface Termination {
  exitCode?: number;
  reason?: string;
}

interface ContainerStatus {
  name?: string;
  image?: string;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: Termination };
  lastState?: { terminated?: Termination };
}

const PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'ErrImageNeverPull', 'RegistryUnavailable']);
const START = new Set(['CreateContainerError', 'RunContainerError', 'StartError', 'PreStartHookError', 'PostStartHookError', 'ContainerCannotRun']);
/** Waiting reasons of a pod on its way: the kubelet has not failed at anything yet. */
const ON_ITS_WAY = new Set(['ContainerCreating', 'PodInitializing']);
/** Events that repeat what the container's state already says. */
const REPEATS = new Set(['Failed', 'BackOff']);
const ABSENT_SECRETS = 'FailedToRetrieveImagePullSecret';

const SAID_MAX = 160;

/** The objects of a list field: a student's object (or a crafted submission) may hold anything there. */
export const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value.filter((item) => item !== null && typeof item === 'object') as T[]) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const isReady = (pod: KubeObject): boolean =>
  list<{ type?: string; status?: string }>(field(pod, 'status', 'conditions')).some((c) => c.type === 'Ready' && c.status === 'True');

const specImage = (pod: KubeObject, container: string): string =>
  text([...list<{ name?: string; image?: string }>(field(pod, 'spec', 'initContainers')), ...list<{ name?: string; image?: string }>(field(pod, 'spec', 'containers'))].find((c) => c.name === container)?.image);

/** The pull Secrets the kubelet said it could not find, among those the pod names. */
const absentSecrets = (warnings: readonly PodEvent[], named: readonly string[]): string[] => {
  const said = warnings.find((event) => event.reason === ABSENT_SECRETS)?.message ?? '';
  const listed = (/\(([^)]{1,2000})\)/.exec(said)?.[1] ?? '').split(',').map((name) => name.trim());
  return named.filter((name) => listed.includes(name));
};

/** A container that cannot pull its image: why, from its waiting message (else the kubelet's latest pull failure). */
const pullTrouble = (pod: KubeObject, status: ContainerStatus, warnings: readonly PodEvent[], waiting: { reason?: string; message?: string }): Diagnosis => {
  const pullSecrets = list<{ name?: unknown }>(field(pod, 'spec', 'imagePullSecrets')).map((ref) => text(ref.name)).filter((name) => name !== '');
  const failedPull = warnings.find((event) => event.reason === 'Failed' && event.message.startsWith('Failed to pull image'))?.message ?? '';
  const message = text(waiting.message) || failedPull || text(waiting.reason);
  return pullDiagnosis({ image: specImage(pod, text(status.name)) || text(status.image), message, pullSecrets, absentSecrets: absentSecrets(warnings, pullSecrets) });
};

/** A container that keeps stopping: its last exit, and why when the kernel killed it. */
const crashTrouble = (pod: KubeObject, status: ContainerStatus): Diagnosis => {
  const last = status.state?.terminated ?? status.lastState?.terminated ?? {};
  const data = { container: text(status.name), pod: pod.metadata.name, restarts: status.restartCount ?? 0 };
  if (last.reason === 'OOMKilled') return { id: 'out-of-memory', data };
  if (last.exitCode === 0) return { id: 'completes', data };
  return { id: 'crash', data: { ...data, exitCode: typeof last.exitCode === 'number' ? last.exitCode : '?' } };
};

/** The first container that will not run by itself, with what kubectl shows for it and why. */
const containerTrouble = (pod: KubeObject, warnings: readonly PodEvent[]): { reason: string; diagnosis: Diagnosis; stuck: boolean } | undefined => {
  const statuses = [
    ...list<ContainerStatus>(field(pod, 'status', 'initContainerStatuses')).map((status) => ({ ...status, init: true })),
    ...list<ContainerStatus>(field(pod, 'status', 'containerStatuses')).map((status) => ({ ...status, init: false })),
  ];
  for (const status of statuses) {
    const waiting = status.state?.waiting;
    const reason = text(waiting?.reason);
    const said = shortened(text(waiting?.message) || reason, SAID_MAX);
    const container = text(status.name);
    if (PULL.has(reason)) return { reason, diagnosis: pullTrouble(pod, status, warnings, waiting ?? {}), stuck: true };
    if (reason === 'InvalidImageName') return { reason, diagnosis: { id: 'image-name-invalid', data: { image: shortened(specImage(pod, container), 120), said } }, stuck: true };
    // Kubernetes 1.36 shows a restarting container as terminated between two starts, not always as CrashLoopBackOff.
    const restarting = !status.init && status.state?.terminated !== undefined && (status.restartCount ?? 0) > 0;
    if (reason === 'CrashLoopBackOff' || restarting) {
      return { reason: 'CrashLoopBackOff', diagnosis: crashTrouble(pod, status), stuck: true };
    }
    if (reason === 'CreateContainerConfigError') return { reason, diagnosis: { id: 'container-config', data: { container, said } }, stuck: true };
    if (START.has(reason)) return { reason, diagnosis: { id: 'container-start', data: { container, said } }, stuck: true };
    if (reason !== '' && !ON_ITS_WAY.has(reason)) return { reason, diagnosis: { id: 'waiting', data: { container, said } }, stuck: false };
  }
  return undefined;
};

const unschedulable = (pod: KubeObject): string | undefined => {
  const scheduled = list<{ type?: string; status?: string; reason?: string; message?: string }>(field(pod, 'status', 'conditions')).find((c) => c.type === 'PodScheduled');
  return scheduled?.status === 'False' && scheduled.reason === 'Unschedulable' ? shortened(text(scheduled.message) || 'Unschedulable', SAID_MAX) : undefined;
};

/** What kubectl shows in STATUS for a pod with no container to blame: its waiting reason, else its phase. */
const shownStatus = (pod: KubeObject): string => {
  const waiting = list<ContainerStatus>(field(pod, 'status', 'containerStatuses')).map((s) => text(s.state?.waiting?.reason)).find((r) => r !== '');
  return waiting ?? (text(field(pod, 'status', 'phase')) || 'Pending');
};

/**
 * Why `pod` is not ready, when its status or its events say; undefined for a ready pod, or one
 * on its way with nothing to blame yet. `events` is the namespace's Event list.
 */
export const podTrouble = (pod: KubeObject, events: readonly KubeObject[]): PodTrouble | undefined => {
  const warnings = podWarnings(events, pod);
  const withEvents = (diagnosis: Diagnosis, used: readonly string[]): Diagnosis => {
    const more = eventWords(warnings.filter((event) => !REPEATS.has(event.reason) && !used.includes(event.reason)));
    return more ? { ...diagnosis, words: { ...diagnosis.words, events: more } } : diagnosis;
  };
  const found = containerTrouble(pod, warnings);
  if (found) return { pod: pod.metadata.name, ...found, diagnosis: withEvents(found.diagnosis, found.diagnosis.id === 'pull-secret-absent' ? [ABSENT_SECRETS] : []) };
  // A container's state outranks a Ready condition not yet updated; past that, a ready pod has nothing to explain.
  if (isReady(pod)) return undefined;
  const refusal = unschedulable(pod);
  if (refusal) return { pod: pod.metadata.name, reason: 'Pending', diagnosis: withEvents({ id: 'unschedulable', data: { said: refusal } }, ['FailedScheduling']), stuck: true };
  const explained = eventWords(warnings);
  if (explained) return { pod: pod.metadata.name, reason: shownStatus(pod), diagnosis: { id: 'events', data: {}, words: { events: explained } }, stuck: false };
  return undefined;
};

/**
 * The newest first: a Deployment's latest template is what the student is waiting for. (RFC 3339
 * times in one format sort as they happen by code unit; names are DNS labels.)
 */
export const newestFirst = (pods: readonly KubeObject[]): KubeObject[] =>
  [...pods].sort((a, b) => byCodeUnit(text(b.metadata.creationTimestamp), text(a.metadata.creationTimestamp)) || byCodeUnit(a.metadata.name, b.metadata.name));

/** The first pod of `pods` (newest first) that is not ready and says why. */
export const firstTrouble = (pods: readonly KubeObject[], events: readonly KubeObject[], which: 'stuck' | 'any' = 'any'): PodTrouble | undefined => {
  for (const pod of newestFirst(pods)) {
    const trouble = podTrouble(pod, events);
    if (trouble && (which === 'any' || trouble.stuck)) return trouble;
  }
  return undefined;
};
