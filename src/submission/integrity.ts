// What can be checked of a submission is checked, and every finding is a flag
// with its reason (core/integrity.ts): made with another version of the lab;
// uids and owner references (integrity-identity.ts); ReplicaSets and replica
// counts that do not fit their Deployment (integrity-workloads.ts); times and
// resourceVersions out of order (integrity-order.ts). A submission is the
// student's own evidence: these find a file edited by hand, not a cluster state
// forged with care (docs/grading.md says which edits they cannot see).
import type { IntegrityCheck, IntegrityFlag } from '../core/integrity.js';
import { shortened } from '../core/quote.js';
import { interpolate, type Lang, type TextData } from '../core/text.js';
import { finding, INTEGRITY_MESSAGES, type Finding } from './integrity-messages.js';
import { evidenceOf } from './evidence.js';
import { ownerFlags, uidFlags } from './integrity-identity.js';
import { orderFlags } from './integrity-order.js';
import { workloadFlags } from './integrity-workloads.js';
import type { Submission } from './types.js';

/** Flags of one check beyond these are summed up: a pasted namespace would give hundreds. */
const MAX_FLAGS_PER_CHECK = 5;

const bounded = (flags: readonly Finding[]): Finding[] => {
  const kept: Finding[] = [];
  const counts = new Map<string, number>();
  for (const flag of flags) {
    const seen = (counts.get(flag.check) ?? 0) + 1;
    counts.set(flag.check, seen);
    if (seen <= MAX_FLAGS_PER_CHECK) kept.push(flag);
  }
  for (const [check, seen] of counts) {
    if (seen > MAX_FLAGS_PER_CHECK) kept.push(finding(check as IntegrityCheck, 'more', { count: seen - MAX_FLAGS_PER_CHECK }));
  }
  return kept;
};

/** Names and values a submission file holds are the student's text: each on one short line, as a check message's placeholders are. */
const NAME_MAX = 120;
const oneLineData = (data: TextData): TextData =>
  Object.fromEntries(Object.entries(data).map(([name, value]) => [name, typeof value === 'string' ? shortened(value, NAME_MAX) : value]));

/** The flags of a submission, said in `lang`. */
export const integrityFlags = (submission: Submission, labDigest: string, lang: Lang): IntegrityFlag[] => {
  const flags: Finding[] = [];
  if (submission.lab.digest !== labDigest) {
    flags.push(finding('lab-version', 'lab-version', { lab: submission.lab.id, theirs: submission.lab.digest.slice(0, 12), ours: labDigest.slice(0, 12) }));
  }
  const evidence = evidenceOf(submission.snapshot);
  flags.push(...uidFlags(evidence), ...ownerFlags(evidence), ...workloadFlags(evidence), ...orderFlags(evidence, submission.createdAt));
  return bounded(flags).map((flag) => ({ check: flag.check, reason: interpolate(INTEGRITY_MESSAGES[flag.message][lang], oneLineData(flag.data)) }));
};
