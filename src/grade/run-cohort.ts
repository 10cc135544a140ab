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
import { connectionsTo, groupByCluster, readsAtOnce, type ClusterGroup, type KubeconfigLoader } from './group.js';
import { makeLimit, type Limit } from '../core/limit.js';
import type { CohortStudent, RunStats, StudentResult } from './types.js';
import type { Lang } from '../core/text.js';
import { readCluster, type ClusterRead } from '../cluster/shared-snapshot.js';
import { TpError } from '../core/errors.js';
import { failedKeys, kindsOfCluster } from '../engine/cluster-kinds.js';

/** How a cohort is graded: by `tp grade` once, or by the live class again and again. */
export interface CohortGradingOptions {
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
}

export interface CohortRunOptions extends CohortGradingOptions {
  makeClient?: (kubeconfig: LoadedKubeconfig, timeoutMs: number, signal?: AbortSignal, connections?: number) => ApiClient;
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
// A cluster of many students is read by many LISTs at once: as many kept-alive connections as reads run together.
const defaultClient = (kubeconfig: LoadedKubeconfig, timeoutMs: number, signal?: AbortSignal, connections = 1): ApiClient =>
  kubeconfig.connection.reader({ timeoutMs, connections, ...(signal ? { signal } : {}) });

const gradeGroup = async (group: ClusterGroup, shared: Shared): Promise<void> => {
  const { options } = shared;
  if (!group.ok) {
    for (const student of group.students) shared.record(errorResult(student, group.reason));
    return;
  }
  const client = (options.makeClient ?? defaultClient)(group.kubeconfig, options.timeoutMs, options.signal, connectionsTo(group, options.concurrency));
  shared.clients.push(client);
  // Not an API answer (a kubeconfig credential plugin failing…): this cluster's students only.
  const cannotRead = (error: unknown) => `cannot read the cluster of context "${group.kubeconfig.facts.context}": ${error instanceof Error ? error.message : String(error)}`;
  /** The lab's kind names resolved (discovery, when needed, shared by the cluster's students), then one read of the cluster. */
  const read = async (namespaces: string[], signal?: AbortSignal): Promise<ClusterRead> => {
    const kinds = kindsOfCluster(group.kubeconfig, client, options.now);
    const resolved = await kinds.resolve(kindsNeeded(options.lab, options.variables));
    const clusterRead = await readCluster(client, resolved, namespaces, shared.requestLimit, { comparisons: secretComparisons(options.lab, options.variables), ...(signal ? { signal } : {}) });
    const [first] = namespaces;
    if (first !== undefined) await kinds.readsFailed(failedKeys(clusterRead.kindsFor(first)));
    return clusterRead;
  };
  // A cluster of one student is theirs alone: read within their --student-timeout (and in their slot, not a
  // cluster's, so other clusters' reads never eat their time), so an API server that never ends its LISTs puts only them in error.
  const own = group.students.length === 1;
  let sharedRead: ClusterRead | undefined;
  if (!own) {
    try {
      sharedRead = await shared.clusterLimit(() => read(group.students.map((s) => s.namespace), options.signal));
    } catch (error) {
      for (const { student } of group.students) shared.record(errorResult(student, cannotRead(error)));
      return;
    }
  }
  // A cluster a student handed in is reached through its API server: node ports only when the trainer asks for them.
  const httpVia = options.httpVia === 'auto' && group.students.some(({ student }) => student.handedIn) ? 'proxy' : options.httpVia;
  await Promise.all(
    group.students.map(({ student, namespace }) =>
      shared.studentLimit(async () => {
        if (options.signal?.aborted) return;
        shared.record(
          await gradeStudent({
            ...options,
            httpVia,
            student,
            namespace,
            kubeconfig: group.kubeconfig,
            client,
            readSnapshot: async (signal) => {
              let clusterRead = sharedRead;
              try {
                clusterRead ??= await read([namespace], signal);
              } catch (error) {
                throw new TpError('CLUSTER_UNREACHABLE', cannotRead(error));
              }
              return { kinds: clusterRead.kindsFor(namespace), names: clusterRead.names };
            },
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
    requestLimit: makeLimit(readsAtOnce(options.concurrency)),
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
