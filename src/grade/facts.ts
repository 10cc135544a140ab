// The kubeconfig facts a student's `contexts` answers are compared with: those
// of the kubeconfig used for that student, the student's namespace as the
// context's namespace, and what the cohort file sets explicitly on top.
import { overriddenFacts, type FactsOverride, type KubeconfigFacts } from '../core/kubeconfig-facts.js';

export const studentFacts = (namespace: string, override: FactsOverride | undefined): Partial<KubeconfigFacts> => ({
  namespace,
  ...overriddenFacts(override),
});
