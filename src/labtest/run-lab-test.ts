// tp lab test: proves a lab on a live cluster. In scratch namespaces: the
// reference solution passes every check, an empty namespace fails every check,
// and each mutation fails exactly the checks it names.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab, Mutation } from '../lab/types.js';
import type { LoadedKubeconfig } from '../cluster/kubeconfig.js';
import type { HttpVia } from '../cluster/http-types.js';
import { checkTarget } from '../engine/check-target.js';
import { isScored } from '../core/check-status.js';
import { overriddenFacts } from '../core/kubeconfig-facts.js';
import { makeLimit } from '../core/limit.js';
import { PLACEHOLDER } from '../answers/types.js';
import { loadSolution, solutionAnswers, type SolutionStep } from './solution.js';
import { mutateSteps } from './mutate-steps.js';
import { applySteps } from './apply-steps.js';
import { fixedNodePorts, turns } from './node-ports.js';
import { settle, type Scenario, type ScenarioVerdict } from './scenario.js';
import type { Lang } from '../core/text.js';
import { mustFailWith } from './pull-failures.js';
import { undoScenarios } from './undo-exercise.js';
import { solutionProblems } from '../lab/solution-lint.js';
import { LabError, TpError } from '../core/errors.js';
import { kindsOfCluster } from '../engine/cluster-kinds.js';
import type { ClusterKinds } from '../discovery/cluster-kinds.js';
import type { KindCatalogue } from '../discovery/types.js';
import { needsClusterWord, unwritableManifest } from '../discovery/writable-kinds.js';
import { kindNamesOf } from './kind-names.js';

// The solution files are judged as `tp lab lint` judges them before any is read for use
// (a link to /dev/zero, a huge file, a cluster-scoped kind, at file:line:col)…
const refuseUnsafeSolution = async (lab: Lab): Promise<void> => {
  const problems = (await solutionProblems(lab.file)).filter((p) => p.severity === 'error');
  if (problems.length > 0) throw new LabError(problems);
};

const manifestsOf = (plans: readonly Plan[]) => plans.flatMap((plan) => plan.steps.flatMap((step) => step.manifests));

// …and everything any scenario would write before the first namespace is made, so a refused
// manifest of a later step or mutation never leaves the earlier ones written.
const refuseUnwritable = (plans: readonly Plan[], served: KindCatalogue | undefined): void => {
  const refusals = [...new Set(manifestsOf(plans).flatMap((m) => unwritableManifest(m, served) ?? []))];
  if (refusals.length > 0) throw new TpError('LAB_INVALID', `the lab's solution cannot be applied: ${refusals.join('; ')}`, 'run `tp lab lint` on the lab for where each one is written');
};

/**
 * What the cluster serves, when the solution writes custom resources (only the cluster can say
 * whether it serves them, and whether they are namespaced): from the cache, or fresh when a kind is
 * missing there (a CRD installed since). Undefined when the solution holds only Kubernetes' own kinds.
 */
const servedKinds = async (plans: readonly Plan[], kinds: ClusterKinds): Promise<KindCatalogue | undefined> => {
  const custom = manifestsOf(plans).filter(needsClusterWord);
  if (custom.length === 0) return undefined;
  try {
    const cached = await kinds.catalogue();
    return custom.some((m) => unwritableManifest(m, cached) !== undefined) ? await kinds.catalogue(true) : cached;
  } catch (error) {
    throw new TpError('CLUSTER_UNREACHABLE', `the lab's solution writes custom resources, and what the cluster serves could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
};

export interface LabTestOptions {
  lab: Lab;
  kubeconfig: LoadedKubeconfig;
  variables: Readonly<Record<string, string>>;
  httpVia: HttpVia;
  timeoutMs: number;
  lang: Lang;
  now: () => Date;
  /** How long a scenario may take to settle. */
  settleTimeoutMs: number;
  concurrency: number;
  /** Scenario ids to run alone (`tp lab test --only`); all of them when absent. */
  only?: readonly string[];
  onScenario?: (verdict: ScenarioVerdict, done: number, total: number) => void;
  /** A scenario that did not settle, while its namespace still stands: a test's diagnosis of a random failure. */
  onUnsettled?: (verdict: ScenarioVerdict, namespace: string) => Promise<void>;
  /** Aborting deletes the namespaces made so far (Ctrl-C). */
  signal?: AbortSignal;
}

export interface LabTestResult {
  verdicts: ScenarioVerdict[];
  checkIds: string[];
  /** Checks some mutation (or the empty namespace, for answers) made fail as announced. */
  provenByMutation: string[];
  /** Checks skipped in the solution scenario, with the reason (e.g. HTTP on simulated nodes). */
  skippedInSolution: Array<{ id: string; reason: string }>;
  /** Set when `--only` ran some scenarios: how many the whole proof has. Nothing is said then of checks no mutation run made fail. */
  partialOf?: number;
  ok: boolean;
}

interface Plan {
  scenario: Scenario;
  steps: SolutionStep[];
  answers: Record<string, string>;
  mutation?: Mutation;
}

/** Solution, empty namespace, each mutation, each exercise undone. */
export const scenarioCount = (lab: Lab): number => 2 + lab.mutations.length + undoScenarios(lab, []).length;

/** The plans `--only` names, in the proof's order; an id that names no scenario is refused with the ids there are. */
const chosenPlans = (plans: readonly Plan[], only: readonly string[] | undefined): Plan[] => {
  if (!only || only.length === 0) return [...plans];
  const ids = plans.map((plan) => plan.scenario.id);
  const unknown = only.filter((id) => !ids.includes(id));
  if (unknown.length > 0) {
    throw new TpError('USAGE', `--only names no scenario of this lab: ${unknown.join(', ')}`, `its scenarios: ${ids.join(', ')}`);
  }
  return plans.filter((plan) => only.includes(plan.scenario.id));
};

export const runLabTest = async (options: LabTestOptions): Promise<LabTestResult> => {
  const { lab, kubeconfig, variables } = options;
  await refuseUnsafeSolution(lab);
  const solution = await loadSolution(lab, variables);
  // One resolver for the whole run: discovery, when the lab needs it, once for every scenario.
  const kinds = kindsOfCluster(kubeconfig, kubeconfig.connection.reader({ timeoutMs: options.timeoutMs }), options.now);
  const kindNames = await kindNamesOf(lab, kinds);
  const checkIds = lab.exercises.flatMap((e) => e.checks.filter(isScored).map((c) => c.id));
  const emptyAnswers = Object.fromEntries(lab.answers.map((a) => [a.key, PLACEHOLDER]));
  const plans: Plan[] = [
    { scenario: { id: 'solution', mustFail: new Set() }, steps: solution.steps, answers: {} },
    { scenario: { id: 'empty', mustFail: 'all' }, steps: [], answers: emptyAnswers },
    ...lab.mutations.map((mutation) => ({
      scenario: { id: mutation.id, mustFail: new Set(mutation.fails) },
      steps: mutateSteps(solution.steps, mutation, variables),
      answers: mutation.answers ?? {},
      mutation,
    })),
    ...undoScenarios(lab, solution.steps, kindNames).map((undo) => ({
      scenario: { id: undo.id, mustFail: undo.mustFail, ignored: undo.ignored },
      steps: mutateSteps(solution.steps, undo.mutation, variables),
      answers: undo.mutation.answers ?? {},
    })),
  ];
  const chosen = chosenPlans(plans, options.only);
  const served = await servedKinds(chosen, kinds);
  refuseUnwritable(chosen, served);
  const namespaces = kubeconfig.connection.scratchNamespaces(lab.id, { stepTimeoutMs: options.settleTimeoutMs, ...(served ? { served } : {}) });
  const takeTurn = turns();
  const workDir = await mkdtemp(join(tmpdir(), 'tp-lab-test-'));
  const cleanUp = () => void namespaces.deleteAll();
  options.signal?.addEventListener('abort', cleanUp, { once: true });
  let done = 0;
  const runPlan = async (plan: Plan, services: readonly string[]): Promise<ScenarioVerdict> => {
    if (options.signal?.aborted) throw new Error('interrupted');
    const namespace = await namespaces.create(plan.scenario.id);
    await applySteps(plan.steps, {
      apply: (manifests) => namespaces.apply(namespace, manifests, plan.mutation?.madeWith),
      waitForRollouts: (pods) => namespaces.waitForRollouts(namespace, pods),
      waitForObserved: (pods) => namespaces.waitForObserved(namespace, pods),
    });
    const facts = { ...kubeconfig.facts, ...overriddenFacts(plan.mutation?.facts) };
    const answersFile = join(workDir, `answers_${plan.scenario.id}`);
    const answersText = plan.scenario.mustFail === 'all'
      ? `${JSON.stringify(plan.answers, null, 2)}\n`
      : solutionAnswers(solution.answersTemplate, kubeconfig.facts, plan.answers, namespace);
    await writeFile(answersFile, answersText);
    const check = async () =>
      (await checkTarget({
        lab,
        kubeconfig: { ...kubeconfig, namespace },
        answersFile,
        variables,
        httpVia: options.httpVia,
        timeoutMs: options.timeoutMs,
        lang: options.lang,
        now: options.now,
        facts,
        kinds,
      })).report;
    const { mutation } = plan;
    const scenario = mutation?.failsWhenPullFails?.length
      ? async () => ({ ...plan.scenario, mustFail: mustFailWith(await namespaces.imagePullFailing(namespace), mutation) })
      : plan.scenario;
    const verdict = await settle(scenario, check, options.settleTimeoutMs);
    if (!verdict.ok && !options.signal?.aborted) await options.onUnsettled?.(verdict, namespace);
    await namespaces.deleteServices(namespace, services);
    await namespaces.release(namespace);
    // After Ctrl-C, what the scenarios still running find is not a verdict on the lab.
    if (!options.signal?.aborted) options.onScenario?.(verdict, (done += 1), chosen.length);
    return verdict;
  };
  // Ctrl-C deletes the namespaces under the scenarios still running: what they then meet
  // (a write refused, an object gone) is the interrupt, said as such.
  const judgeAll = async (): Promise<ScenarioVerdict[]> => {
    const limit = makeLimit(options.concurrency);
    const verdicts = await Promise.all(
      chosen.map((plan) =>
        limit(() => {
          const held = fixedNodePorts(plan.steps);
          return takeTurn(held.ports.map(String), () => runPlan(plan, held.services));
        }),
      ),
    ).catch((error: unknown) => {
      if (!options.signal?.aborted) throw error;
    });
    // Even when every scenario ended: an interrupted proof is not a proof.
    if (options.signal?.aborted || !verdicts) {
      throw new TpError('INTERRUPTED', `interrupted after ${done} of ${chosen.length} scenarios: the scratch namespaces of this run are deleted`);
    }
    return verdicts;
  };
  try {
    const verdicts = await judgeAll();
    // Only mutations prove a check: an undone exercise fails it along with its whole exercise.
    const proven = new Set(verdicts.filter((v) => lab.mutations.some((m) => m.id === v.id)).flatMap((v) => v.proven));
    const solutionVerdict = verdicts.find((v) => v.id === 'solution');
    const skipped = solutionVerdict?.skipped ?? [];
    const partial = chosen.length < plans.length;
    return {
      verdicts,
      checkIds,
      provenByMutation: checkIds.filter((id) => proven.has(id)),
      skippedInSolution: skipped.map((c) => ({ id: c.id, reason: c.message })),
      ...(partial ? { partialOf: plans.length } : {}),
      // Every check must be able to fail; a check that cannot be evaluated here (skipped) is excused.
      // A partial run judges only its scenarios: whether every check can fail needs them all.
      ok: verdicts.every((v) => v.ok) && (partial || checkIds.every((id) => proven.has(id) || skipped.some((c) => c.id === id))),
    };
  } finally {
    options.signal?.removeEventListener('abort', cleanUp);
    await namespaces.deleteAll();
    await rm(workDir, { recursive: true, force: true });
  }
};
