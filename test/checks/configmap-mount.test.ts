// configmap-mount: a volume from a ConfigMap, mounted at a path in a container (followed through the volume's name).
import { object, testCheck } from './test-check.js';

const params = { deployment: 'kubernetes-app', container: 'kubernetes-app', configMap: 'myapp-config', mountPath: '/etc/config' };

const deployment = (pod: { volumes?: unknown[]; mounts?: unknown[]; container?: string }) =>
  object('Deployment', 'kubernetes-app', {
    spec: {
      template: {
        spec: {
          containers: [{ name: pod.container ?? 'kubernetes-app', image: 'dalk/app:v0.2', volumeMounts: pod.mounts ?? [] }],
          volumes: pod.volumes ?? [],
        },
      },
    },
  });

const fromConfigMap = { name: 'config', configMap: { name: 'myapp-config' } };

testCheck('configmap-mount', {
  valid: [
    {
      name: 'the volume mounted at /etc/config/ (a trailing slash)',
      params,
      objects: { deployments: [deployment({ volumes: [fromConfigMap], mounts: [{ name: 'config', mountPath: '/etc/config/' }] })] },
      data: { ...params, volume: 'config' },
    },
    {
      name: 'a projected volume with the ConfigMap among its sources',
      params,
      objects: {
        deployments: [
          deployment({ volumes: [{ name: 'all', projected: { sources: [{ secret: { name: 's' } }, { configMap: { name: 'myapp-config' } }] } }], mounts: [{ name: 'all', mountPath: '/etc/config' }] }),
        ],
      },
      data: { ...params, volume: 'all' },
    },
  ],
  invalid: [
    { name: 'no Deployment', params, messageId: 'missing', data: { ...params, volume: '' }, says: { fr: 'Deployment kubernetes-app introuvable', en: 'Deployment kubernetes-app not found' } },
    {
      name: 'the container has another name',
      params,
      objects: { deployments: [deployment({ container: 'web', volumes: [fromConfigMap] })] },
      messageId: 'no-container',
      data: { ...params, volume: '' },
    },
    {
      name: 'the volume comes from another ConfigMap',
      params,
      objects: { deployments: [deployment({ volumes: [{ name: 'config', configMap: { name: 'other' } }], mounts: [{ name: 'config', mountPath: '/etc/config' }] })] },
      messageId: 'no-volume',
      data: { ...params, volume: '' },
    },
    {
      name: 'the volume is declared but not mounted',
      params,
      objects: { deployments: [deployment({ volumes: [fromConfigMap] })] },
      messageId: 'not-mounted',
      data: { ...params, volume: 'config' },
      says: {
        fr: 'le volume config (ConfigMap myapp-config) n\'est pas monté dans le conteneur kubernetes-app',
        en: 'volume config (ConfigMap myapp-config) is not mounted in container kubernetes-app',
      },
    },
    {
      name: 'mounted at another path',
      params,
      objects: { deployments: [deployment({ volumes: [fromConfigMap], mounts: [{ name: 'config', mountPath: '/config' }] })] },
      messageId: 'wrong-path',
      data: { ...params, volume: 'config', found: '/config' },
    },
  ],
  refused: [
    { name: 'a relative mount path', params: { ...params, mountPath: 'etc/config' } },
    { name: 'no ConfigMap named', params: { deployment: 'kubernetes-app', container: 'kubernetes-app', mountPath: '/etc/config' } },
  ],
});
