// "Did you mean…": the names a catalogue knows that are closest to a name that
// resolves to nothing, by edit distance. Names are short (kubectl's words), so
// the quadratic distance is bounded by a constant per pair.
import type { KindCatalogue } from './types.js';

/** Levenshtein distance, one row at a time. */
const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
};

/** Every word a name may be written as in this catalogue: plurals, singulars, short names, kinds. */
export const namesOf = (catalogue: KindCatalogue): string[] =>
  [...new Set(catalogue.flatMap((kind) => [kind.resource, kind.singular, ...kind.shortNames, kind.kind]))];

/** At most `limit` known names within a few edits of `name`, closest first. */
export const closestNames = (name: string, catalogue: KindCatalogue, limit = 3): string[] => {
  const word = name.toLowerCase().slice(0, 100);
  const allowed = Math.max(2, Math.floor(word.length / 3));
  return namesOf(catalogue)
    .map((candidate) => ({ candidate, cost: distance(word, candidate.toLowerCase()) }))
    .filter(({ cost }) => cost <= allowed)
    .sort((a, b) => a.cost - b.cost || a.candidate.localeCompare(b.candidate))
    // A kind and its plural often tie (`Deployment`, `deployments`): one spelling of a kind is enough.
    .filter(({ candidate }, index, all) => all.findIndex((other) => other.candidate.toLowerCase() === candidate.toLowerCase()) === index)
    .slice(0, limit)
    .map(({ candidate }) => candidate);
};
