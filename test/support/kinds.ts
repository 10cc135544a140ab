// Kinds of Kubernetes itself, resolved as tp resolves them with no cluster:
// what the snapshot readers take in tests.
import { resolveBuiltins } from '../../src/discovery/builtin.js';
import type { ResolvedKind } from '../../src/discovery/types.js';

/** `builtinKind('configmaps')`: the resolved kind a LIST of it reads. */
export const builtinKind = (name: string): ResolvedKind => {
  const resolution = resolveBuiltins([name]).get(name);
  if (!resolution?.ok) throw new Error(`${name} is not a kind every supported Kubernetes serves`);
  return resolution.kind;
};

export { resolveBuiltins };
