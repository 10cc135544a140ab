// Secrets are redacted as soon as they are read, so no later code (a check, a
// message, a fixture, a report) can ever hold a Secret's value. What checks may
// know of a Secret: its type, its keys, the registry hosts of a docker config,
// and whether a value equals the one a lab compares it with (secret-values.ts).
import type { KubeObject } from './types.js';
import { valueMatches, type SecretComparisons } from './secret-values.js';

const decodeBase64 = (value: unknown): string => (typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '');

/** Registry hosts named in a `.dockerconfigjson` (or legacy `.dockercfg`), normalised. */
const registryHosts = (data: Record<string, unknown>): string[] => {
  const raw = data['.dockerconfigjson'] ?? data['.dockercfg'];
  if (raw === undefined) return [];
  try {
    const parsed = JSON.parse(decodeBase64(raw)) as { auths?: Record<string, unknown> } & Record<string, unknown>;
    const auths = parsed.auths ?? parsed;
    return Object.keys(auths).map(normaliseRegistryHost).sort();
  } catch {
    return [];
  }
};

/** `https://index.docker.io/v1/` → `index.docker.io`; `ghcr.io` → `ghcr.io`; `user:pass@ghcr.io` → `ghcr.io`. */
export const normaliseRegistryHost = (entry: string): string =>
  entry.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').replace(/^.*@/, '').toLowerCase();

export const redactSecret = (secret: KubeObject, comparisons?: SecretComparisons): KubeObject => {
  // The API server never returns stringData; data values are base64.
  const data = (secret.data as Record<string, unknown> | undefined) ?? {};
  const annotations = { ...(secret.metadata.annotations ?? {}) };
  // kubectl apply keeps the whole manifest, values included, in this annotation.
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  const { data: _data, stringData: _stringData, ...rest } = secret;
  const matches = valueMatches(data, comparisons?.get(secret.metadata.name));
  return {
    ...rest,
    metadata: { ...secret.metadata, annotations, managedFields: undefined } as KubeObject['metadata'],
    dataKeys: Object.keys(data).sort(),
    registries: registryHosts(data),
    ...(matches && { valueMatches: matches }),
  };
};
