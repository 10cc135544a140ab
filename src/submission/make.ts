// tp submit: a submission made from what a check of the student's cluster read
// and was answered, with the answers file's bytes and the hints seen.
import type { Lab } from '../lab/types.js';
import { labDigest } from '../lab/digest.js';
import type { CheckTargetResult } from '../engine/check-target.js';
import { pick } from '../core/text.js';
import { SUBMISSION_FORMAT, SUBMISSION_VERSION, type RecordedIo, type Submission } from './types.js';

export interface SubmissionParts {
  lab: Lab;
  checked: Pick<CheckTargetResult, 'snapshot' | 'answersBytes'>;
  io: RecordedIo;
  /** The answers file as the student named it. */
  answersFile: string;
  hintLevels: Record<string, number>;
  variables: Record<string, string>;
  tpVersion: string;
  now: Date;
}

export const makeSubmission = (parts: SubmissionParts): Submission => ({
  format: SUBMISSION_FORMAT,
  version: SUBMISSION_VERSION,
  tp: parts.tpVersion,
  createdAt: parts.now.toISOString(),
  lab: { id: parts.lab.id, title: pick(parts.lab.title, 'en'), digest: labDigest(parts.lab) },
  snapshot: parts.checked.snapshot,
  answers: { file: parts.answersFile, base64: parts.checked.answersBytes.toString('base64') },
  ...(Object.keys(parts.hintLevels).length === 0 ? {} : { hints: { version: 1 as const, levels: parts.hintLevels } }),
  variables: parts.variables,
  io: parts.io,
});

export const emptyIo = (): RecordedIo => ({ http: [], logs: [] });
