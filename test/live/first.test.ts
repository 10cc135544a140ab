// The cluster the other integration tests stand on: kind-like nodes on
// 127.0.0.1, Deployments that become Ready, NodePort Services with endpoints,
// and a stand-in server where a grader looks for the app.
import { AppsV1Api, CoreV1Api, DiscoveryV1Api } from '@kubernetes/client-node';
import type { KubernetesObject, V1Service } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, startStandInServer, waitFor } from '../support/cluster.js';

const kc = makeKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const discovery = kc.makeApiClient(DiscoveryV1Api);

const web = (namespace: string): KubernetesObject[] => [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
      },
    },
  } as KubernetesObject,
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace },
    spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
  } as KubernetesObject,
];

describe('the local cluster', () => {
  let namespace = '';

  beforeAll(async () => {
    namespace = await createTestNamespace('first');
  });

  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace);
  });

  it('has a control-plane node and two workers, all at 127.0.0.1', async () => {
    const { items } = await core.listNode();
    expect(items).toHaveLength(3);
    const controlPlanes = items.filter((node) => node.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
    expect(controlPlanes).toHaveLength(1);
    for (const node of items) {
      const internalIPs = (node.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
      expect(internalIPs, node.metadata?.name).toEqual(['127.0.0.1']);
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
      expect(ready?.status, node.metadata?.name).toBe('True');
    }
  });

  it('runs a Deployment of 2 replicas behind a NodePort Service', async () => {
    await applyManifests(namespace, web(namespace));

    const deployment = await waitFor(async () => {
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace });
      return d.status?.readyReplicas === 2 && d;
    }, 45_000, 'deployment web to have 2 ready replicas');
    expect(deployment.status?.availableReplicas).toBe(2);

    const service = await core.readNamespacedService({ name: 'web', namespace });
    const nodePort = service.spec?.ports?.[0]?.nodePort ?? 0;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    expect(service.spec?.clusterIP).toMatch(/^10\.96\./);

    const endpoints = await waitFor(async () => {
      const { items } = await discovery.listNamespacedEndpointSlice({ namespace, labelSelector: 'kubernetes.io/service-name=web' });
      const ready = items.flatMap((slice) => slice.endpoints).filter((e) => e.conditions?.ready === true);
      return ready.length === 2 && ready;
    }, 30_000, 'an EndpointSlice with 2 ready endpoints for service web');
    // KWOK gives pods addresses from their node's podCIDR; they are never dialled.
    for (const endpoint of endpoints) expect(endpoint.addresses[0]).toMatch(/^10\.244\./);
  });

  it('lets a test stand in for the app on 127.0.0.1:<nodePort>', async () => {
    const service: V1Service = await core.readNamespacedService({ name: 'web', namespace });
    const nodePort = service.spec?.ports?.[0]?.nodePort ?? 0;
    const close = await startStandInServer(nodePort, { '/': 'hello from web\n', '/health': { status: 204, body: '' } });
    try {
      const root = await fetch(`http://127.0.0.1:${nodePort}/`);
      expect(root.status).toBe(200);
      expect(await root.text()).toBe('hello from web\n');
      expect((await fetch(`http://127.0.0.1:${nodePort}/health`)).status).toBe(204);
      expect((await fetch(`http://127.0.0.1:${nodePort}/missing`)).status).toBe(404);
    } finally {
      await close();
    }
  });
});
