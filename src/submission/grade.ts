// Grading a submission offline: the engine, unchanged, evaluates the trainer's
// lab on the snapshot from the file, the answers from the file, and readers
// that replay what the student's checks were answered. A kind the trainer's
// lab reads that the file does not hold is "not in the submission" (an error,
// never an empty namespace), and whatever the integrity checks find goes with
// the report as flags.
import type { Lab } from '../lab/types.js';
import type { KindRead, Snapshot } from '../cluster/types.js';
import { emptyNamespace } from '../cluster/snapshot.js';
import { parseAnswers } from '../answers/read.js';
import { parseHintState } from '../answers/hint-state.js';
import { hintsUsed } from '../answers/hint-state.js';
import { kindsNeeded } from '../engine/evaluate.js';
import { evaluateSnapshot } from '../engine/evaluate-snapshot.js';
import { hintCountsOf } from '../engine/hint-levels.js';
import type { HintUsage } from '../engine/hint-usage.js';
import type { Report } from '../engine/types.js';
import type { Lang } from '../core/text.js';
import { labDigest } from '../lab/digest.js';
import { SubmissionError } from './file.js';
import { integrityFlags } from './integrity.js';
import { replayReaders } from './recorded-io.js';
import type { Submission } from './types.js';

export interface SubmissionGrading {
  lab: Lab;
  /** The trainer's lab variables (cohort, --set): the student's own are never used to grade. */
  variables: Readonly<Record<string, string>>;
  lang: Lang;
  /** Names the file in errors. */
  source: string;
}

export interface GradedSubmission {
  report: Report;
  hints: HintUsage;
}

const NOT_IN_SUBMISSION: KindRead = { ok: false, failure: { reason: 'other', message: 'not in the submission (it was made with another version of the lab)' } };

/**
 * The snapshot with every kind name the trainer's lab reads: a name the student's tp never
 * resolved, or a kind it never read, is a read that failed, said so.
 */
const completed = (snapshot: Snapshot, lab: Lab, variables: Readonly<Record<string, string>>): Snapshot => {
  const kinds: Snapshot['kinds'] = { ...snapshot.kinds };
  const names: Snapshot['names'] = { ...snapshot.names };
  // Kinds read only to explain a failure are in the file when the student's tp read them (a check failed), else nothing is said of them.
  for (const name of kindsNeeded(lab, variables, { explanations: false })) {
    const resolution = names[name];
    if (resolution === undefined) {
      names[name] = { ok: true, key: name, kind: name, namespaced: true };
      kinds[name] ??= NOT_IN_SUBMISSION;
    } else if (resolution.ok) kinds[resolution.key] ??= NOT_IN_SUBMISSION;
  }
  return { ...snapshot, kinds, names };
};

const hintsOf = (submission: Submission, lab: Lab): HintUsage => {
  if (submission.hints === undefined) return { used: 0, levels: {} };
  const { state } = parseHintState(JSON.stringify(submission.hints), hintCountsOf(lab));
  return { used: hintsUsed(state), levels: state.levels };
};

export const gradeSubmission = async (submission: Submission, options: SubmissionGrading): Promise<GradedSubmission> => {
  const { lab, lang } = options;
  if (submission.lab.id !== lab.id) {
    throw new SubmissionError(options.source, `a submission of lab ${submission.lab.id}, not of ${lab.id}`, `Grade it with its lab: tp grade ${submission.lab.id} …`);
  }
  const answers = parseAnswers(Buffer.from(submission.answers.base64, 'base64'), submission.answers.file);
  const report = await evaluateSnapshot({
    lab,
    snapshot: completed(submission.snapshot, lab, options.variables),
    answers,
    ...(emptyNamespace(submission.snapshot) ? { namespace: 'empty' as const } : {}),
    variables: options.variables,
    readers: replayReaders(submission.io),
    lang,
    answersFile: submission.answers.file,
    // When the evidence was taken, not when it is read.
    checkedAt: submission.createdAt,
  });
  const flags = integrityFlags(submission, labDigest(lab), lang);
  return { report: flags.length === 0 ? report : { ...report, flags }, hints: hintsOf(submission, lab) };
};
