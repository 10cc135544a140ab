// What a careful trainer says when a pod or a Service does not do its job and
// the API shows why: a diagnosis is an id (its words are in messages.ts, French
// and English), the facts it quotes, and what explains it further (the pod
// behind a Service that has no ready endpoint).
import type { Text } from '../../core/text.js';

/** Why a pod does not run, read from its status and its events. */
export type PodDiagnosisId =
  | 'image-not-found'
  | 'pull-no-secret'
  | 'pull-secret-absent'
  | 'pull-secret-no-entry'
  | 'pull-credentials-refused'
  | 'pull-denied'
  | 'registry-unreachable'
  | 'image-name-invalid'
  | 'pull-failed'
  | 'crash'
  | 'completes'
  | 'out-of-memory'
  | 'container-config'
  | 'container-start'
  | 'waiting'
  | 'unschedulable'
  | 'events';

/** Why a Service has no (or too few) ready endpoints, or sends its traffic where nothing listens. */
export type ServiceDiagnosisId =
  | 'service-no-selector'
  | 'no-pods'
  | 'selector-matches-nothing'
  | 'too-few-pods'
  | 'target-port-name-unknown'
  | 'target-port-not-declared'
  | 'pods-not-ready'
  | 'pods-not-ready-yet';

export type DiagnosisId = PodDiagnosisId | ServiceDiagnosisId;

export interface Diagnosis {
  id: DiagnosisId;
  /** Values of the message's placeholders (the image, the kubelet's words, a port…). */
  data: Readonly<Record<string, string | number>>;
  /** Placeholders whose words depend on the language (a list ending "and 2 more"). */
  words?: Readonly<Record<string, Text>>;
  /** What explains this one further: `{cause}` in its message. */
  cause?: Diagnosis;
}

/** A pod that does not run, as a check names it: the status kubectl shows, and why. */
export interface PodTrouble {
  pod: string;
  /** What `kubectl get pods` shows in STATUS: ImagePullBackOff, CrashLoopBackOff, Pending… */
  reason: string;
  diagnosis: Diagnosis;
  /** It will not start by itself (a pull refused, a crash loop…), as opposed to a pod still on its way. */
  stuck: boolean;
}
