// registry-secret: a pull Secret holds credentials for the registry of a Deployment's image
// (Secrets reach checks redacted: only their registry hosts are left).
import { object, testCheck } from './test-check.js';

const params = { secret: 'regsec', deployment: 'kubernetes-app' };
const base = { secret: 'regsec', deployment: 'kubernetes-app', container: '' };

const secret = (registries: string[]) => object('Secret', 'regsec', { type: 'kubernetes.io/dockerconfigjson', dataKeys: ['.dockerconfigjson'], registries });

const deployment = (containers: Array<{ name: string; image?: string }>) =>
  object('Deployment', 'kubernetes-app', { spec: { template: { spec: { containers } } } });

const app = deployment([{ name: 'kubernetes-app', image: 'registry.example.org/dalk/app:v0.1' }, { name: 'sidecar', image: 'busybox' }]);

testCheck('registry-secret', {
  valid: [
    {
      name: 'credentials for the registry of the first container',
      params,
      objects: { secrets: [secret(['registry.example.org'])], deployments: [app] },
      data: { ...base, registry: 'registry.example.org' },
    },
    {
      name: 'Docker Hub under another of its names',
      params: { ...params, container: 'sidecar' },
      objects: { secrets: [secret(['index.docker.io'])], deployments: [app] },
      data: { ...base, container: 'sidecar', registry: 'docker.io' },
    },
  ],
  invalid: [
    { name: 'no Secret', params, objects: { deployments: [app] }, messageId: 'missing-secret', data: base, says: { fr: 'Secret regsec introuvable', en: 'Secret regsec not found' } },
    { name: 'no Deployment', params, objects: { secrets: [secret(['registry.example.org'])] }, messageId: 'missing-deployment', data: base },
    {
      name: 'the container named is not there',
      params: { ...params, container: 'web' },
      objects: { secrets: [secret(['registry.example.org'])], deployments: [app] },
      messageId: 'no-image',
      data: { ...base, container: 'web' },
    },
    {
      name: 'credentials for another registry',
      params,
      objects: { secrets: [secret(['ghcr.io'])], deployments: [app] },
      messageId: 'no-auth',
      data: { ...base, registry: 'registry.example.org' },
      says: {
        fr: 'le secret regsec n\'a pas d\'identifiants pour la registry registry.example.org (il en a pour : ghcr.io)',
        en: 'secret regsec has no credentials for the registry registry.example.org (it has some for: ghcr.io)',
      },
    },
    {
      name: 'a Secret with no docker config at all',
      params,
      objects: { secrets: [secret([])], deployments: [app] },
      messageId: 'no-auth',
      data: { ...base, registry: 'registry.example.org' },
      says: {
        fr: 'le secret regsec n\'a pas d\'identifiants pour la registry registry.example.org (il en a pour : ∅)',
        en: 'secret regsec has no credentials for the registry registry.example.org (it has some for: ∅)',
      },
    },
    {
      name: 'a Secret with credentials for ten thousand other registries: a few are named, the rest counted',
      params,
      objects: { secrets: [secret(Array.from({ length: 10_000 }, (_, i) => `r${i}.example.org`))], deployments: [app] },
      messageId: 'no-auth',
      data: { ...base, registry: 'registry.example.org' },
      says: {
        fr: 'le secret regsec n\'a pas d\'identifiants pour la registry registry.example.org (il en a pour : r0.example.org, r1.example.org, r2.example.org, r3.example.org, r4.example.org et 9995 autres)',
        en: 'secret regsec has no credentials for the registry registry.example.org (it has some for: r0.example.org, r1.example.org, r2.example.org, r3.example.org, r4.example.org and 9995 more)',
      },
    },
  ],
  refused: [{ name: 'no Deployment named', params: { secret: 'regsec' } }],
});
