// A LabelSelector as objects write it (matchLabels, matchExpressions), matched
// as metav1.LabelSelectorAsSelector does, through the label selector room's
// own requirements, so `kubectl get -l` and a NetworkPolicy agree.
import { matchesSelector } from '../../selector/match.js';
import type { Operator, Requirement } from '../../selector/types.js';

interface Expression {
  key?: unknown;
  operator?: unknown;
  values?: unknown;
}

const OPERATORS: Readonly<Record<string, Operator>> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * The requirements of a LabelSelector, or undefined for one the API server would refuse
 * (an unknown operator): such a selector selects nothing, never everything.
 */
export const selectorRequirements = (selector: unknown): Requirement[] | undefined => {
  if (selector === null || typeof selector !== 'object') return [];
  const { matchLabels, matchExpressions } = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  const requirements: Requirement[] = [];
  if (matchLabels !== null && typeof matchLabels === 'object') {
    for (const [key, value] of Object.entries(matchLabels)) requirements.push({ key, operator: '=', values: [String(value)] });
  }
  for (const expression of Array.isArray(matchExpressions) ? (matchExpressions as Expression[]) : []) {
    const operator = typeof expression.operator === 'string' ? OPERATORS[expression.operator] : undefined;
    if (operator === undefined || typeof expression.key !== 'string') return undefined;
    const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
    requirements.push({ key: expression.key, operator, values });
  }
  return requirements;
};

// A policy's selectors are matched against every pod of every pair: read once per selector object.
const compiled = new WeakMap<object, Requirement[] | undefined>();

const requirementsOf = (selector: unknown): Requirement[] | undefined => {
  if (selector === null || typeof selector !== 'object') return [];
  if (!compiled.has(selector)) compiled.set(selector, selectorRequirements(selector));
  return compiled.get(selector);
};

/** `{}` selects everything; an invalid selector nothing. */
export const labelSelectorMatches = (selector: unknown, labels: Readonly<Record<string, string>>): boolean => {
  const requirements = requirementsOf(selector);
  return requirements !== undefined && matchesSelector(requirements, labels);
};
