// Checks one target (a cluster context + namespace + answers file): read the
// answers, take the snapshot, evaluate. The CLI and the cohort grader call this.
import type { Lab } from '../lab/types.js';
import type { LoadedKubeconfig } from '../cluster/kubeconfig.js';
import type { Snapshot } from '../cluster/types.js';
import type { HttpVia } from '../cluster/http-types.js';
import type { ApiClient } from '../cluster/api-client.js';
import { makeHttpProbe } from '../cluster/http-probe.js';
import { makeLogReader } from '../cluster/log-reader.js';
import { takeSnapshot, missingNamespace, emptyNamespace } from '../cluster/snapshot.js';
import { parseAnswers } from '../answers/read.js';
import { readAnswersBytes } from '../answers/read-bytes.js';
import { kindsNeeded, prepareChecks } from './evaluate.js';
import { evaluateSnapshot, type CheckReaders } from './evaluate-snapshot.js';
import type { Report } from './types.js';
import type { Lang } from '../core/text.js';
import type { KubeconfigFacts } from '../core/kubeconfig-facts.js';
import type { ClusterKinds } from '../discovery/cluster-kinds.js';
import type { Resolution } from '../discovery/types.js';
import { failedKeys, kindsOfCluster } from './cluster-kinds.js';
import { secretComparisons } from './secret-comparisons.js';

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
  /** Abandons the checks not started yet and the HTTP checks still waiting (the grader gave up on this student). */
  signal?: AbortSignal;
  /**
   * Wraps the I/O checks may ask for (tp submit records what it answered, so
   * that the engine can replay it from the submission file).
   */
  wrapReaders?: (readers: CheckReaders) => CheckReaders;
  /**
   * Kind names to read beyond the lab's, given the kind keys the lab's names resolved to
   * (tp submit: the evidence its integrity checks compare).
   */
  extraKinds?: (keys: ReadonlySet<string>) => string[];
}

export type { CheckReaders } from './evaluate-snapshot.js';

export interface CheckTargetResult {
  report: Report;
  /** API requests this check made (benchmarks). */
  requests: number;
  /** Connections to the API server it opened for them. */
  connections: number;
  /** What the checks read of the cluster. */
  snapshot: Snapshot;
  /** The answers file's bytes, as read (tp submit hands them in, to be read again the same way). */
  answersBytes: Buffer;
}

const keysOf = (resolved: ReadonlyMap<string, Resolution>): Set<string> =>
  new Set([...resolved.values()].flatMap((resolution) => (resolution.ok ? [resolution.kind.key] : [])));

/** The names the lab reads, resolved on the cluster (discovery only for names Kubernetes itself lacks), then one LIST per kind. */
const readTarget = async (options: CheckTargetOptions, client: ApiClient, facts: KubeconfigFacts, kinds: ClusterKinds): Promise<Snapshot> => {
  // Kinds read only to explain a failure (events) are read when a check fails (evaluateLab's `explain`).
  const needed = kindsNeeded(options.lab, options.variables, { explanations: false });
  let resolved = await kinds.resolve(needed);
  const extra = options.extraKinds?.(keysOf(resolved)) ?? [];
  if (extra.length > 0) resolved = await kinds.resolve([...needed, ...extra]);
  const snapshot = await takeSnapshot(client, options.kubeconfig.namespace, resolved, facts, secretComparisons(options.lab, options.variables));
  await kinds.readsFailed(failedKeys(snapshot.kinds));
  return snapshot;
};

export const checkTarget = async (options: CheckTargetOptions): Promise<CheckTargetResult> => {
  const { lab, kubeconfig } = options;
  const client = options.client ?? kubeconfig.connection.reader({ timeoutMs: options.timeoutMs });
  const before = client.requestCount;
  const connectionsBefore = client.connectionCount;
  // The connection to the API server is opened while the answers are read; no request goes
  // before them: a broken answers file is reported before any cluster call.
  if (!options.snapshot && options.client === undefined) client.connectAhead?.();
  const answersBytes = await readAnswersBytes(options.answersFile, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.answersWithin === undefined ? {} : { within: options.answersWithin }),
  });
  const answers = parseAnswers(answersBytes, options.answersFile);
  const facts: KubeconfigFacts = { ...kubeconfig.facts, ...options.facts };
  // A hashed answer's scrypt runs while the LISTs are in flight, not after them.
  if (!options.snapshot) prepareChecks(lab, answers.answers, options.variables);
  const snapshotStarted = performance.now();
  const kinds = options.kinds ?? kindsOfCluster(options.kubeconfig, client, options.now);
  const taken = options.snapshot ? { ...options.snapshot, facts } : await readTarget(options, client, facts, kinds);
  // What was read to explain a failure joins the snapshot (tp submit hands it in, so the replay explains alike).
  let snapshot = taken;
  const explain = async (names: readonly string[]): Promise<Pick<Snapshot, 'kinds' | 'names'>> => {
    const more = await takeSnapshot(client, taken.namespace, await kinds.resolve(names), facts);
    snapshot = { ...snapshot, kinds: { ...snapshot.kinds, ...more.kinds }, names: { ...snapshot.names, ...more.names } };
    return more;
  };
  const snapshotMs = performance.now() - snapshotStarted;
  // Asked of the API only when nothing was read in the namespace: a typo in `-n` should not look like a student who did nothing.
  const namespace = !options.snapshot ? ((await missingNamespace(client, snapshot)) ? 'missing' : undefined) : emptyNamespace(snapshot) ? 'empty' : undefined;
  const probes: CheckReaders = {
    http: makeHttpProbe(client, options.httpVia, options.timeoutMs, options.signal),
    logs: makeLogReader(client, options.timeoutMs, options.signal),
  };
  const report = await evaluateSnapshot({
    lab,
    snapshot,
    answers,
    ...(namespace === undefined ? {} : { namespace }),
    variables: options.variables,
    readers: options.wrapReaders ? options.wrapReaders(probes) : probes,
    lang: options.lang,
    answersFile: options.answersFile,
    checkedAt: options.now().toISOString(),
    ...(options.signal ? { signal: options.signal } : {}),
    // A snapshot handed in (a cohort's shared read) holds its explanations already.
    ...(options.snapshot ? {} : { explain }),
  });
  return { report: { ...report, snapshotMs }, requests: client.requestCount - before, connections: client.connectionCount - connectionsBefore, snapshot, answersBytes };
};
