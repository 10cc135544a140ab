// The Secret values a lab's checks compare, gathered for the snapshot, which
// compares them as it reads the Secrets (cluster/secret-values.ts).
import type { Lab } from '../lab/types.js';
import type { SecretComparison, SecretComparisons } from '../cluster/secret-values.js';
import { findCheckKind } from '../checks/index.js';
import { fillVariables } from './variables.js';

/** By Secret name and key; the first check wins where two differ (`tp lab lint` refuses that). */
export const secretComparisons = (lab: Lab, variables: Readonly<Record<string, string>>): SecretComparisons => {
  const bySecret = new Map<string, Map<string, SecretComparison>>();
  for (const check of lab.exercises.flatMap((exercise) => exercise.checks)) {
    const asked = findCheckKind(check.kind)?.secretValues?.(fillVariables(check.params, variables)) ?? [];
    for (const { secret, key, equals, match } of asked) {
      const keys = bySecret.get(secret) ?? new Map<string, SecretComparison>();
      bySecret.set(secret, keys);
      if (!keys.has(key)) keys.set(key, { equals, match });
    }
  }
  return bySecret;
};
