// The kubeconfig facts a student's `contexts` answers are compared with: those
// of the kubeconfig used for that student, the student's namespace as the
// context's namespace, and what the cohort file sets explicitly on top.
import { hostOf } from '../cluster/kubeconfig.js';
import type { KubeconfigFacts } from '../cluster/types.js';
import type { FactsOverride } from './types.js';

// A cohort may write `training.example.org:6443` without a scheme; a URL parser would take `training.example.org` for one.
const hostOfServer = (server: string): string => hostOf(server.includes('://') ? server : `https://${server}`);

export const studentFacts = (namespace: string, override: FactsOverride | undefined): Partial<KubeconfigFacts> => ({
  namespace,
  ...(override?.contexts === undefined ? {} : { contexts: override.contexts }),
  ...(override?.server === undefined ? {} : { server: override.server, serverHost: hostOfServer(override.server) }),
  ...(override?.namespace === undefined ? {} : { namespace: override.namespace }),
});
