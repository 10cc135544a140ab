// An answer that holds the checked namespace (`ckad/liveness-exec`,
// `system:serviceaccount:ckad:myuser`) cannot be hashed in advance: the lab's
// hash is of the answer written with `${namespace}` in its place. The student's
// answer is turned back into that form by putting the placeholder where the
// namespace stands as a whole word; when it stands there more than once (a
// namespace named like the ServiceAccount), each choice of places is tried.

import { NAMESPACE_PLACEHOLDER } from '../core/namespace-variable.js';

/** Beyond this many places, only "every one of them" is tried: 2^3 - 1 = 7 spellings at most, 7 hashes. */
const MAX_PLACES = 3;

const WORD = /[A-Za-z0-9_-]/;

/** Where `namespace` stands as a whole word in `answer` (not inside a longer name), left to right, not overlapping. */
const placesOf = (answer: string, namespace: string): number[] => {
  const places: number[] = [];
  if (namespace === '') return places;
  for (let at = answer.indexOf(namespace); at !== -1; at = answer.indexOf(namespace, at + 1)) {
    const before = answer[at - 1];
    const after = answer[at + namespace.length];
    const whole = (before === undefined || !WORD.test(before)) && (after === undefined || !WORD.test(after));
    const overlaps = places.length > 0 && at < (places.at(-1) as number) + namespace.length;
    if (whole && !overlaps) places.push(at);
  }
  return places;
};

const withPlaceholders = (answer: string, namespace: string, places: readonly number[]): string => {
  let text = '';
  let from = 0;
  for (const at of places) {
    text += answer.slice(from, at) + NAMESPACE_PLACEHOLDER;
    from = at + namespace.length;
  }
  return text + answer.slice(from);
};

/** The answer's spellings with `${namespace}` where the namespace stands; none when it does not stand there. */
export const namespaceTemplates = (answer: string, namespace: string): string[] => {
  const places = placesOf(answer, namespace);
  if (places.length === 0) return [];
  if (places.length > MAX_PLACES) return [withPlaceholders(answer, namespace, places)];
  const spellings: string[] = [];
  // Every non-empty choice of places, "all of them" first (the likeliest).
  for (let mask = (1 << places.length) - 1; mask > 0; mask -= 1) {
    spellings.push(withPlaceholders(answer, namespace, places.filter((_, i) => (mask & (1 << i)) !== 0)));
  }
  return spellings;
};
