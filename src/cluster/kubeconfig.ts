// Finds and loads the kubeconfig the way kubectl does, and computes the facts
// the `contexts` exercise compares answers with.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterError, KubeconfigError } from '../core/errors.js';
import { connectionOf, type ClusterConnection } from './connection.js';
import { kubeconfigProblems } from './kubeconfig-shape.js';
import { hostOf, type KubeconfigFacts } from '../core/kubeconfig-facts.js';

export interface KubeconfigOptions {
  /** `--kubeconfig`; else $KUBECONFIG; else ~/.kube/config; else in-cluster. */
  kubeconfig?: string;
  context?: string;
  /** `-n`; else the context's namespace; else `default`. */
  namespace?: string;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
}

export interface LoadedKubeconfig {
  /** How the other rooms reach the cluster of the current context. */
  connection: ClusterConnection;
  facts: KubeconfigFacts;
  /** The namespace to check. */
  namespace: string;
  /** Where the configuration came from (a path, or `in-cluster`). */
  source: string;
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

const loadFile = (kc: KubeConfig, file: string): void => {
  if (!existsSync(file)) {
    throw new ClusterError('KUBECONFIG_INVALID', '-', `kubeconfig file not found: ${file}`, 'Pass --kubeconfig <file>, or set KUBECONFIG.');
  }
  try {
    const text = readFileSync(file, 'utf8');
    const problems = kubeconfigProblems(text, file);
    if (problems.length > 0) throw new KubeconfigError(problems);
    kc.loadFromString(text);
    kc.makePathsAbsolute(dirname(file));
  } catch (error) {
    if (error instanceof KubeconfigError) throw error;
    throw new ClusterError('KUBECONFIG_INVALID', '-', `cannot read kubeconfig ${file}: ${(error as Error).message}`);
  }
};

const loadSource = (kc: KubeConfig, options: KubeconfigOptions): string => {
  if (options.kubeconfig) {
    loadFile(kc, options.kubeconfig);
    return options.kubeconfig;
  }
  const fromEnv = (options.env.KUBECONFIG ?? '').split(':').filter(Boolean);
  if (fromEnv.length === 1) {
    loadFile(kc, fromEnv[0] as string);
    return fromEnv[0] as string;
  }
  if (fromEnv.length > 1) {
    // Several files: kubectl merges them; client-node does the same from the environment.
    const merged = fromEnv.filter((f) => existsSync(f));
    if (merged.length === 0) throw new ClusterError('KUBECONFIG_INVALID', '-', `none of the KUBECONFIG files exist: ${fromEnv.join(':')}`);
    for (const file of merged) {
      const part = new KubeConfig();
      loadFile(part, file);
      kc.mergeConfig(part, true);
      if (!kc.currentContext) kc.setCurrentContext(part.currentContext);
    }
    return merged.join(':');
  }
  const home = join(options.homeDir, '.kube', 'config');
  if (existsSync(home)) {
    loadFile(kc, home);
    return home;
  }
  if (options.env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN)) {
    kc.loadFromCluster();
    return 'in-cluster';
  }
  throw new ClusterError(
    'KUBECONFIG_INVALID',
    '-',
    'no kubeconfig found (no --kubeconfig, no $KUBECONFIG, no ~/.kube/config)',
    'Start your cluster (minikube start, kind create cluster) or pass --kubeconfig <file>.',
  );
};

export const loadKubeconfig = (options: KubeconfigOptions): LoadedKubeconfig => {
  const kc = new KubeConfig();
  const source = loadSource(kc, options);
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      const known = kc.getContexts().map((c) => c.name).join(', ') || 'none';
      throw new ClusterError('KUBECONFIG_INVALID', options.context, `no context "${options.context}" in ${source} (contexts: ${known})`, 'Run `kubectl config get-contexts`.');
    }
    kc.setCurrentContext(options.context);
  }
  const contextName = kc.getCurrentContext();
  const context = kc.getContextObject(contextName);
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) {
    const reason = !contextName
      ? `${source} sets no current-context`
      : !context
        ? `the current context "${contextName}" is not among the contexts of ${source}`
        : `the current context "${contextName}" of ${source} names no cluster of that file`;
    throw new ClusterError('KUBECONFIG_INVALID', contextName || '-', reason, 'Run `kubectl config get-contexts`, then `kubectl config use-context <name>` (or pass --context <name>).');
  }
  const contextNamespace = context.namespace || 'default';
  return {
    connection: connectionOf(kc),
    source,
    namespace: options.namespace || contextNamespace,
    facts: {
      contexts: kc.getContexts().length,
      context: contextName,
      server: cluster.server,
      serverHost: hostOf(cluster.server),
      namespace: contextNamespace,
    },
  };
};
