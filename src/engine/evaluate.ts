// Evaluates every check of a lab against a snapshot and the student's answers,
// and scores the result into a Report. No API calls here: the snapshot is given.
import type { Lab, CheckSpec } from '../lab/types.js';
import type { AnswerValue } from '../answers/types.js';
import type { NameResolution, Snapshot } from '../cluster/types.js';
import type { HttpProbe } from '../cluster/http-types.js';
import type { LogReader } from '../cluster/log-types.js';
import type { AnyCheckKind, Outcome } from '../checks/define.js';
import { findCheckKind } from '../checks/index.js';
import type { CheckResult, ExerciseResult, Report, ReportTarget } from './types.js';
import { ENGINE_MESSAGES, type EngineMessageId } from './messages.js';
import { isScored, isFailed } from '../core/check-status.js';
import { type Lang, pick } from '../core/text.js';
import { boundedLine, renderMessage } from '../checks/message.js';
import { oneLine } from '../core/clean-text.js';
import { fillVariables, fillVariablesShared, withNamespace } from './variables.js';

export interface EvaluateInput {
  lab: Lab;
  snapshot: Snapshot;
  answers: ReadonlyMap<string, AnswerValue>;
  answerWarnings?: string[];
  variables: Readonly<Record<string, string>>;
  http: HttpProbe;
  logs: LogReader;
  lang: Lang;
  target: ReportTarget;
  checkedAt?: string;
  /** Stops the evaluation between two checks (the student's time is up, Ctrl-C): it then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Reads kinds checks read only to say why they failed (`explainedBy`: events) that the snapshot
   * lacks, when the first check that needs them fails: a lab that passes costs no request for them.
   * Without it, checks explain with what the snapshot holds.
   */
  explain?: (names: readonly string[]) => Promise<Pick<Snapshot, 'kinds' | 'names'>>;
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

/** `params`: the check's, its variables filled (once per check: evaluateOne). */
const runCheck = async (kind: AnyCheckKind, params: CheckSpec['params'], input: EvaluateInput): Promise<Evaluated> => {
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
    const outcome = await kind.evaluate(params, { snapshot: input.snapshot, facts: input.snapshot.facts, answers: input.answers, variables: input.variables, http: input.http, logs: input.logs });
    return { outcome, engine: false };
  } catch (error) {
    return engineOutcome('error', 'crashed', { reason: (error as Error).message });
  }
};

/** The first answers-file key a check reads, with its line when the file has it. */
const answerOf = (kind: AnyCheckKind | undefined, params: CheckSpec['params'], input: EvaluateInput): CheckResult['answer'] => {
  const key = kind?.answers?.(params)[0];
  if (key === undefined) return undefined;
  const line = input.answers.get(key)?.line;
  return line === undefined ? { key } : { key, line };
};

/** The result of a check, made in one object literal (a spread of another result makes each one's hidden class its own). */
const toResult = (check: CheckSpec, kind: AnyCheckKind | undefined, evaluated: Evaluated, lang: Lang, answer: CheckResult['answer'], durationMs: number): CheckResult => {
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
    // Details are exact for tools, and bounded as messages are: a student's list of writers is not a report of megabytes.
    ...(outcome.details && { details: Object.fromEntries(Object.entries(outcome.details).map(([key, value]) => [key, boundedLine(value)])) }),
    ...(failed && check.hint ? { hint: pick(check.hint, lang) } : {}),
    // The first level until tp check knows which one the student has reached (engine/hint-levels.ts).
    ...(failed && (check.hints?.length ?? 0) > 1 ? { hintLevel: 1, hintCount: check.hints?.length } : {}),
    ...(answer === undefined ? {} : { answer }),
    durationMs,
  };
};

/** An HTTP probe and a log reader that answer a request asked again with the first answer: a check evaluated again to be explained asks nothing twice. */
const answeringOnce = (input: EvaluateInput): Pick<EvaluateInput, 'http' | 'logs'> => {
  // Made on the first request: most checks ask none.
  let http: Map<string, ReturnType<HttpProbe['get']>> | undefined;
  let logs: Map<string, ReturnType<LogReader['read']>> | undefined;
  const once = <T>(seen: Map<string, T>, key: string, ask: () => T): T => {
    const known = seen.get(key);
    if (known !== undefined) return known;
    const asked = ask();
    seen.set(key, asked);
    return asked;
  };
  return {
    http: { via: input.http.via, get: (request) => once((http ??= new Map()), JSON.stringify(request, (key, value: unknown) => (key === 'nodes' ? undefined : value)), () => input.http.get(request)) },
    logs: { read: (request) => once((logs ??= new Map()), JSON.stringify(request), () => input.logs.read(request)) },
  };
};

/** The kinds a check reads only to explain a failure that the snapshot does not hold yet. */
const unexplained = (kind: AnyCheckKind, params: CheckSpec['params'], input: EvaluateInput): string[] =>
  (kind.explainedBy?.(params) ?? []).filter((name) => input.snapshot.names[name] === undefined);

/** The next turn of the event loop: timers (a student's time up) and signals (Ctrl-C) get theirs before this goes on. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const evaluateLab = async (input: EvaluateInput): Promise<Report> => {
  const { lab, lang, explain } = input;
  // Kinds read only to explain (events), read once, when the first check that needs them fails; a failed read explains less.
  let explained: Promise<Snapshot | undefined> | undefined;
  const explainedSnapshot = (): Promise<Snapshot | undefined> => {
    if (!explain) return Promise.resolve(undefined);
    explained ??= (async () => {
      const wanted = [...kindsNeeded(lab, input.variables)].filter((name) => input.snapshot.names[name] === undefined);
      const more = await explain(wanted);
      return { ...input.snapshot, kinds: { ...input.snapshot.kinds, ...more.kinds }, names: { ...input.snapshot.names, ...more.names } };
    })().catch(() => undefined);
    return explained;
  };
  const crashed = (error: unknown) => engineOutcome('error', 'crashed', { reason: error instanceof Error ? error.message : String(error) });
  const variables = withNamespace(input.variables, input.snapshot.namespace);
  const evaluateOne = async (check: CheckSpec) => {
    const kind = findCheckKind(check.kind);
    const started = performance.now();
    const own = { ...input, ...answeringOnce(input) };
    // The lab's params, its variables filled (copied where one is): checks only read them.
    const params = fillVariablesShared(check.params, variables);
    // Never a rejection: a check started turns before the others are awaited must not fail unheard.
    let outcome = kind ? await runCheck(kind, params, own).catch(crashed) : engineOutcome('error', 'crashed', { reason: `unknown check kind ${check.kind}` });
    if (kind && !outcome.engine && isFailed(outcome.outcome.status) && unexplained(kind, params, input).length > 0) {
      const snapshot = await explainedSnapshot();
      if (snapshot) outcome = await runCheck(kind, params, { ...own, snapshot }).catch(crashed);
    }
    const durationMs = performance.now() - started;
    const answer = answerOf(kind, params, input);
    const result = toResult(check, kind, outcome, lang, answer, durationMs);
    return { scored: isScored(check), result };
  };
  // Each check starts on a turn of its own, so a student's time running out or Ctrl-C is heard
  // between two checks, and an abandoned student's remaining checks are never started. Once
  // started, checks run together: only HTTP checks wait on anything, and they wait in parallel.
  const running: Array<Array<ReturnType<typeof evaluateOne>>> = [];
  for (const exercise of lab.exercises) {
    const started: Array<ReturnType<typeof evaluateOne>> = [];
    for (const check of exercise.checks) {
      await nextTurn();
      input.signal?.throwIfAborted();
      started.push(evaluateOne(check));
    }
    running.push(started);
  }
  const exercises: ExerciseResult[] = await Promise.all(
    lab.exercises.map(async (exercise, index) => {
      const evaluated = await Promise.all(running[index] ?? []);
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
    // Each warning is a line of the report: a key or a name the student wrote stays inside it.
    warnings: (input.answerWarnings ?? []).map(oneLine),
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

/**
 * The kind names a lab's checks read (as the lab wrote them), so the snapshot lists those and no
 * others; with `explanations: false`, only those a verdict depends on (what a watch follows).
 */
export const kindsNeeded = (lab: Lab, variables: Readonly<Record<string, string>>, { explanations = true } = {}): Set<string> =>
  new Set(
    lab.exercises.flatMap((e) =>
      e.checks.flatMap((c) => {
        const kind = findCheckKind(c.kind);
        const params = fillVariables(c.params, variables);
        return [...(kind?.needs(params) ?? []), ...(explanations ? (kind?.explainedBy?.(params) ?? []) : [])];
      }),
    ),
  );
