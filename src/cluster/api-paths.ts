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
