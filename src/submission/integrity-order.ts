// Order checks of a submission: resourceVersions are the etcd revisions of each
// object's last write, so they rise with time; the managedFields times say when
// each writer last wrote. In a snapshot of a real cluster an object is never
// written before it was made, never after the submission was, no two objects
// share a resourceVersion, and an object with a higher resourceVersion was not
// last written well before one with a lower one. Edits of times or versions
// (or an object pasted from elsewhere) break that. Objects being deleted (their
// last write, the delete, records no time) and Events (kept in their own etcd
// by some clusters) are left out.
import { finding, type Finding } from './integrity-messages.js';
import { nameOf, type Evidence } from './evidence.js';

/** Clocks of a laptop and of its cluster may differ this much. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** A request's time is taken before its write commits: concurrent writes may commit in another order, by this much. */
export const COMMIT_ORDER_SLACK_MS = 30 * 1000;

const timeOf = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  return Number.isFinite(time) ? time : undefined;
};

interface Dated {
  item: Evidence;
  version: number;
  created?: number;
  lastWrite?: number;
}

const datedOf = (item: Evidence): Dated | undefined => {
  const { metadata } = item.object;
  if (metadata.deletionTimestamp !== undefined || item.kind === 'Event' || metadata.namespace === undefined) return undefined;
  const version = /^[0-9]{1,15}$/.test(metadata.resourceVersion ?? '') ? Number(metadata.resourceVersion) : undefined;
  if (version === undefined) return undefined;
  const writes = (metadata.writers ?? []).map((writer) => timeOf(writer.time)).filter((time): time is number => time !== undefined);
  const created = timeOf(metadata.creationTimestamp);
  return { item, version, ...(created === undefined ? {} : { created }), ...(writes.length === 0 ? {} : { lastWrite: Math.max(...writes) }) };
};

const iso = (time: number) => new Date(time).toISOString().replace('.000Z', 'Z');

export const orderFlags = (evidence: readonly Evidence[], submittedAt: string): Finding[] => {
  const flags: Finding[] = [];
  const submitted = timeOf(submittedAt) ?? Number.POSITIVE_INFINITY;
  const dated = evidence.map(datedOf).filter((entry): entry is Dated => entry !== undefined);
  for (const { item, created, lastWrite } of dated) {
    if (created !== undefined && lastWrite !== undefined && lastWrite < created) flags.push(finding('order', 'written-before-made', { object: nameOf(item), written: iso(lastWrite), created: iso(created) }));
    const latest = Math.max(created ?? 0, lastWrite ?? 0);
    if (latest > submitted + CLOCK_SKEW_MS) flags.push(finding('order', 'written-after', { object: nameOf(item), written: iso(latest), submitted: submittedAt }));
  }
  const byVersion = [...dated].sort((a, b) => a.version - b.version);
  let latestSoFar: Dated | undefined;
  byVersion.forEach((entry, i) => {
    const previous = byVersion[i - 1];
    if (previous !== undefined && previous.version === entry.version) {
      flags.push(finding('order', 'same-version', { first: nameOf(previous.item), second: nameOf(entry.item), version: entry.version }));
    }
    if (entry.lastWrite === undefined) return;
    if (latestSoFar?.lastWrite !== undefined && entry.lastWrite < latestSoFar.lastWrite - COMMIT_ORDER_SLACK_MS) {
      flags.push(finding('order', 'version-order', { object: nameOf(entry.item), written: iso(entry.lastWrite), version: entry.version, other: nameOf(latestSoFar.item), otherVersion: latestSoFar.version, otherWritten: iso(latestSoFar.lastWrite) }));
    }
    if (latestSoFar?.lastWrite === undefined || entry.lastWrite > latestSoFar.lastWrite) latestSoFar = entry;
  });
  return flags;
};
