// client-node's KubeConfig, made from tp's own model only when a command needs
// client-node itself (watches, the writes of `tp lab test`, the rare credential
// kinds tp does not apply itself). Imported lazily: client-node is megabytes of
// generated code that `tp check` would otherwise compile at every start.
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeconfigModel } from './kubeconfig-model.js';

/** The model back in the file's format, which client-node reads (JSON is YAML). */
const fileText = (model: KubeconfigModel, currentContext: string): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: model.clusters.map(({ name, fields }) => ({ name, cluster: fields })),
    contexts: model.contexts.map(({ name, fields }) => ({ name, context: fields })),
    users: model.users.map(({ name, fields }) => ({ name, user: fields })),
    'current-context': currentContext,
  });

export const clientNodeConfig = async (model: KubeconfigModel, currentContext: string): Promise<KubeConfig> => {
  const { KubeConfig: Config } = await import('@kubernetes/client-node');
  const kc = new Config();
  kc.loadFromString(fileText(model, currentContext));
  return kc;
};
