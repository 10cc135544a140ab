// What the `contexts` exercise compares answers with: the facts of the
// kubeconfig in use, and the ones a cohort file or a lab's mutation may set instead.

export interface KubeconfigFacts {
  /** Number of contexts in the kubeconfig in use. */
  contexts: number;
  /** Name of the current context. */
  context: string;
  /** Full server URL of the current context's cluster. */
  server: string;
  /** Host part (IP or name) of that URL. */
  serverHost: string;
  /** Namespace of the current context (`default` when it sets none). */
  namespace: string;
}

/** Facts written by hand (a cohort's or a mutation's `facts:`), each one optional. */
export interface FactsOverride {
  contexts?: number;
  /** A URL or a host; the host part is what Answer2 is compared with. */
  server?: string;
  namespace?: string;
}

/** `https://192.168.49.2:8443` → `192.168.49.2`; text that is not a URL is kept as it is. */
export const hostOf = (server: string): string => {
  try {
    return new URL(server).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return server;
  }
};

// `training.example.org:6443` may be written without a scheme; a URL parser would take `training.example.org` for one.
const hostOfServer = (server: string): string => hostOf(server.includes('://') ? server : `https://${server}`);

/** The facts an override replaces; a server given replaces the host too. */
export const overriddenFacts = (override: FactsOverride | undefined): Partial<KubeconfigFacts> => ({
  ...(override?.contexts === undefined ? {} : { contexts: override.contexts }),
  ...(override?.server === undefined ? {} : { server: override.server, serverHost: hostOfServer(override.server) }),
  ...(override?.namespace === undefined ? {} : { namespace: override.namespace }),
});
