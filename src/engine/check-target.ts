// Checks one target (a cluster context + namespace + answers file): read the
// answers, take the snapshot, evaluate. The CLI and the cohort grader call this.
import type { Lab } from '../lab/types.js';
import type { LoadedKubeconfig } from '../cluster/kubeconfig.js';
import type { Snapshot } from '../cluster/types.js';
import type { HttpVia } from '../cluster/http-types.js';
import type { ApiClient } from '../cluster/api-client.js';
import { makeHttpProbe } from '../cluster/http-probe.js';
import { takeSnapshot, everyReadFailed, missingNamespace, emptyNamespace } from '../cluster/snapshot.js';
import { readAnswersFile } from '../answers/read.js';
import { clusterErrorOf } from './cluster-failure.js';
import { evaluateLab, kindsNeeded, prepareChecks } from './evaluate.js';
import { NAMESPACE_WARNINGS } from './messages.js';
import type { Report } from './types.js';
import { type Lang, interpolate } from '../core/text.js';
import type { KubeconfigFacts } from '../core/kubeconfig-facts.js';
import type { ClusterKinds } from '../discovery/cluster-kinds.js';
import { failedKeys, kindsOfCluster } from './cluster-kinds.js';

export interface CheckTargetOptions {
  lab: Lab;
  kubeconfig: LoadedKubeconfig;
  answersFile: string;
  /** A folder the answers file may not leave through a link (tp grade: the student's submission). */
  answersWithin?: string;
  variables: Readonly<Record<string, string>>;
  httpVia: HttpVia;
  /** Bounds each network check (HTTP) and each API request, in milliseconds. */
  timeoutMs: number;
  lang: Lang;
  now: () => Date;
  /** Facts to compare `contexts` answers with instead of the kubeconfig's (cohort files). */
  facts?: Partial<KubeconfigFacts>;
  /** A snapshot already taken (shared by students of one cluster). */
  snapshot?: Snapshot;
  client?: ApiClient;
  /** What the cluster's kind names mean, shared by the checks of one run (watch, lab test); else one of its own. */
  kinds?: ClusterKinds;
  /** Abandons the HTTP checks still waiting (the grader gave up on this student). */
  signal?: AbortSignal;
}

export interface CheckTargetResult {
  report: Report;
  /** API requests this check made (benchmarks). */
  requests: number;
}

/** The names the lab reads, resolved on the cluster (discovery only for names Kubernetes itself lacks), then one LIST per kind. */
const readTarget = async (options: CheckTargetOptions, client: ApiClient, facts: KubeconfigFacts): Promise<Snapshot> => {
  const kinds = options.kinds ?? kindsOfCluster(options.kubeconfig, client, options.now);
  const resolved = await kinds.resolve(kindsNeeded(options.lab, options.variables));
  const snapshot = await takeSnapshot(client, options.kubeconfig.namespace, resolved, facts);
  await kinds.readsFailed(failedKeys(snapshot.kinds));
  return snapshot;
};

export const checkTarget = async (options: CheckTargetOptions): Promise<CheckTargetResult> => {
  const { lab, kubeconfig } = options;
  // Answers first: a broken answers file is reported before any cluster call.
  const answers = await readAnswersFile(options.answersFile, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.answersWithin === undefined ? {} : { within: options.answersWithin }),
  });
  const client = options.client ?? kubeconfig.connection.reader({ timeoutMs: options.timeoutMs });
  const before = client.requestCount;
  const facts: KubeconfigFacts = { ...kubeconfig.facts, ...options.facts };
  // A hashed answer's scrypt runs while the LISTs are in flight, not after them.
  if (!options.snapshot) prepareChecks(lab, answers.answers, options.variables);
  const snapshotStarted = performance.now();
  const snapshot = options.snapshot ? { ...options.snapshot, facts } : await readTarget(options, client, facts);
  const snapshotMs = performance.now() - snapshotStarted;
  const nothingRead = everyReadFailed(snapshot);
  if (nothingRead) throw clusterErrorOf(nothingRead, facts.context);
  const warnings = [...answers.warnings];
  const namespaceWarning = (warning: keyof typeof NAMESPACE_WARNINGS) =>
    interpolate(NAMESPACE_WARNINGS[warning][options.lang], { namespace: snapshot.namespace, context: facts.context });
  if (!options.snapshot && (await missingNamespace(client, snapshot))) warnings.unshift(namespaceWarning('missing'));
  else if (options.snapshot && emptyNamespace(snapshot)) warnings.unshift(namespaceWarning('empty'));
  const report = await evaluateLab({
    lab,
    snapshot,
    answers: answers.answers,
    answerWarnings: warnings,
    variables: options.variables,
    http: makeHttpProbe(client, options.httpVia, options.timeoutMs, options.signal),
    lang: options.lang,
    target: { context: facts.context, server: facts.server, namespace: snapshot.namespace, answers: options.answersFile },
    checkedAt: options.now().toISOString(),
  });
  return { report: { ...report, snapshotMs }, requests: client.requestCount - before };
};
