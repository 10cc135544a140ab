// `--shard i/n`: the i-th of n contiguous slices of the cohort, so n pods of an
// Indexed Job grade a cohort together and `tp grade merge` puts it back in order.
import { TpError } from '../core/errors.js';
import type { Shard } from './types.js';

export const parseShard = (value: string): Shard => {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new TpError('USAGE', `--shard ${value}: expected i/n with 1 <= i <= n (e.g. --shard 2/4)`);
  }
  return { index, count };
};

/** Contiguous slices keep students of one cluster together, so each shard still lists a cluster once. */
export const shardOf = <T>(items: readonly T[], shard: Shard): T[] => {
  const start = Math.floor(((shard.index - 1) * items.length) / shard.count);
  const end = Math.floor((shard.index * items.length) / shard.count);
  return items.slice(start, end);
};
