// The guard of the kubeconfig fuzz: a generated kubeconfig is run only if, read
// as tp reads it (client-node), it can make tp contact nothing but a loopback
// address and read nothing but files that do not exist or sit in the test's
// own directory. Random text could otherwise name a real host, a proxy, an
// auth plugin that goes online, or /dev/zero.
import { KubeConfig } from '@kubernetes/client-node';

const SOME_API_PATH = '/api/v1/namespaces/alice/configmaps';

const isLoopback = (hostname: string): boolean => /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]';

/** The host tp would dial for `server`, as api-client.ts builds its URLs; undefined when no URL can be made. */
const hostDialled = (server: unknown): string | undefined => {
  try {
    return new URL(String(server).replace(/\/+$/, '') + SOME_API_PATH).hostname;
  } catch {
    return undefined;
  }
};

// A bare name is a file in the kubeconfig's (temporary) directory.
const harmlessPath = (path: unknown): boolean =>
  path === undefined || path === null || (typeof path === 'string' && (path.startsWith('/nonexistent/') || /^[\w.-]*$/.test(path)));

export const staysLocal = (content: string | Uint8Array): boolean => {
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  // Checked on the text first: client-node reads token-file while parsing.
  if (/\/(dev|proc|sys)\b/.test(text)) return false;
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch {
    // tp cannot read it either, so it contacts nothing.
    return true;
  }
  const clustersLocal = kc.getClusters().every((cluster) => {
    const host = hostDialled(cluster.server);
    return (host === undefined || isLoopback(host)) && !cluster.proxyUrl && harmlessPath(cluster.caFile);
  });
  const usersLocal = kc.getUsers().every((user) => {
    const exec = user.exec as { command?: unknown } | undefined | null;
    const execLocal = !exec || (typeof exec.command === 'string' && exec.command.startsWith('/nonexistent/'));
    return execLocal && !user.authProvider && harmlessPath(user.certFile) && harmlessPath(user.keyFile);
  });
  return clustersLocal && usersLocal;
};
