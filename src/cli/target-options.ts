// Options shared by commands that read a cluster, as kubectl spells them.
import type { Command } from 'commander';
import { TpError } from '../core/errors.js';
import type { HttpVia } from '../cluster/http-types.js';

export interface ClusterOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
}

export const addClusterOptions = (command: Command): Command =>
  command
    .option('--kubeconfig <file>', 'kubeconfig to use (else $KUBECONFIG, else ~/.kube/config, else in-cluster)')
    .option('--context <name>', 'kubeconfig context to use (else the current context)')
    .option('-n, --namespace <ns>', "namespace to check (else the context's namespace, else default)");

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const parseHttpVia = (value: string): HttpVia => {
  if (value === 'auto' || value === 'proxy' || value === 'nodeport') return value;
  throw new TpError('USAGE', `--http-via ${value}: expected auto, proxy or nodeport`);
};
