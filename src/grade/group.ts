// Students grouped by cluster: one (kubeconfig file, context) is one cluster,
// read once for all its students. A kubeconfig that cannot be loaded puts
// its students in error, not the run.
import type { LoadedKubeconfig } from '../cluster/kubeconfig.js';
import { TpError } from '../core/errors.js';
import type { CohortStudent } from './types.js';

export interface GroupedStudent {
  student: CohortStudent;
  /** The namespace graded: the student's, else the context's. */
  namespace: string;
}

export type ClusterGroup =
  | { key: string; ok: true; kubeconfig: LoadedKubeconfig; students: GroupedStudent[] }
  | { key: string; ok: false; reason: string; students: CohortStudent[] };

/** API reads of a cohort in flight at once, over every cluster: two per student graded at once. */
export const readsAtOnce = (concurrency: number): number => concurrency * 2;

/**
 * Connections to one cluster: one for a student alone on it; for a shared
 * cluster, as many kept-alive ones as reads run together (HTTP/1.1 carries one
 * read at a time; HTTP/2 multiplexes over the first anyway).
 */
export const connectionsTo = (group: { students: readonly unknown[] }, concurrency: number): number =>
  group.students.length > 1 ? readsAtOnce(concurrency) : 1;

export type KubeconfigLoader = (target: { kubeconfig?: string; context?: string; credentials?: 'all' | 'inline'; handedIn?: boolean }) => LoadedKubeconfig;

const keyOf = (student: CohortStudent): string =>
  `${student.kubeconfig ?? '(default kubeconfig)'}\u0000${student.context ?? ''}\u0000${student.trustKubeconfig === false ? 'inline' : 'all'}\u0000${student.handedIn === true}`;

const loadGroup = (key: string, members: CohortStudent[], load: KubeconfigLoader): ClusterGroup => {
  const first = members[0] as CohortStudent;
  try {
    const kubeconfig = load({
      ...(first.kubeconfig === undefined ? {} : { kubeconfig: first.kubeconfig }),
      ...(first.context === undefined ? {} : { context: first.context }),
      ...(first.trustKubeconfig === false ? { credentials: 'inline' as const } : {}),
      ...(first.handedIn === true ? { handedIn: true } : {}),
    });
    const students = members.map((student) => ({ student, namespace: student.namespace ?? kubeconfig.facts.namespace }));
    return { key, ok: true, kubeconfig, students };
  } catch (error) {
    if (!(error instanceof TpError)) throw error;
    return { key, ok: false, reason: error.message, students: members };
  }
};

/** Groups in the order their first student appears in the cohort file. */
export const groupByCluster = (students: readonly CohortStudent[], load: KubeconfigLoader): ClusterGroup[] => {
  const members = new Map<string, CohortStudent[]>();
  for (const student of students) {
    const key = keyOf(student);
    const list = members.get(key);
    if (list) list.push(student);
    else members.set(key, [student]);
  }
  return [...members].map(([key, list]) => loadGroup(key, list, load));
};
