// The live class: each cluster of the cohort listed once and then watched
// (cluster/cluster-cache.ts), each student graded again when what they are
// graded on changes — objects of their namespace, their cluster's nodes,
// their answers file or hint state on disk — with the engine tp grade uses,
// on what the cache holds: no API request per grading. A student whose
// cluster cannot be reached is graded as such (error) and again once it
// answers; their classmates on other clusters go on.
import type { ApiClient } from '../cluster/api-client.js';
import type { ClusterCache } from '../cluster/cluster-cache.js';
import type { ReflectorTiming } from '../cluster/reflector.js';
import type { LoadedKubeconfig } from '../cluster/kubeconfig.js';
import type { Snapshot } from '../cluster/types.js';
import { hintStatePath } from '../answers/hint-file.js';
import { makeLimit } from '../core/limit.js';
import { clusterErrorOf } from '../engine/cluster-failure.js';
import { errorResult, gradeStudent } from '../grade/grade-student.js';
import { connectionsTo, groupByCluster, readsAtOnce } from '../grade/group.js';
import type { CohortGradingOptions } from '../grade/run-cohort.js';
import type { CohortStudent, StudentResult } from '../grade/types.js';
import { watchFiles, type FileWatch } from './file-watch.js';
import { followOneCluster } from './follow-cluster.js';
import { makeStudentQueue } from './student-queue.js';

export interface FollowClassOptions extends CohortGradingOptions {
  /** A student's fresh result, after each grading (changed or not). */
  onResult(index: number, result: StudentResult): void;
  /** How long changes are gathered before a student is graded again. */
  debounceMs?: number;
  /** Watches' timing (tests shorten the waits after a failure). */
  timing?: Partial<ReflectorTiming>;
}

export interface ClassStats {
  /** API requests: LISTs, WATCHes, and the HTTP checks' requests through the API server. */
  apiRequests: number;
  lists: number;
  watches: number;
  clusters: number;
  /** Students graded so far (each grading counts). */
  gradings: number;
  /** Objects kept in memory. */
  objects: number;
}

export interface FollowedClass {
  /** Settles once every student was graded once (or found in error). */
  readonly firstRound: Promise<void>;
  stats(): ClassStats;
  stop(): Promise<void>;
}

interface Member {
  student: CohortStudent;
  namespace: string;
  cluster?: { cache?: ClusterCache; names: Snapshot['names']; client: ApiClient; kubeconfig: LoadedKubeconfig };
  /** Why the student cannot be graded at all (their kubeconfig). */
  refused?: string;
}

const DEBOUNCE_MS = 50;
export const followClass = (options: FollowClassOptions): FollowedClass => {
  const members = new Map<number, Member>();
  const caches: ClusterCache[] = [];
  const clients: ApiClient[] = [];
  const watches: FileWatch[] = [];
  const waitingFirst = new Set(options.students.map((student) => student.index));
  let gradings = 0;
  let stopped = false;
  let firstRoundDone: () => void = () => {};
  const firstRound = new Promise<void>((resolve) => {
    firstRoundDone = resolve;
  });
  const graded = (index: number) => {
    waitingFirst.delete(index);
    if (waitingFirst.size === 0) firstRoundDone();
  };

  const grade = async (index: number): Promise<void> => {
    const member = members.get(index);
    if (!member || stopped) return;
    const { student, namespace, cluster } = member;
    let result: StudentResult;
    const down = cluster?.cache?.unreachable();
    if (member.refused !== undefined) result = errorResult(student, member.refused);
    else if (!cluster?.cache) return;
    // Some kinds answer again before others (a restart): the student waits, in error, for the whole cluster.
    else if (down) result = errorResult(student, clusterErrorOf(down, cluster.kubeconfig.facts.context).message);
    else {
      const { cache } = cluster;
      result = await gradeStudent({
        ...options,
        student,
        namespace,
        kubeconfig: cluster.kubeconfig,
        client: cluster.client,
        // What the followed cache holds now: no request.
        readSnapshot: async () => ({ kinds: cache.kindsFor(namespace), names: cluster.names }),
      });
    }
    gradings += 1;
    if (stopped) return;
    options.onResult(index, result);
    graded(index);
  };
  const queue = makeStudentQueue(grade, { debounceMs: options.debounceMs ?? DEBOUNCE_MS, concurrency: options.concurrency });

  const listLimit = makeLimit(readsAtOnce(options.concurrency));
  for (const group of groupByCluster(options.students, options.loadKubeconfig)) {
    if (!group.ok) {
      for (const student of group.students) {
        members.set(student.index, { student, namespace: student.namespace ?? '', refused: group.reason });
        queue.mark(student.index);
      }
      continue;
    }
    const client = group.kubeconfig.connection.reader({ timeoutMs: options.timeoutMs, connections: connectionsTo(group, options.concurrency) });
    clients.push(client);
    const cluster: NonNullable<Member['cluster']> = { client, kubeconfig: group.kubeconfig, names: {} };
    const byNamespace = new Map<string, number[]>();
    for (const { student, namespace } of group.students) {
      members.set(student.index, { student, namespace, cluster });
      byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), student.index]);
    }
    const everyone = group.students.map(({ student }) => student.index);
    void followOneCluster(group.kubeconfig, client, options, {
      namespaces: new Set(byNamespace.keys()),
      limit: listLimit,
      ...(options.timing ? { timing: options.timing } : {}),
      // Only the students of the namespaces touched are graded again.
      onTouched: (touched) => {
        if (!cluster.cache) return;
        const indices = touched === 'all' ? everyone : [...touched].flatMap((namespace) => byNamespace.get(namespace) ?? []);
        for (const index of indices) queue.mark(index);
      },
    }).then(
      async ({ cache, names }) => {
        if (stopped) return cache.stop();
        caches.push(cache);
        await cache.ready;
        cluster.names = names;
        cluster.cache = cache;
        for (const index of everyone) queue.mark(index);
      },
      (error: unknown) => {
        // Not an API answer (a credential plugin failing, tp's own code failing to load): these students only.
        const reason = `cannot read the cluster of context "${group.kubeconfig.facts.context}": ${(error as Error).message}`;
        for (const index of everyone) {
          const member = members.get(index);
          if (member) member.refused = reason;
          queue.mark(index);
        }
      },
    );
  }

  // A save of an answers file (or of the hint state beside it) grades its student again.
  watches.push(
    watchFiles(
      options.students.flatMap((student) => [
        { path: student.answers, onChange: () => queue.mark(student.index) },
        { path: hintStatePath(student.answers, options.lab.id), onChange: () => queue.mark(student.index) },
      ]),
    ),
  );
  if (waitingFirst.size === 0) firstRoundDone();

  return {
    firstRound,
    stats() {
      const cacheStats = caches.map((cache) => cache.stats());
      const lists = cacheStats.reduce((sum, s) => sum + s.lists, 0);
      const watchCount = cacheStats.reduce((sum, s) => sum + s.watches, 0);
      return {
        apiRequests: lists + watchCount + clients.reduce((sum, client) => sum + client.requestCount, 0),
        lists,
        watches: watchCount,
        clusters: clients.length,
        gradings,
        objects: cacheStats.reduce((sum, s) => sum + s.objects, 0),
      };
    },
    async stop() {
      stopped = true;
      for (const watch of watches) watch.stop();
      await queue.stop();
      await Promise.all(caches.map((cache) => cache.stop()));
      firstRoundDone();
    },
  };
};
