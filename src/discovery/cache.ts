// What a cluster serves, kept between runs: one file per cluster under tp's
// user cache folder (`~/.cache/tp/discovery/<hash of server URL and CA>.json`),
// written atomically, trusted for a time (TTL), and checked on reading as a
// fresh answer is (a file anyone could have edited is no more trusted than
// the server). kubectl keeps its discovery cache 6 hours; so does tp, and a
// name that does not resolve in the cached kinds is looked up again at once.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isPlainObject } from '../core/json-shape.js';
import { writeFileAtomic } from '../core/write-atomic.js';
import { MAX_SERVED_KINDS, servedKind } from './documents.js';
import { MAX_DISCOVERY_BYTES } from './fetch.js';
import type { ServedKind } from './types.js';

export const DISCOVERY_TTL_MS = 6 * 60 * 60 * 1000;
const FORMAT = 'tp-discovery/1';

export interface DiscoveryCache {
  /** The cached kinds, when the file is there, whole, and younger than the TTL. */
  read(): Promise<ServedKind[] | undefined>;
  write(kinds: readonly ServedKind[]): Promise<void>;
  /** Forgets the cluster's kinds (they were found stale). */
  drop(): Promise<void>;
}

/** The file of one cluster: its server URL and the CA it is trusted with, hashed. */
export const cacheFileOf = (cacheDir: string, clusterId: string): string =>
  join(cacheDir, 'discovery', `${createHash('sha256').update(clusterId).digest('hex').slice(0, 32)}.json`);

const readBounded = async (file: string): Promise<string | undefined> => {
  // Not through a link, nothing but a regular file, and no bigger than a discovery answer.
  const handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_DISCOVERY_BYTES) return undefined;
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
};

const kindsIn = (document: unknown): ServedKind[] | undefined => {
  if (!isPlainObject(document) || !Array.isArray(document.kinds) || document.kinds.length > MAX_SERVED_KINDS) return undefined;
  const kinds: ServedKind[] = [];
  for (const entry of document.kinds) {
    const kind = isPlainObject(entry)
      ? servedKind(entry.group, entry.version, { resource: entry.resource, kind: entry.kind, singular: entry.singular, shortNames: entry.shortNames, namespaced: entry.namespaced, verbs: entry.verbs })
      : undefined;
    // One bad entry and the file is not trusted at all: it is fetched again.
    if (!kind) return undefined;
    kinds.push(kind);
  }
  return kinds;
};

export const discoveryCache = (file: string, now: () => Date, ttlMs = DISCOVERY_TTL_MS): DiscoveryCache => ({
  async read() {
    try {
      const text = await readBounded(file);
      if (text === undefined) return undefined;
      const document: unknown = JSON.parse(text);
      if (!isPlainObject(document) || document.format !== FORMAT || typeof document.fetchedAt !== 'string') return undefined;
      const age = now().getTime() - Date.parse(document.fetchedAt);
      // A time in the future (a clock set back) is not a fresh cache either.
      if (!(age >= 0 && age < ttlMs)) return undefined;
      return kindsIn(document);
    } catch {
      return undefined;
    }
  },
  async write(kinds) {
    const text = `${JSON.stringify({ format: FORMAT, fetchedAt: now().toISOString(), kinds })}\n`;
    // A cache is a saving, never a reason to fail: a read-only home just means asking again next time.
    await writeFileAtomic(file, text).catch(() => undefined);
  },
  async drop() {
    await unlink(file).catch(() => undefined);
  },
});
