// Identity checks of a submission's objects: every object the API server keeps
// has a uid (a UUID) no other object has; an ownerReference carries its owner's
// uid. An object copied to make another, or an owner edited, breaks them.
import type { IntegrityFlag } from '../core/integrity.js';
import { nameOf, type Evidence } from './evidence.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const uidFlags = (evidence: readonly Evidence[]): IntegrityFlag[] => {
  const flags: IntegrityFlag[] = [];
  const seen = new Map<string, Evidence>();
  for (const item of evidence) {
    const uid = item.object.metadata.uid;
    if (typeof uid !== 'string' || !UUID.test(uid)) {
      flags.push({ check: 'uid', reason: `${nameOf(item)} has ${uid === undefined ? 'no uid' : 'a uid that is not one'}, which the API server gives every object` });
      continue;
    }
    const first = seen.get(uid);
    if (first === undefined) seen.set(uid, item);
    else flags.push({ check: 'uid', reason: `${nameOf(first)} and ${nameOf(item)} have the same uid ${uid}: one was copied from the other` });
  }
  return flags;
};

export const ownerFlags = (evidence: readonly Evidence[]): IntegrityFlag[] => {
  const uidOf = new Map(evidence.map((item) => [`${item.kind}/${item.object.metadata.name}`, item.object.metadata.uid]));
  return evidence.flatMap((item) =>
    (item.object.metadata.ownerReferences ?? []).flatMap((owner): IntegrityFlag[] => {
      const actual = uidOf.get(`${owner.kind}/${owner.name}`);
      // An owner not in the snapshot (another kind, or being deleted) says nothing.
      if (actual === undefined || owner.uid === undefined || owner.uid === actual) return [];
      return [{ check: 'owner', reason: `${nameOf(item)} is owned by ${owner.kind} ${owner.name} of uid ${owner.uid}, but that ${owner.kind}'s uid is ${actual}` }];
    }),
  );
};
