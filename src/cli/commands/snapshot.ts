// tp snapshot <lab>: what tp reads of a target, as JSON (Secrets already
// redacted). For trainers debugging a grade, and to record test fixtures.
import { resolve } from 'node:path';
import { loadKubeconfig } from '../../cluster/kubeconfig.js';
import { takeSnapshot } from '../../cluster/snapshot.js';
import { kindsOfCluster } from '../../engine/cluster-kinds.js';
import { kindsNeeded } from '../../engine/evaluate.js';
import { secretComparisons } from '../../engine/secret-comparisons.js';
import { parseSetOptions, resolveVariables } from '../../engine/variables.js';
import type { CliIo } from '../io.js';
import { loadLab } from '../load-lab.js';
import { writeFileAtomic } from '../../core/write-atomic.js';
import type { ClusterOptions } from '../target-options.js';

/** Volatile fields that would make recorded fixtures differ on every run. */
const VOLATILE = new Set(['uid', 'resourceVersion', 'creationTimestamp', 'generateName', 'lastTransitionTime', 'lastUpdateTime', 'lastHeartbeatTime', 'startTime', 'startedAt']);

const stable = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !VOLATILE.has(k)).map(([k, v]) => [k, stable(v)]));
};

export const runSnapshot = async (labRef: string, options: ClusterOptions & { output?: string; set: string[]; stable?: boolean; timeout?: number }, io: CliIo): Promise<number> => {
  const lab = await loadLab(labRef, io.cwd);
  const variables = resolveVariables(lab, parseSetOptions(options.set));
  const kubeconfig = loadKubeconfig({ ...options, env: io.env, homeDir: io.homeDir });
  const client = kubeconfig.connection.reader(options.timeout === undefined ? {} : { timeoutMs: options.timeout * 1000 });
  const resolved = await kindsOfCluster(kubeconfig, client, io.now).resolve(kindsNeeded(lab, variables));
  const snapshot = await takeSnapshot(client, kubeconfig.namespace, resolved, kubeconfig.facts, secretComparisons(lab, variables));
  const text = `${JSON.stringify(options.stable ? stable(snapshot) : snapshot, null, 2)}\n`;
  if (options.output) await writeFileAtomic(resolve(io.cwd, options.output), text);
  else io.stdout.write(text);
  return 0;
};
