// `--shard i/n`: the i-th of n contiguous slices of the cohort, so n pods of an
// Indexed Job grade a cohort together and `tp grade merge` puts it back in order.
import { TpError } from '../core/errors.js';
import type { Shard } from './types.js';

/** The variable Kubernetes sets in each pod of an Indexed Job: its index, from 0. */
export const JOB_INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';

/**
 * `i/n`, or `job/n` in a pod of an Indexed Job: the shard is then the pod's index + 1, read from
 * JOB_COMPLETION_INDEX, so the Job's pods need no shell to compute it.
 */
export const parseShard = (value: string, env: Readonly<Record<string, string | undefined>> = {}): Shard => {
  const match = /^\s*(\d+|job)\s*\/\s*(\d+)\s*$/.exec(value);
  const count = Number(match?.[2]);
  let index = Number(match?.[1]);
  if (match?.[1] === 'job') {
    const fromJob = env[JOB_INDEX_VARIABLE];
    if (fromJob === undefined || !/^\d+$/.test(fromJob)) {
      throw new TpError('USAGE', `--shard ${value}: ${JOB_INDEX_VARIABLE} is ${fromJob === undefined ? 'not set' : `"${fromJob.slice(0, 20)}", not an index`}`, 'job/n is for the pods of an Indexed Job (completionMode: Indexed), which Kubernetes gives their index; elsewhere give i/n.');
    }
    index = Number(fromJob) + 1;
  }
  if (!match || count < 1 || index < 1 || index > count) {
    throw new TpError('USAGE', `--shard ${value}: expected i/n with 1 <= i <= n (e.g. --shard 2/4), or job/n in an Indexed Job of n pods${match?.[1] === 'job' ? ` (its index is ${index - 1})` : ''}`);
  }
  return { index, count };
};

/** Contiguous slices keep students of one cluster together, so each shard still lists a cluster once. */
export const shardOf = <T>(items: readonly T[], shard: Shard): T[] => {
  const start = Math.floor(((shard.index - 1) * items.length) / shard.count);
  const end = Math.floor((shard.index * items.length) / shard.count);
  return items.slice(start, end);
};
