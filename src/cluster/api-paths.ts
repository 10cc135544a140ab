// Where things are in the API server's URL space: the LIST path of a kind, a
// namespace, a Service's proxy. Only cluster/ builds requests, so only it needs these.
import type { ServedKind } from '../discovery/types.js';

/**
 * The LIST path of a kind, in one namespace or cluster-wide (namespace undefined, or a
 * cluster-scoped kind). Its group, version and resource were checked as DNS names when
 * discovery read them (discovery/valid-names.ts), or come from Kubernetes' own table.
 */
export const listPath = (kind: ServedKind, namespace?: string): string => {
  const prefix = kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
  if (!kind.namespaced || namespace === undefined) return `${prefix}/${kind.resource}`;
  return `${prefix}/namespaces/${encodeURIComponent(namespace)}/${kind.resource}`;
};

/** The path of a namespace object (to ask whether it exists). */
export const namespacePath = (namespace: string): string => `/api/v1/namespaces/${encodeURIComponent(namespace)}`;

/** GET through the API server's proxy to a Service's port: `path` on the app. */
export const serviceProxyPath = (namespace: string, service: string, port: number, path: string): string =>
  `${namespacePath(namespace)}/services/${encodeURIComponent(service)}:${port}/proxy${path}`;
