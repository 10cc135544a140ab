// Plays the TP4 app on the node ports of `tp lab test` scratch namespaces, as a
// real cluster would serve it: KWOK pods run nothing, so this stands in for
// kube-proxy and the app together. Each answer follows the namespace's live
// state, the way the real app (labs/tp4/app/app.py) would answer in it:
//   no ready pod            → the connection is dropped (nothing serves)
//   GET /                   → "Hello Kubernetes!\n"
//   GET /config on v0.2     → the myapp-config `message`, if mounted at /etc/config; else 500
//   GET /config on v0.1     → 404 (that version has no /config route)
// Only 127.0.0.1 is listened on; nothing connects anywhere.
import { createServer, type Server } from 'node:http';
import { AppsV1Api, CoreV1Api, type KubeConfig, type V1Deployment } from '@kubernetes/client-node';

const APP = 'kubernetes-app';

const mountsConfig = (deployment: V1Deployment): boolean => {
  const spec = deployment.spec?.template.spec;
  const volumes = (spec?.volumes ?? []).filter((v) => v.configMap?.name === 'myapp-config').map((v) => v.name);
  const container = spec?.containers.find((c) => c.name === APP);
  return (container?.volumeMounts ?? []).some((m) => volumes.includes(m.name) && m.mountPath.replace(/\/+$/, '') === '/etc/config');
};

export const startTp4AppPlayer = (kc: KubeConfig, namespacePrefix: string): { stop(): Promise<void> } => {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const servers = new Map<string, Server>();
  let stopped = false;

  const serve = (namespace: string, port: number): Server =>
    createServer((request, response) => {
      void (async () => {
        const deployment = await apps.readNamespacedDeployment({ name: APP, namespace }).catch(() => undefined);
        if (!deployment || (deployment.status?.readyReplicas ?? 0) === 0) {
          request.socket.destroy();
          return;
        }
        const text = (status: number, body: string) => response.writeHead(status, { 'content-type': 'text/plain' }).end(body);
        if (request.url === '/') return text(200, 'Hello Kubernetes!\n');
        if (request.url !== '/config') return text(404, 'Not Found\n');
        const image = deployment.spec?.template.spec?.containers.find((c) => c.name === APP)?.image ?? '';
        if (!image.endsWith(':v0.2')) return text(404, 'Not Found\n');
        if (!mountsConfig(deployment)) return text(500, 'Internal Server Error');
        const configMap = await core.readNamespacedConfigMap({ name: 'myapp-config', namespace }).catch(() => undefined);
        return configMap?.data?.message === undefined ? text(500, 'Internal Server Error') : text(200, configMap.data.message);
      })().catch(() => request.socket.destroy());
    }).listen(port, '127.0.0.1');

  const scan = async () => {
    const { items } = await core.listServiceForAllNamespaces({ fieldSelector: `metadata.name=${APP}` });
    const live = new Set<string>();
    for (const service of items) {
      const namespace = service.metadata?.namespace ?? '';
      const port = service.spec?.ports?.[0]?.nodePort;
      if (!namespace.startsWith(namespacePrefix) || port === undefined || service.metadata?.deletionTimestamp) continue;
      const key = `${namespace}:${port}`;
      live.add(key);
      if (!servers.has(key)) servers.set(key, serve(namespace, port).on('error', () => servers.delete(key)));
    }
    for (const [key, server] of servers) {
      if (!live.has(key)) {
        server.close();
        servers.delete(key);
      }
    }
  };

  const loop = async () => {
    while (!stopped) {
      await scan().catch(() => undefined);
      await new Promise((next) => setTimeout(next, 200));
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      await running;
      for (const server of servers.values()) {
        server.closeAllConnections();
        server.close();
      }
    },
  };
};
