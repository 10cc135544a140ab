// How the loader finds check kinds. It is given the registry rather than
// importing it, so tests can load labs against a small fake registry.
import type { AnyCheckKind } from '../checks/define.js';

export type KindLookup = (name: string) => AnyCheckKind | undefined;

/** The registry object itself (`checkKinds`) also works, and lets messages list the known kinds. */
export type KindSource = KindLookup | Readonly<Record<string, AnyCheckKind>>;

// A lookup on a plain object would find `constructor` or `toString`: only real kinds count.
const isCheckKind = (value: unknown): value is AnyCheckKind =>
  typeof value === 'object' && value !== null && 'schema' in value && 'needs' in value && typeof value.needs === 'function';

export const findKind = (kinds: KindSource, name: string): AnyCheckKind | undefined => {
  const found: unknown = typeof kinds === 'function' ? kinds(name) : Object.hasOwn(kinds, name) ? kinds[name] : undefined;
  return isCheckKind(found) ? found : undefined;
};

/** The kind names, when the source can tell them (a registry object can, a function cannot). */
export const knownKindNames = (kinds: KindSource): string[] => (typeof kinds === 'function' ? [] : Object.keys(kinds).sort());
