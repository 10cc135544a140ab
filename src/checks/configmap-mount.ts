// configmap-mount: a Deployment's pod template has a volume from a ConfigMap,
// and the container mounts that volume at a path. The volume's name is the
// student's choice, so the mount is followed through it.
import { defineCheck } from './define.js';
import { findObject, field } from './snapshot-read.js';

export interface ConfigMapMountParams {
  deployment: string;
  container: string;
  configMap: string;
  mountPath: string;
}

interface Volume {
  name: string;
  configMap?: { name?: string };
  projected?: { sources?: Array<{ configMap?: { name?: string } }> };
}

const fromConfigMap = (volume: Volume, configMap: string): boolean =>
  volume.configMap?.name === configMap || (volume.projected?.sources ?? []).some((s) => s.configMap?.name === configMap);

const samePath = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

export const configMapMountCheck = defineCheck<ConfigMapMountParams, 'ok' | 'missing' | 'no-container' | 'no-volume' | 'not-mounted' | 'wrong-path'>({
  kind: 'configmap-mount',
  schema: {
    type: 'object',
    required: ['deployment', 'container', 'configMap', 'mountPath'],
    additionalProperties: false,
    properties: {
      deployment: { type: 'string', minLength: 1 },
      container: { type: 'string', minLength: 1 },
      configMap: { type: 'string', minLength: 1 },
      mountPath: { type: 'string', pattern: '^/' },
    },
  },
  messages: {
    ok: { fr: 'le volume {volume} (ConfigMap {configMap}) est monté sur {mountPath}', en: 'volume {volume} (ConfigMap {configMap}) is mounted at {mountPath}' },
    missing: { fr: 'Deployment {deployment} introuvable', en: 'Deployment {deployment} not found' },
    'no-container': { fr: 'le Deployment {deployment} n\'a pas de conteneur {container}', en: 'Deployment {deployment} has no container {container}' },
    'no-volume': { fr: 'aucun volume du pod ne vient de la ConfigMap {configMap}', en: 'no pod volume comes from ConfigMap {configMap}' },
    'not-mounted': { fr: 'le volume {volume} (ConfigMap {configMap}) n\'est pas monté dans le conteneur {container}', en: 'volume {volume} (ConfigMap {configMap}) is not mounted in container {container}' },
    'wrong-path': { fr: 'le volume {volume} est monté sur {found}, {mountPath} attendu', en: 'volume {volume} is mounted at {found}, {mountPath} expected' },
  },
  needs: () => ['deployments'],
  evaluate(params, { snapshot }) {
    const data = { ...params, volume: '' };
    const deployment = findObject(snapshot, 'deployments', params.deployment);
    if (!deployment) return { status: 'fail', messageId: 'missing', data };
    const pod = field(deployment, 'spec', 'template', 'spec');
    const container = ((field(pod, 'containers') ?? []) as Array<{ name: string; volumeMounts?: Array<{ name: string; mountPath: string }> }>)
      .find((c) => c.name === params.container);
    if (!container) return { status: 'fail', messageId: 'no-container', data };
    const volumes = ((field(pod, 'volumes') ?? []) as Volume[]).filter((v) => fromConfigMap(v, params.configMap));
    if (volumes.length === 0) return { status: 'fail', messageId: 'no-volume', data };
    // By name through a set: a template of 200,000 volumes and mounts is read in one pass, not compared pair by pair.
    const volumeNames = new Set(volumes.map((v) => v.name));
    const mounts = (container.volumeMounts ?? []).filter((m) => volumeNames.has(m.name));
    const volume = volumes[0]?.name ?? '';
    const good = mounts.find((m) => samePath(m.mountPath, params.mountPath));
    if (good) return { status: 'pass', messageId: 'ok', data: { ...data, volume: good.name } };
    const first = mounts[0];
    if (!first) return { status: 'fail', messageId: 'not-mounted', data: { ...data, volume } };
    return { status: 'fail', messageId: 'wrong-path', data: { ...data, volume: first.name, found: first.mountPath } };
  },
});
