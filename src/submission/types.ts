// The submission file (`tp submit`): what a student hands in when the trainer
// cannot reach their cluster. It is "the snapshot + the recorded answers of
// every I/O a check asked for": the engine replays it unchanged, as if it were
// reading the cluster. Its JSON Schema is schema/submission.schema.json.
import type { Snapshot } from '../cluster/types.js';
import type { HttpAnswer, HttpRequest } from '../cluster/http-types.js';
import type { LogAnswer, LogRequest } from '../cluster/log-types.js';

export const SUBMISSION_FORMAT = 'tp-submission';
export const SUBMISSION_VERSION = 1;

/** One question a check asked beyond the snapshot, and what it was answered. */
export interface Recorded<Request, Answer> {
  request: Request;
  answer: Answer;
}

/** An HTTP request as the file keeps it: without the nodes, which are the snapshot's, already in the file. */
export type RecordedHttpRequest = Omit<HttpRequest, 'nodes'>;

/** Recorded answers, by reader (the readers of engine/check-target.ts's CheckReaders). */
export interface RecordedIo {
  http: Array<Recorded<RecordedHttpRequest, HttpAnswer>>;
  /** Absent from a file that no `logs` check asked anything of. */
  logs?: Array<Recorded<LogRequest, LogAnswer>>;
}

export interface Submission {
  format: typeof SUBMISSION_FORMAT;
  version: typeof SUBMISSION_VERSION;
  /** The tp that made it. */
  tp: string;
  /** When it was made (ISO). */
  createdAt: string;
  /** The lab it was made with: its id, title and digest (lab/digest.ts). */
  lab: { id: string; title: string; digest: string };
  /** What tp read of the namespace and the cluster (Secrets without their values), and the kubeconfig facts. */
  snapshot: Snapshot;
  /** The answers file: its name as the student gave it, and its bytes (base64, read again the same way). */
  answers: { file: string; base64: string };
  /** The hints the student has seen (answers/.tp-hints_<lab>.json), when there are any. */
  hints?: { version: 1; levels: Record<string, number> };
  /** Lab variables the student set (`--set`): for the trainer's information, never used to grade. */
  variables: Record<string, string>;
  io: RecordedIo;
}
