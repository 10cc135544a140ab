// The `kind` of the objects a check's `resource` names (`cm` → ConfigMap,
// `ct` → CronTab), so an undone exercise can delete the solution's objects
// its checks name (`Kind/name`, as manifests are named). Kubernetes' own kinds
// are known without a cluster; custom resources are asked of the cluster.
import type { ClusterKinds } from '../discovery/cluster-kinds.js';
import { builtinKindOf } from '../discovery/builtin.js';
import type { Lab } from '../lab/types.js';

/** `resource` param → Kind, or undefined when the name means nothing known. */
export type KindNameOf = (resource: string) => string | undefined;

export const builtinKindName: KindNameOf = (resource) => builtinKindOf(resource)?.kind;

/** Every `resource` a check of the lab names, resolved on the cluster. */
export const kindNamesOf = async (lab: Lab, kinds: ClusterKinds): Promise<KindNameOf> => {
  const names = lab.exercises.flatMap((e) => e.checks.flatMap((c) => (typeof c.params.resource === 'string' ? [c.params.resource] : [])));
  const resolved = await kinds.resolve(names);
  return (resource) => {
    const resolution = resolved.get(resource);
    return resolution?.ok ? resolution.kind.kind : builtinKindName(resource);
  };
};
