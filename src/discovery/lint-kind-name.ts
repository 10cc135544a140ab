// What `tp lab lint` says of a kind name, with no cluster at hand: a name of
// Kubernetes itself (any release tp supports) is fine; a name qualified by a
// group that is not Kubernetes' own is a custom resource, which only the
// cluster can tell about, so it is accepted; anything else is a mistake, said
// with the closest names tp knows.
import { isBuiltinGroup, knownBuiltins, supportedReleases } from './builtin.js';
import { closestNames } from './closest-names.js';
import { resolveIn } from './resolve.js';
import { isGroup } from './valid-names.js';

/** The groups a qualified name may mean: `a.b.c` is `a` of group `b.c`, or `a` at version `b` of group `c`. */
const groupsOf = (name: string): string[] => {
  const parts = name.split('.');
  return [parts.slice(1).join('.'), ...(parts.length >= 3 ? [parts.slice(2).join('.')] : [])].filter((group) => group !== '');
};

/** Why a lab may not read this kind name, or undefined when it may. */
export const kindNameProblem = (name: string): string | undefined => {
  const known = knownBuiltins();
  const resolution = resolveIn(name, known);
  if (resolution.ok) return undefined;
  if (resolution.why === 'not-listable') return `${resolution.kind} cannot be listed, and tp reads kinds by LIST`;
  const releases = `Kubernetes ${supportedReleases()}`;
  const groups = groupsOf(name);
  if (groups.length === 0) {
    const closest = closestNames(name, known);
    const hint = closest.length > 0 ? ` (did you mean ${closest.join(', ')}?)` : '';
    return `it is not a kind of ${releases}${hint}; name a custom resource with its group, as kubectl does (crontabs.stable.example.com)`;
  }
  if (!groups.some(isGroup)) return `"${groups[0]}" is not an API group name (a DNS name such as stable.example.com)`;
  const builtin = groups.find(isBuiltinGroup);
  if (builtin !== undefined) return `the group ${builtin} of ${releases} has no such kind`;
  // A custom resource (or an aggregated API): the cluster says at run time whether it serves it.
  return undefined;
};
