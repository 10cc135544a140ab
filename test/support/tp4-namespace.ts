// A namespace of the test cluster where a student has solved TP4: the
// reference solution applied, rolled out, its endpoints ready, and an app
// (a stand-in of the test's choosing) listening on 127.0.0.1:<nodePort>.
// The nodePort is chosen here, app first: on a machine where other test runs
// start stand-ins too, a port the API server allocates may already be taken.
import { createServer, type Socket } from 'node:net';
import { ApiException, AppsV1Api, CoreV1Api, DiscoveryV1Api, type KubeConfig, type V1Service } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, startStandInServer, waitFor, type StandInRoute } from './cluster.js';
import { tp4Manifests } from './tp4-solution.js';

export const TP4_APP_ROUTES: Readonly<Record<string, StandInRoute>> = { '/': 'Hello Kubernetes!\n', '/config': 'Hello from ConfigMap' };

/** Starts an app on 127.0.0.1:`port` (rejecting when the port is taken) and returns how to stop it. */
export type AppStarter = (port: number) => Promise<() => Promise<void>>;

export const helloApp: AppStarter = (port) => startStandInServer(port, TP4_APP_ROUTES);

/** An app that accepts connections and never answers (a hung process). */
export const silentApp: AppStarter = async (port) => {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => listening());
  });
  return () =>
    new Promise<void>((closed) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => closed());
    });
};

export interface SolvedTp4 {
  namespace: string;
  nodePort: number;
  /** Stops the app and deletes the namespace. */
  remove(): Promise<void>;
}

const NODE_PORTS = { min: 30000, max: 32767 };
const randomNodePort = () => NODE_PORTS.min + Math.floor(Math.random() * (NODE_PORTS.max - NODE_PORTS.min + 1));

/** Creates the Service on a nodePort where `app` could start, app first; returns the port and how to stop the app. */
const exposeWithApp = async (core: CoreV1Api, namespace: string, service: V1Service, app: AppStarter) => {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const nodePort = randomNodePort();
    let stop: () => Promise<void>;
    try {
      stop = await app(nodePort);
    } catch {
      continue;
    }
    const ports = (service.spec?.ports ?? []).map((port, i) => (i === 0 ? { ...port, nodePort } : port));
    try {
      await core.createNamespacedService({ namespace, body: { ...service, spec: { ...service.spec, ports } } });
      return { nodePort, stop };
    } catch (error) {
      await stop();
      // 422: another Service holds this nodePort; any other refusal is a real failure.
      if (!(error instanceof ApiException && error.code === 422)) throw error;
    }
  }
  throw new Error('no free nodePort found for the stand-in app in 20 tries');
};

export const solvedTp4Namespace = async (prefix: string, kc: KubeConfig, app: AppStarter = helloApp): Promise<SolvedTp4> => {
  const namespace = await createTestNamespace(prefix, kc);
  let stopApp: (() => Promise<void>) | undefined;
  const remove = async () => {
    await stopApp?.();
    await deleteNamespace(namespace, kc);
  };
  try {
    const manifests = tp4Manifests();
    await applyManifests(namespace, manifests.filter((object) => object.kind !== 'Service'), kc);
    const core = kc.makeApiClient(CoreV1Api);
    const exposed = await exposeWithApp(core, namespace, manifests.find((object) => object.kind === 'Service') as V1Service, app);
    stopApp = exposed.stop;
    const apps = kc.makeApiClient(AppsV1Api);
    await waitFor(async () => (await apps.readNamespacedDeployment({ name: 'kubernetes-app', namespace })).status?.readyReplicas === 2, 60_000, `2 ready replicas in ${namespace}`);
    // EndpointSlices follow the pods by a moment.
    const discovery = kc.makeApiClient(DiscoveryV1Api);
    await waitFor(
      async () => {
        const { items } = await discovery.listNamespacedEndpointSlice({ namespace, labelSelector: 'kubernetes.io/service-name=kubernetes-app' });
        return items.flatMap((slice) => slice.endpoints ?? []).filter((endpoint) => endpoint.conditions?.ready).length === 2;
      },
      30_000,
      `2 ready endpoints in ${namespace}`,
    );
    return { namespace, nodePort: exposed.nodePort, remove };
  } catch (error) {
    await remove();
    throw error;
  }
};
