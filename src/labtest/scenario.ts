// One scenario of `tp lab test`: a namespace in a given state, the checks that
// must fail there, and the wait until the cluster has settled into that state.
import { ClusterError } from '../core/errors.js';
import type { CheckResult, Report } from '../engine/types.js';
import { isFailed } from '../core/check-status.js';

export interface Scenario {
  id: string;
  /** Check ids that must fail; every other check must pass (or be skipped). */
  mustFail: ReadonlySet<string> | 'all';
  /** Check ids not judged here (an exercise undone takes the ground from those that build on it). */
  ignored?: ReadonlySet<string>;
}

export interface ScenarioVerdict {
  id: string;
  ok: boolean;
  /** Checks that should have failed and did not. */
  notFailed: string[];
  /** Checks that failed (or errored) but should have passed. */
  unexpected: string[];
  /** Checks skipped here (e.g. HTTP on simulated nodes), with their reason. */
  skipped: CheckResult[];
  /** Checks this scenario proved: they failed, as it said they would. */
  proven: string[];
  report: Report;
}

const checksOf = (report: Report) => report.exercises.flatMap((e) => e.checks).filter((c) => c.status !== 'manual');

export const judgeScenario = (scenario: Scenario, report: Report): ScenarioVerdict => {
  const checks = checksOf(report).filter((c) => !scenario.ignored?.has(c.id));
  const mustFail = (id: string) => scenario.mustFail === 'all' || scenario.mustFail.has(id);
  const failed = (c: CheckResult) => isFailed(c.status);
  const skipped = checks.filter((c) => c.status === 'skip');
  const notFailed = checks.filter((c) => mustFail(c.id) && c.status === 'pass').map((c) => c.id);
  const unexpected = checks.filter((c) => !mustFail(c.id) && failed(c)).map((c) => c.id);
  // An empty namespace must fail everything: an `error` there proves nothing.
  const proven = checks.filter((c) => mustFail(c.id) && c.status === 'fail').map((c) => c.id);
  return { id: scenario.id, ok: notFailed.length === 0 && unexpected.length === 0, notFailed, unexpected, skipped, proven, report };
};

// An API server that misses one deadline while dozens of pods start is busy,
// not gone: within the settle time the scenario is simply looked at again.
const isTransient = (error: unknown) => error instanceof ClusterError && error.code === 'CLUSTER_UNREACHABLE';

/**
 * Re-checks until the verdict is right or the time is up: controllers need a
 * moment. A scenario given as a function is looked at again after each check
 * (what must fail can depend on the pods' state: see pull-failures.ts).
 * A check the cluster did not answer is retried until the deadline, then its
 * error is thrown; any other error is thrown at once.
 */
export const settle = async (
  scenario: Scenario | (() => Promise<Scenario>),
  check: () => Promise<Report>,
  timeoutMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<ScenarioVerdict> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let report: Report;
    try {
      report = await check();
    } catch (error) {
      if (!isTransient(error) || Date.now() >= deadline) throw error;
      await sleep(1000);
      continue;
    }
    const verdict = judgeScenario(typeof scenario === 'function' ? await scenario() : scenario, report);
    if (verdict.ok || Date.now() >= deadline) return verdict;
    await sleep(1000);
  }
};
