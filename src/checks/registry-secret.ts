// registry-secret: a pull Secret holds credentials for the registry of a
// Deployment's image. Reads only the registry hosts kept by cluster/redact.ts.
import { defineCheck } from './define.js';
import { listed } from './message.js';
import { findObject, field } from './snapshot-read.js';

export interface RegistrySecretParams {
  secret: string;
  deployment: string;
  container?: string;
}

const DOCKER_HUB = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];

/** The registry part of an image reference, as Docker reads it. */
export const registryOf = (image: string): string => {
  // A `user:pass@` before the host (redacted as it was read) is not part of the registry's name.
  const first = (image.split('/')[0] ?? '').replace(/^.*@/, '');
  const isHost = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? first.toLowerCase() : 'docker.io';
};

const sameRegistry = (a: string, b: string): boolean =>
  a === b || (DOCKER_HUB.includes(a) && DOCKER_HUB.includes(b));

export const registrySecretCheck = defineCheck<RegistrySecretParams, 'ok' | 'missing-secret' | 'missing-deployment' | 'no-image' | 'no-auth'>({
  kind: 'registry-secret',
  schema: {
    type: 'object',
    required: ['secret', 'deployment'],
    additionalProperties: false,
    properties: { secret: { type: 'string', minLength: 1 }, deployment: { type: 'string', minLength: 1 }, container: { type: 'string' } },
  },
  messages: {
    ok: { fr: 'le secret {secret} contient des identifiants pour {registry}', en: 'secret {secret} holds credentials for {registry}' },
    'missing-secret': { fr: 'Secret {secret} introuvable', en: 'Secret {secret} not found' },
    'missing-deployment': { fr: 'Deployment {deployment} introuvable', en: 'Deployment {deployment} not found' },
    'no-image': { fr: 'le Deployment {deployment} n\'a pas de conteneur {container}', en: 'Deployment {deployment} has no container {container}' },
    'no-auth': {
      fr: 'le secret {secret} n\'a pas d\'identifiants pour la registry {registry} (il en a pour : {hosts})',
      en: 'secret {secret} has no credentials for the registry {registry} (it has some for: {hosts})',
    },
  },
  needs: () => ['secrets', 'deployments'],
  evaluate(params, { snapshot }) {
    const data = { secret: params.secret, deployment: params.deployment, container: params.container ?? '' };
    const secret = findObject(snapshot, 'secrets', params.secret);
    if (!secret) return { status: 'fail', messageId: 'missing-secret', data };
    const deployment = findObject(snapshot, 'deployments', params.deployment);
    if (!deployment) return { status: 'fail', messageId: 'missing-deployment', data };
    const containers = (field(deployment, 'spec', 'template', 'spec', 'containers') ?? []) as Array<{ name: string; image?: string }>;
    const container = params.container ? containers.find((c) => c.name === params.container) : containers[0];
    if (!container?.image) return { status: 'fail', messageId: 'no-image', data };
    const registry = registryOf(container.image);
    const hosts = (secret.registries ?? []) as string[];
    const more = { ...data, registry };
    return hosts.some((host) => sameRegistry(host, registry))
      ? { status: 'pass', messageId: 'ok', data: more }
      : { status: 'fail', messageId: 'no-auth', data: more, words: { hosts: listed(hosts) } };
  },
});
