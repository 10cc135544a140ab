// How the loader finds check kinds. It is given the registry rather than
// importing it (the checks come after the Lab in the flow), so tests can load
// labs against a small fake registry.

/**
 * What the loader needs of a check kind: the schema of its params, and what a
 * check of it reads. Every kind of src/checks/ has this shape.
 */
export interface LoadableKind {
  schema: Record<string, unknown>;
  /** The kind names the check reads, as kubectl accepts them (the lint says when one names no kind). */
  needs(params: unknown): string[];
  /** The answer keys the check reads. */
  answers?(params: unknown): string[];
}

export type KindLookup = (name: string) => LoadableKind | undefined;

/** The registry object itself (`checkKinds`) also works, and lets messages list the known kinds. */
export type KindSource = KindLookup | Readonly<Record<string, LoadableKind>>;

// A lookup on a plain object would find `constructor` or `toString`: only real kinds count.
const isCheckKind = (value: unknown): value is LoadableKind =>
  typeof value === 'object' && value !== null && 'schema' in value && 'needs' in value && typeof value.needs === 'function';

export const findKind = (kinds: KindSource, name: string): LoadableKind | undefined => {
  const found: unknown = typeof kinds === 'function' ? kinds(name) : Object.hasOwn(kinds, name) ? kinds[name] : undefined;
  return isCheckKind(found) ? found : undefined;
};

/** The kind names, when the source can tell them (a registry object can, a function cannot). */
export const knownKindNames = (kinds: KindSource): string[] => (typeof kinds === 'function' ? [] : Object.keys(kinds).sort());
