// Which labelled objects a selector picks, with the semantics of
// k8s.io/apimachinery/pkg/labels.Requirement.Matches.
import { parseInt64 } from './label-syntax.js';
import type { Requirement } from './types.js';

const has = (labels: Readonly<Record<string, string>>, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(labels, key);

const matchesRequirement = (requirement: Requirement, labels: Readonly<Record<string, string>>): boolean => {
  const { key, operator, values } = requirement;
  const present = has(labels, key);
  const value = present ? labels[key] : undefined;
  switch (operator) {
    case 'exists':
      return present;
    case '!':
      return !present;
    case '=':
    case '==':
    case 'in':
      return value !== undefined && values.includes(value);
    // An object without the key is selected by `!=` and `notin`, as in Kubernetes.
    case '!=':
    case 'notin':
      return value === undefined || !values.includes(value);
    case 'gt':
    case 'lt': {
      const actual = value === undefined ? undefined : parseInt64(value);
      const bound = values.length === 1 && values[0] !== undefined ? parseInt64(values[0]) : undefined;
      if (actual === undefined || bound === undefined) return false;
      return operator === 'gt' ? actual > bound : actual < bound;
    }
  }
};

/** True when the labels satisfy every requirement (no requirement: everything matches). */
export const matchesSelector = (
  requirements: readonly Requirement[],
  labels: Readonly<Record<string, string>>,
): boolean => requirements.every((requirement) => matchesRequirement(requirement, labels));

/** The names of the objects the selector picks, sorted. */
export const selectNames = (
  requirements: readonly Requirement[],
  objects: readonly { name: string; labels: Readonly<Record<string, string>> }[],
): string[] =>
  objects
    .filter((object) => matchesSelector(requirements, object.labels))
    .map((object) => object.name)
    .sort();
