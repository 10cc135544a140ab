// Reads what a cluster serves beyond the core group: one GET of `/apis` asking
// for the aggregated discovery document (Kubernetes 1.26+ serves it: every
// group, version and resource in one answer). An older server answers the
// same GET with its APIGroupList; then each group version's APIResourceList is
// read (bounded in number, at most 8 at once, all within one deadline). Every
// answer is bounded in bytes and time by the reader (the API client's own
// bounds), and every name is checked (valid-names.ts) before it goes into a path.
import { makeLimit } from '../core/limit.js';
import { isAggregated, isGroupList, readAggregated, readGroupList, readResourceList } from './documents.js';
import type { ServedKind } from './types.js';

/** How discovery reads the cluster: the API client's raw GET, with an Accept header. */
export interface DiscoveryReader {
  getRaw(path: string, timeoutMs?: number, signal?: AbortSignal, maxBodyBytes?: number, accept?: string): Promise<{ status: number; body: string; truncated?: true }>;
}

/** The aggregated document first (v2, then v2beta1), plain JSON (an APIGroupList) from older servers. */
export const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json;q=0.9';

/** A cluster with thousands of CRDs answers a few MiB. */
export const MAX_DISCOVERY_BYTES = 32 * 1024 * 1024;
/** Group versions read one by one from a server without aggregated discovery. */
export const MAX_LEGACY_GROUP_VERSIONS = 300;
const LEGACY_CONCURRENCY = 8;
const DEFAULT_DEADLINE_MS = 30_000;

/** Discovery could not be read; the message says why, for the checks that needed it. */
export class DiscoveryFailure extends Error {
  override name = 'DiscoveryFailure';
}

export interface Discovered {
  /** The groups of `/apis`, in the server's priority order. */
  kinds: ServedKind[];
  dropped: number;
  requests: number;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const sizeText = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;

const getDocument = async (reader: DiscoveryReader, path: string, signal: AbortSignal, accept?: string): Promise<unknown> => {
  let answer: { status: number; body: string; truncated?: true };
  try {
    answer = await reader.getRaw(path, undefined, signal, MAX_DISCOVERY_BYTES, accept);
  } catch (error) {
    throw new DiscoveryFailure(`GET ${path}: ${errorText(error)}`);
  }
  if (answer.truncated) throw new DiscoveryFailure(`GET ${path}: the answer is over ${sizeText(MAX_DISCOVERY_BYTES)}, more than tp reads`);
  if (answer.status < 200 || answer.status >= 300) throw new DiscoveryFailure(`GET ${path} answered ${answer.status}`);
  try {
    return JSON.parse(answer.body);
  } catch {
    throw new DiscoveryFailure(`GET ${path}: the answer is not JSON`);
  }
};

const legacy = async (reader: DiscoveryReader, groupList: unknown, signal: AbortSignal): Promise<Discovered> => {
  const groupVersions = readGroupList(groupList).flatMap(({ group, versions }) => versions.map((version) => ({ group, version })));
  if (groupVersions.length > MAX_LEGACY_GROUP_VERSIONS) {
    throw new DiscoveryFailure(`GET /apis lists ${groupVersions.length} group versions, more than the ${MAX_LEGACY_GROUP_VERSIONS} tp reads one by one (a server this size serves aggregated discovery since Kubernetes 1.26)`);
  }
  const limit = makeLimit(LEGACY_CONCURRENCY);
  const lists = await Promise.all(
    groupVersions.map(({ group, version }) =>
      limit(async () => {
        // One group version that does not answer (an aggregated API down) hides only its own kinds, as in kubectl.
        try {
          return readResourceList(group, version, await getDocument(reader, `/apis/${group}/${version}`, signal));
        } catch (error) {
          if (signal.aborted) throw error;
          return { kinds: [], dropped: 0 };
        }
      }),
    ),
  );
  return { kinds: lists.flatMap((l) => l.kinds), dropped: lists.reduce((sum, l) => sum + l.dropped, 0), requests: 1 + groupVersions.length };
};

/** The kinds the cluster serves outside the core group; throws DiscoveryFailure. */
export const discoverKinds = async (reader: DiscoveryReader, deadlineMs = DEFAULT_DEADLINE_MS): Promise<Discovered> => {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), deadlineMs);
  try {
    const document = await getDocument(reader, '/apis', deadline.signal, AGGREGATED_ACCEPT);
    if (isAggregated(document)) return { ...readAggregated(document), requests: 1 };
    if (isGroupList(document)) return await legacy(reader, document, deadline.signal);
    throw new DiscoveryFailure('GET /apis: the answer is neither an APIGroupDiscoveryList nor an APIGroupList');
  } catch (error) {
    if (deadline.signal.aborted) throw new DiscoveryFailure(`discovery took more than ${deadlineMs / 1000} s`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
};
