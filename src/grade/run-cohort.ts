// Grades a cohort: students grouped by cluster, each cluster read once (one
// LIST per kind for all its students), then every student evaluated against
// their part of that read. Clusters and students run with bounded
// concurrency. An abort (Ctrl-C) stops at once and keeps what was graded.
import type { ApiClient } from '../cluster/api-client.js';
import type { HttpVia } from '../cluster/http-types.js';
import type { LoadedKubeconfig } from '../cluster/kubeconfig.js';
import { kindsNeeded } from '../engine/evaluate.js';
import { secretComparisons } from '../engine/secret-comparisons.js';
import type { Lab } from '../lab/types.js';
import { errorResult, gradeStudent, identityOf } from './grade-student.js';
import { groupByCluster, type ClusterGroup, type KubeconfigLoader } from './group.js';
import { makeLimit, type Limit } from '../core/limit.js';
import type { CohortStudent, RunStats, StudentResult } from './types.js';
import type { Lang } from '../core/text.js';
import { readCluster, type ClusterRead } from '../cluster/shared-snapshot.js';
import { failedKeys, kindsOfCluster } from '../engine/cluster-kinds.js';

export interface CohortRunOptions {
  lab: Lab;
  students: readonly CohortStudent[];
  variables: Readonly<Record<string, string>>;
  httpVia: HttpVia;
  /** Bounds each API request and each HTTP check, in milliseconds. */
  timeoutMs: number;
  studentTimeoutMs: number;
  /** Clusters read at once, and students evaluated at once. */
  concurrency: number;
  /** The trainer's language: students without one of their own get it. */
  lang: Lang;
  now: () => Date;
  loadKubeconfig: KubeconfigLoader;
  makeClient?: (kubeconfig: LoadedKubeconfig, timeoutMs: number, signal?: AbortSignal) => ApiClient;
  signal?: AbortSignal;
  /** Called as each student is done (progress). */
  onStudent?: (result: StudentResult) => void;
}

export interface CohortRun {
  /** In cohort order; students not graded before an abort are `pending`. */
  results: StudentResult[];
  complete: boolean;
  stats: RunStats;
}

interface Shared {
  options: CohortRunOptions;
  clusterLimit: Limit;
  studentLimit: Limit;
  requestLimit: Limit;
  clients: ApiClient[];
  record: (result: StudentResult) => void;
}

// The signal cuts requests in flight on Ctrl-C: a hung API server must not keep the process alive.
const defaultClient = (kubeconfig: LoadedKubeconfig, timeoutMs: number, signal?: AbortSignal): ApiClient =>
  kubeconfig.connection.reader({ timeoutMs, ...(signal ? { signal } : {}) });

const gradeGroup = async (group: ClusterGroup, shared: Shared): Promise<void> => {
  const { options } = shared;
  if (!group.ok) {
    for (const student of group.students) shared.record(errorResult(student, group.reason));
    return;
  }
  const client = (options.makeClient ?? defaultClient)(group.kubeconfig, options.timeoutMs, options.signal);
  shared.clients.push(client);
  let read: ClusterRead;
  try {
    read = await shared.clusterLimit(async () => {
      // The lab's kind names are resolved once per cluster (discovery, when needed, shared by its students).
      const kinds = kindsOfCluster(group.kubeconfig, client, options.now);
      const resolved = await kinds.resolve(kindsNeeded(options.lab, options.variables));
      const comparisons = secretComparisons(options.lab, options.variables);
      const clusterRead = await readCluster(client, resolved, group.students.map((s) => s.namespace), shared.requestLimit, comparisons);
      const first = group.students[0];
      if (first) await kinds.readsFailed(failedKeys(clusterRead.kindsFor(first.namespace)));
      return clusterRead;
    });
  } catch (error) {
    // Not an API answer (a kubeconfig credential plugin failing…): this cluster's students only.
    const reason = `cannot read the cluster of context "${group.kubeconfig.facts.context}": ${error instanceof Error ? error.message : String(error)}`;
    for (const { student } of group.students) shared.record(errorResult(student, reason));
    return;
  }
  await Promise.all(
    group.students.map(({ student, namespace }) =>
      shared.studentLimit(async () => {
        if (options.signal?.aborted) return;
        shared.record(
          await gradeStudent({
            ...options,
            student,
            namespace,
            kubeconfig: group.kubeconfig,
            client,
            snapshotKinds: read.kindsFor(namespace),
            snapshotNames: read.names,
          }),
        );
      }),
    ),
  );
};

const whenAborted = (signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });

export const runCohort = async (options: CohortRunOptions): Promise<CohortRun> => {
  const started = Date.now();
  const done = new Map<number, StudentResult>();
  let frozen = false;
  const shared: Shared = {
    options,
    clusterLimit: makeLimit(options.concurrency),
    studentLimit: makeLimit(options.concurrency),
    // Separate from the cluster slots: a per-namespace fallback runs inside one of those.
    requestLimit: makeLimit(options.concurrency * 2),
    clients: [],
    record: (result) => {
      // After an abort the gradebook is being written: late results must not change it.
      if (frozen) return;
      done.set(result.student.index, result);
      options.onStudent?.(result);
    },
  };
  const groups = groupByCluster(options.students, options.loadKubeconfig);
  await Promise.race([Promise.all(groups.map((group) => gradeGroup(group, shared))), whenAborted(options.signal)]);
  frozen = true;
  const results = options.students.map(
    (student): StudentResult => done.get(student.index) ?? { student: identityOf(student), status: 'pending' },
  );
  return {
    results,
    complete: results.every((result) => result.status !== 'pending'),
    stats: {
      apiRequests: shared.clients.reduce((sum, client) => sum + client.requestCount, 0),
      clusters: groups.length,
      durationMs: Date.now() - started,
    },
  };
};
