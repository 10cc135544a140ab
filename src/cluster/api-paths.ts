// Where things are in the API server's URL space: the LIST path of a kind, a
// namespace, a Service's proxy. Only cluster/ builds requests, so only it needs these.
import { RESOURCE_KINDS, type ResourceKind } from '../core/resource-kinds.js';

/** The LIST path of a kind, in one namespace or cluster-wide (namespace undefined). */
export const listPath = (kind: ResourceKind, namespace?: string): string => {
  const info = RESOURCE_KINDS[kind];
  const plural = kind;
  if (!info.namespaced || namespace === undefined) return `${info.prefix}/${plural}`;
  return `${info.prefix}/namespaces/${encodeURIComponent(namespace)}/${plural}`;
};

/** The path of a namespace object (to ask whether it exists). */
export const namespacePath = (namespace: string): string => `/api/v1/namespaces/${encodeURIComponent(namespace)}`;

/** GET through the API server's proxy to a Service's port: `path` on the app. */
export const serviceProxyPath = (namespace: string, service: string, port: number, path: string): string =>
  `${namespacePath(namespace)}/services/${encodeURIComponent(service)}:${port}/proxy${path}`;

/** A container's log, bounded by the API server itself (limitBytes, tailLines). */
export const podLogPath = (namespace: string, pod: string, query: { container: string; previous: boolean; tailLines?: number; limitBytes: number }): string => {
  const params = new URLSearchParams({ container: query.container, limitBytes: String(query.limitBytes) });
  if (query.previous) params.set('previous', 'true');
  if (query.tailLines !== undefined) params.set('tailLines', String(query.tailLines));
  return `${namespacePath(namespace)}/pods/${encodeURIComponent(pod)}/log?${params}`;
};

/** The path of a node object. */
export const nodePath = (node: string): string => `/api/v1/nodes/${encodeURIComponent(node)}`;
