// Pods and namespaces of the snapshot as NetworkPolicies see them.
import type { KubeObject } from '../../cluster/types.js';
import { field, labelsOf } from '../snapshot-read.js';
import type { ContainerPort, NamespaceLabels, PolicyPod, Protocol } from './policy.js';

const PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

const containerPorts = (pod: KubeObject): ContainerPort[] => {
  const containers = [...((field(pod, 'spec', 'containers') ?? []) as unknown[]), ...((field(pod, 'spec', 'initContainers') ?? []) as unknown[])];
  return containers.flatMap((container) =>
    ((field(container, 'ports') ?? []) as Array<{ name?: unknown; containerPort?: unknown; protocol?: unknown }>).flatMap((port) =>
      typeof port.containerPort === 'number'
        ? [{
            ...(typeof port.name === 'string' ? { name: port.name } : {}),
            containerPort: port.containerPort,
            protocol: (typeof port.protocol === 'string' && PROTOCOLS.includes(port.protocol) ? port.protocol : 'TCP') as Protocol,
          }]
        : [],
    ),
  );
};

const podIps = (pod: KubeObject): string[] => {
  const listed = ((field(pod, 'status', 'podIPs') ?? []) as Array<{ ip?: unknown }>).map((entry) => entry.ip).filter((ip): ip is string => typeof ip === 'string');
  const single = field(pod, 'status', 'podIP');
  return listed.length > 0 ? listed : typeof single === 'string' ? [single] : [];
};

export const policyPod = (pod: KubeObject, namespace: string): PolicyPod => ({
  name: pod.metadata.name,
  namespace: pod.metadata.namespace ?? namespace,
  labels: labelsOf(pod),
  ips: podIps(pod),
  ports: containerPorts(pod),
});

/** A pod that ran to its end sends and receives nothing. */
export const isLive = (pod: KubeObject): boolean => {
  const phase = field(pod, 'status', 'phase');
  return phase !== 'Succeeded' && phase !== 'Failed';
};

/**
 * The labels of each namespace, read from the Namespace objects; the API server sets
 * `kubernetes.io/metadata.name` on every namespace, so it is known even when unread.
 */
export const namespaceLabelsOf = (namespaces: readonly KubeObject[], extra: Readonly<Record<string, Readonly<Record<string, string>>>> = {}): NamespaceLabels => {
  const byName = new Map(namespaces.map((namespace) => [namespace.metadata.name, labelsOf(namespace)]));
  return (name) => ({ 'kubernetes.io/metadata.name': name, ...(extra[name] ?? byName.get(name) ?? {}) });
};
