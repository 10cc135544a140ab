// What a submission file says about itself when it is checked for edits
// (submission/integrity.ts): each flag names the check that found it and why.
// A report graded from a flagged submission carries them, and every output
// shows them: a flagged grade is never imported or pushed as if it were clean.

export const INTEGRITY_CHECKS = [
  /** Made with another version of the lab than the trainer's (its digest differs). */
  'lab-version',
  /** A uid that is not one, or shared by two objects. */
  'uid',
  /** An ownerReference whose uid is not its owner's. */
  'owner',
  /** A ReplicaSet that does not fit its Deployment (pod-template-hash, template). */
  'pod-template-hash',
  /** Replica counts of a Deployment, its ReplicaSets and their pods that do not add up. */
  'replicas',
  /** Write times out of the order of resourceVersions, or after the submission was made. */
  'order',
] as const;

export type IntegrityCheck = (typeof INTEGRITY_CHECKS)[number];

export interface IntegrityFlag {
  check: IntegrityCheck;
  reason: string;
}
