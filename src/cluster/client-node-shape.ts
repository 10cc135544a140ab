// client-node's generated models name a few fields otherwise than the API does
// (a NetworkPolicy ingress rule's `from` is `_from`, a LimitRange item's
// `default` is `_default`), and KubernetesObjectApi sends a plain object through
// those models: such a field is silently dropped (an ingress rule without `from`
// lets everyone in). A manifest as written is put in the models' shape first,
// with client-node's own loadYaml (JSON is YAML), so what is sent is what was written.
import { loadYaml } from '@kubernetes/client-node';
import type { Manifest } from './types.js';

export const inClientNodeShape = <T extends Manifest>(manifest: T): T => loadYaml<T>(JSON.stringify(manifest));
