// Finds and loads the kubeconfig the way kubectl does, and computes the facts
// the `contexts` exercise compares answers with. tp reads the files itself
// (kubeconfig-model.ts has kubectl's merge rules): client-node is not loaded
// for this, which keeps `tp check` quick to start.
import { existsSync } from 'node:fs';
import { readRegularFile } from './read-regular-file.js';
import { join } from 'node:path';
import { ClusterError, KubeconfigError } from '../core/errors.js';
import { connectionOf, type ClusterConnection } from './connection.js';
import { parseKubeconfig } from './kubeconfig-shape.js';
import { entry, kubeconfigList, mergeModels, modelOf, text, type KubeconfigModel } from './kubeconfig-model.js';
import { inClusterModel, IN_CLUSTER_TOKEN } from './in-cluster.js';
import { credentialRefusals, type CredentialPolicy } from './credential-policy.js';
import { hostOf, type KubeconfigFacts } from '../core/kubeconfig-facts.js';
import { shortened } from '../core/quote.js';
import { redactCredentialsIn } from './redact-credentials.js';
import { userCacheDir } from '../core/user-cache-dir.js';

export interface KubeconfigOptions {
  /** `--kubeconfig`; else $KUBECONFIG; else ~/.kube/config; else in-cluster. */
  kubeconfig?: string;
  context?: string;
  /** `-n`; else the context's namespace; else `default`. */
  namespace?: string;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** What a kubeconfig may make tp run or read (cohort kubeconfigs are students'); default: all, as kubectl. */
  credentials?: CredentialPolicy;
  /** Splits $KUBECONFIG; the platform's (`:`, `;` on Windows) unless a test says otherwise. */
  pathDelimiter?: string;
  /** A student handed this kubeconfig in (a cohort's own kubeconfig): its server is a scheme, a host and a port, nothing more. */
  handedIn?: boolean;
}

export interface LoadedKubeconfig {
  /** How the other rooms reach the cluster of the current context. */
  connection: ClusterConnection;
  facts: KubeconfigFacts;
  /** The namespace to check. */
  namespace: string;
  /** Where the configuration came from (a path, or `in-cluster`). */
  source: string;
  /** tp's user cache folder (`~/.cache/tp`), where what a cluster serves is kept; none without a home. */
  cacheDir?: string;
}

/** A kubeconfig is kilobytes; one of megabytes is not one, and would cost the run its memory and time. */
export const MAX_KUBECONFIG_BYTES = 4 * 1024 * 1024;

const loadFile = (file: string): KubeconfigModel => {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, MAX_KUBECONFIG_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ClusterError('KUBECONFIG_INVALID', '-', `kubeconfig file not found: ${file}`, 'Pass --kubeconfig <file>, or set KUBECONFIG.');
    throw new ClusterError('KUBECONFIG_INVALID', '-', `cannot read kubeconfig ${file}: ${(error as Error).message}`);
  }
  let parsed: ReturnType<typeof parseKubeconfig>;
  try {
    parsed = parseKubeconfig(bytes.toString('utf8'), file);
  } catch (error) {
    // A parser giving up (nesting too deep for its stack) is still this file's problem, not tp's.
    throw new ClusterError('KUBECONFIG_INVALID', '-', `cannot read kubeconfig ${file}: ${(error as Error).message}`);
  }
  if (parsed.problems.length > 0) throw new KubeconfigError(parsed.problems);
  return modelOf(parsed.value, file);
};

const loadSource = (options: KubeconfigOptions): { model: KubeconfigModel; source: string } => {
  if (options.kubeconfig) return { model: loadFile(options.kubeconfig), source: options.kubeconfig };
  const fromEnv = kubeconfigList(options.env.KUBECONFIG, options.pathDelimiter);
  if (fromEnv.length > 0) {
    // As kubectl: files that do not exist are skipped; each file that exists must be readable.
    const present = fromEnv.filter((file) => existsSync(file));
    if (present.length === 0) {
      throw new ClusterError('KUBECONFIG_INVALID', '-', `none of the KUBECONFIG files exist: ${fromEnv.join(options.pathDelimiter ?? ':')}`, 'Set KUBECONFIG to your kubeconfig files, or pass --kubeconfig <file>.');
    }
    return { model: mergeModels(present.map(loadFile)), source: present.join(options.pathDelimiter ?? ':') };
  }
  const home = join(options.homeDir, '.kube', 'config');
  if (existsSync(home)) return { model: loadFile(home), source: home };
  if (options.env.KUBERNETES_SERVICE_HOST && existsSync(IN_CLUSTER_TOKEN)) return { model: inClusterModel(options.env), source: 'in-cluster' };
  throw new ClusterError(
    'KUBECONFIG_INVALID',
    '-',
    'no kubeconfig found (no --kubeconfig, no $KUBECONFIG, no ~/.kube/config)',
    'Start your cluster (minikube start, kind create cluster) or pass --kubeconfig <file>.',
  );
};

/**
 * Why tp will not send requests to `server`, or undefined. Requests go to the server's URL
 * followed by an API path: a query or a fragment would swallow that path (any URL of the host
 * could be asked, its error answers quoted back), so none is taken. A path is a prefix some
 * proxies need (Rancher's /k8s/clusters/<id>), but not from a kubeconfig a student handed in.
 */
export const serverRefusal = (server: string, handedIn: boolean): string | undefined => {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return undefined;
  }
  const extra = url.search !== '' || server.includes('?') || url.hash !== '' || server.includes('#');
  if (handedIn && (extra || url.pathname.replace(/\/+$/, '') !== '' || url.username !== '' || url.password !== '')) {
    return 'must be a scheme, a host and a port (https://<host>:<port>): a kubeconfig handed in for grading may not add a path, a query or credentials to it';
  }
  return extra ? 'must not hold a query or a fragment (?…, #…): tp adds the API\'s paths to it' : undefined;
};

export const loadKubeconfig = (options: KubeconfigOptions): LoadedKubeconfig => {
  const { model, source } = loadSource(options);
  if (options.context && !entry(model.contexts, options.context)) {
    const known = model.contexts.map((c) => c.name).join(', ') || 'none';
    throw new ClusterError('KUBECONFIG_INVALID', options.context, `no context "${options.context}" in ${source} (contexts: ${known})`, 'Run `kubectl config get-contexts`.');
  }
  const contextName = options.context || model.currentContext || '';
  const context = entry(model.contexts, contextName);
  const cluster = entry(model.clusters, text(context?.fields, 'cluster'));
  if (!context || !cluster) {
    const reason = !contextName
      ? `${source} sets no current-context`
      : !context
        ? `the current context "${contextName}" is not among the contexts of ${source}`
        : `the current context "${contextName}" of ${source} names no cluster of that file`;
    throw new ClusterError('KUBECONFIG_INVALID', contextName || '-', reason, 'Run `kubectl config get-contexts`, then `kubectl config use-context <name>` (or pass --context <name>).');
  }
  const userName = text(context.fields, 'user') ?? '';
  const user = entry(model.users, userName)?.fields ?? {};
  const refusals = credentialRefusals(cluster.fields, user, options.credentials);
  if (refusals.length > 0) {
    throw new ClusterError(
      'KUBECONFIG_INVALID',
      contextName,
      `${source} asks tp to ${refusals.join(', ')}, which a kubeconfig handed in for grading may not do`,
      'Ask for a kubeconfig with inline credentials (token, client-certificate-data, certificate-authority-data), or let tp use them: `trustKubeconfig: true` for that student in the cohort file, or `tp grade --trust-kubeconfigs`.',
    );
  }
  const server = text(cluster.fields, 'server') ?? '';
  const refused = serverRefusal(server, options.handedIn === true);
  if (refused) {
    throw new ClusterError('KUBECONFIG_INVALID', contextName, `the server "${shortened(redactCredentialsIn(server))}" of ${source} ${refused}`, 'Write the cluster\'s server as https://<host>:<port>, as `kubectl config view` shows a kind or minikube cluster.');
  }
  const contextNamespace = text(context.fields, 'namespace') ?? 'default';
  return {
    connection: connectionOf({ model, contextName, server, cluster: cluster.fields, userName, user }),
    source,
    ...(existsSync(options.homeDir) ? { cacheDir: userCacheDir({ ...options.env }, process.platform, options.homeDir) } : {}),
    namespace: options.namespace || contextNamespace,
    facts: {
      contexts: model.contexts.length,
      context: contextName,
      server,
      serverHost: hostOf(server),
      namespace: contextNamespace,
    },
  };
};
