// Evaluates every check of a lab against a snapshot and the student's answers,
// and scores the result into a Report. No API calls here: the snapshot is given.
import type { Lab, CheckSpec } from '../lab/types.js';
import type { AnswerValue } from '../answers/types.js';
import type { NameResolution, Snapshot } from '../cluster/types.js';
import type { HttpProbe } from '../cluster/http-types.js';
import type { AnyCheckKind, Outcome } from '../checks/define.js';
import { findCheckKind } from '../checks/index.js';
import type { CheckResult, ExerciseResult, Report, ReportTarget } from './types.js';
import { ENGINE_MESSAGES, type EngineMessageId } from './messages.js';
import { isScored, isFailed } from '../core/check-status.js';
import { type Lang, pick } from '../core/text.js';
import { renderMessage } from '../checks/message.js';
import { fillVariables } from './variables.js';

export interface EvaluateInput {
  lab: Lab;
  snapshot: Snapshot;
  answers: ReadonlyMap<string, AnswerValue>;
  answerWarnings?: string[];
  variables: Readonly<Record<string, string>>;
  http: HttpProbe;
  lang: Lang;
  target: ReportTarget;
  checkedAt?: string;
}

type Evaluated = { outcome: Outcome<string>; engine: boolean };

const engineOutcome = (status: Outcome<string>['status'], messageId: EngineMessageId, data: Outcome<string>['data']): Evaluated => ({
  outcome: { status, messageId, data },
  engine: true,
});

/** A kind name that resolved to nothing tp can read: the check cannot be made, and says which kind. */
const unresolvedOutcome = (name: string, resolution: Exclude<NameResolution, { ok: true }>): Evaluated => {
  switch (resolution.why) {
    case 'not-served':
      return engineOutcome('error', 'kind-not-served', { kind: name });
    case 'not-listable':
      return engineOutcome('error', 'kind-not-listable', { kind: name, kindName: resolution.kind });
    case 'discovery-failed':
      return engineOutcome('error', 'discovery-failed', { kind: name, reason: resolution.reason });
  }
};

const runCheck = async (kind: AnyCheckKind, check: CheckSpec, input: EvaluateInput): Promise<Evaluated> => {
  const params = fillVariables(check.params, input.variables);
  for (const name of kind.needs(params)) {
    const resolution = input.snapshot.names[name];
    if (resolution && !resolution.ok) return unresolvedOutcome(name, resolution);
    const read = resolution?.ok ? input.snapshot.kinds[resolution.key] : undefined;
    if (read && !read.ok) return engineOutcome('error', 'read-failed', { kind: resolution?.ok ? resolution.key : name, reason: read.failure.message });
  }
  for (const key of kind.answers?.(params) ?? []) {
    const answer = input.answers.get(key);
    if (!answer) return engineOutcome('fail', 'answer-missing', { answer: key });
    if (answer.state === 'placeholder') return engineOutcome('fail', 'not-answered', { answer: key });
  }
  try {
    const outcome = await kind.evaluate(params, { snapshot: input.snapshot, facts: input.snapshot.facts, answers: input.answers, variables: input.variables, http: input.http });
    return { outcome, engine: false };
  } catch (error) {
    return engineOutcome('error', 'crashed', { reason: (error as Error).message });
  }
};

/** The first answers-file key a check reads, with its line when the file has it. */
const answerOf = (kind: AnyCheckKind | undefined, check: CheckSpec, input: EvaluateInput): CheckResult['answer'] => {
  const key = kind?.answers?.(fillVariables(check.params, input.variables))[0];
  if (key === undefined) return undefined;
  const line = input.answers.get(key)?.line;
  return line === undefined ? { key } : { key, line };
};

const toResult = (check: CheckSpec, kind: AnyCheckKind | undefined, evaluated: Evaluated, lang: Lang): CheckResult => {
  const { outcome } = evaluated;
  const catalogue: Record<string, { fr: string; en: string }> = evaluated.engine ? ENGINE_MESSAGES : (kind?.messages ?? {});
  const template = catalogue[outcome.messageId];
  const message = template ? renderMessage(template, outcome, lang) : outcome.messageId;
  const failed = isFailed(outcome.status);
  return {
    id: check.id,
    title: pick(check.title, lang),
    status: outcome.status,
    points: check.points,
    earned: outcome.status === 'pass' ? check.points : 0,
    message,
    messageId: `${evaluated.engine ? 'engine' : check.kind}.${outcome.messageId}`,
    ...(outcome.details && { details: outcome.details }),
    ...(failed && check.hint ? { hint: pick(check.hint, lang) } : {}),
    // The first level until tp check knows which one the student has reached (engine/hint-levels.ts).
    ...(failed && (check.hints?.length ?? 0) > 1 ? { hintLevel: 1, hintCount: check.hints?.length } : {}),
  };
};

export const evaluateLab = async (input: EvaluateInput): Promise<Report> => {
  const { lab, lang } = input;
  // Every check at once: only HTTP checks wait on anything, and they wait in parallel.
  const exercises: ExerciseResult[] = await Promise.all(
    lab.exercises.map(async (exercise) => {
      const evaluated = await Promise.all(
        exercise.checks.map(async (check) => {
          const kind = findCheckKind(check.kind);
          const started = performance.now();
          const outcome = kind
            ? await runCheck(kind, check, input)
            : engineOutcome('error', 'crashed', { reason: `unknown check kind ${check.kind}` });
          const durationMs = performance.now() - started;
          const answer = answerOf(kind, check, input);
          const result = { ...toResult(check, kind, outcome, lang), ...(answer === undefined ? {} : { answer }), durationMs };
          return { scored: isScored(check), result };
        }),
      );
      const checks = evaluated.map((c) => c.result);
      const graded = evaluated.filter((c) => c.scored).map((c) => c.result);
      return {
        id: exercise.id,
        title: pick(exercise.title, lang),
        ...(exercise.section ? { section: exercise.section } : {}),
        score: graded.reduce((sum, c) => sum + c.earned, 0),
        maxScore: graded.reduce((sum, c) => sum + c.points, 0),
        // A check worth 0 points is evidence for the trainer: it does not make an exercise fail.
        passed: evaluated.filter((c) => c.scored && c.result.points > 0).every((c) => c.result.status === 'pass'),
        checks,
      };
    }),
  );
  return {
    lab: lab.id,
    labTitle: pick(lab.title, lang),
    lang,
    target: input.target,
    score: exercises.reduce((sum, e) => sum + e.score, 0),
    maxScore: exercises.reduce((sum, e) => sum + e.maxScore, 0),
    exercises,
    warnings: input.answerWarnings ?? [],
    ...(input.checkedAt ? { checkedAt: input.checkedAt } : {}),
  };
};

/** Lets the checks start what depends on the answers alone (hashed answers) while the snapshot is taken. */
export const prepareChecks = (lab: Lab, answers: ReadonlyMap<string, AnswerValue>, variables: Readonly<Record<string, string>>): void => {
  for (const check of lab.exercises.flatMap((exercise) => exercise.checks)) {
    try {
      findCheckKind(check.kind)?.prepare?.(fillVariables(check.params, variables), answers);
    } catch {
      // Only a head start: evaluate meets the same problem and reports it.
    }
  }
};

/** The kind names a lab's checks read (as the lab wrote them), so the snapshot lists those and no others. */
export const kindsNeeded = (lab: Lab, variables: Readonly<Record<string, string>>): Set<string> =>
  new Set(lab.exercises.flatMap((e) => e.checks.flatMap((c) => findCheckKind(c.kind)?.needs(fillVariables(c.params, variables)) ?? [])));
