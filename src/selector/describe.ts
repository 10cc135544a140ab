// The canonical spelling of a selector, for messages and for comparing two selectors:
// k8s.io/apimachinery's Requirement.String, with `==` written `=` since they mean the same.
import type { Requirement } from './types.js';
import { byCodeUnit } from '../core/code-unit-order.js';

const OPERATOR_TEXT = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
} as const;

/** One requirement as Kubernetes prints it, e.g. `version in (1.0,1.1)` or `!version`. */
export const describeRequirement = (requirement: Requirement): string => {
  const { key, operator, values } = requirement;
  if (operator === 'exists') return key;
  if (operator === '!') return `!${key}`;
  const sorted = [...values].sort();
  if (operator === 'in' || operator === 'notin') return `${key}${OPERATOR_TEXT[operator]}(${sorted.join(',')})`;
  return `${key}${OPERATOR_TEXT[operator]}${sorted.join(',')}`;
};

/** All requirements, sorted, comma-separated; `` (select everything) when there are none. */
export const describeRequirements = (requirements: readonly Requirement[]): string =>
  requirements
    .map(describeRequirement)
    .sort(byCodeUnit)
    .join(',');
