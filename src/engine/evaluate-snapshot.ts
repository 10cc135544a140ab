// A lab evaluated on a snapshot taken (a cluster read now, or a submission file
// read back): nothing to grade when every read failed, else the report with the
// answers file's warnings and what the namespace looked like. The live check
// (check-target.ts) and the offline one (submission/grade.ts) share it.
import type { Lab } from '../lab/types.js';
import type { Snapshot } from '../cluster/types.js';
import type { AnswersFile } from '../answers/types.js';
import type { HttpProbe } from '../cluster/http-types.js';
import type { LogReader } from '../cluster/log-types.js';
import { everyReadFailed } from '../cluster/snapshot.js';
import { interpolate, type Lang } from '../core/text.js';
import { clusterErrorOf } from './cluster-failure.js';
import { evaluateLab, type EvaluateInput } from './evaluate.js';
import { NAMESPACE_WARNINGS } from './messages.js';
import type { Report } from './types.js';

/** The I/O a check may ask for beyond the snapshot: what a submission records and replays. */
export interface CheckReaders {
  http: HttpProbe;
  logs: LogReader;
}

export interface SnapshotEvaluation {
  lab: Lab;
  snapshot: Snapshot;
  answers: AnswersFile;
  /** What the namespace seemed to be: missing (asked to the API), or empty of what the lab reads. */
  namespace?: keyof typeof NAMESPACE_WARNINGS;
  variables: Readonly<Record<string, string>>;
  readers: CheckReaders;
  lang: Lang;
  /** The answers file as the report names it. */
  answersFile: string;
  checkedAt: string;
  /** Stops the evaluation between two checks (the student's time is up, Ctrl-C). */
  signal?: AbortSignal;
  /** Reads the kinds a failed check is explained by, when the snapshot lacks them (a live cluster; a submission holds what it held). */
  explain?: EvaluateInput['explain'];
}

export const evaluateSnapshot = async (input: SnapshotEvaluation): Promise<Report> => {
  const { snapshot, lang } = input;
  const { facts } = snapshot;
  const nothingRead = everyReadFailed(snapshot);
  if (nothingRead) throw clusterErrorOf(nothingRead, facts.context);
  const warnings = [...input.answers.warnings];
  if (input.namespace !== undefined) warnings.unshift(interpolate(NAMESPACE_WARNINGS[input.namespace][lang], { namespace: snapshot.namespace, context: facts.context }));
  return evaluateLab({
    lab: input.lab,
    snapshot,
    answers: input.answers.answers,
    answerWarnings: warnings,
    variables: input.variables,
    http: input.readers.http,
    logs: input.readers.logs,
    lang,
    target: { context: facts.context, server: facts.server, namespace: snapshot.namespace, answers: input.answersFile },
    checkedAt: input.checkedAt,
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.explain ? { explain: input.explain } : {}),
  });
};
