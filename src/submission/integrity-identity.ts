// Identity checks of a submission's objects: every object the API server keeps
// has a uid (a UUID) no other object has; an ownerReference carries its owner's
// uid. An object copied to make another, or an owner edited, breaks them.
import { finding, type Finding } from './integrity-messages.js';
import { nameOf, type Evidence } from './evidence.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const uidFlags = (evidence: readonly Evidence[]): Finding[] => {
  const flags: Finding[] = [];
  const seen = new Map<string, Evidence>();
  for (const item of evidence) {
    const uid = item.object.metadata.uid;
    if (typeof uid !== 'string' || !UUID.test(uid)) {
      flags.push(finding('uid', uid === undefined ? 'uid-missing' : 'uid-invalid', { object: nameOf(item) }));
      continue;
    }
    const first = seen.get(uid);
    if (first === undefined) seen.set(uid, item);
    else flags.push(finding('uid', 'uid-shared', { first: nameOf(first), second: nameOf(item), uid }));
  }
  return flags;
};

export const ownerFlags = (evidence: readonly Evidence[]): Finding[] => {
  const uidOf = new Map(evidence.map((item) => [`${item.kind}/${item.object.metadata.name}`, item.object.metadata.uid]));
  return evidence.flatMap((item) =>
    (item.object.metadata.ownerReferences ?? []).flatMap((owner): Finding[] => {
      const actual = uidOf.get(`${owner.kind}/${owner.name}`);
      // An owner not in the snapshot (another kind, or being deleted) says nothing.
      if (actual === undefined || owner.uid === undefined || owner.uid === actual) return [];
      return [finding('owner', 'owner', { object: nameOf(item), ownerKind: owner.kind, owner: owner.name, claimed: owner.uid, actual })];
    }),
  );
};
