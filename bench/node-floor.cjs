// The floor of a Node client doing what `tp check 4` asks of the API server, and nothing of tp:
// Node starts, loads https, reads the kubeconfig's inline certificates, sends the 8 LISTs of
// TP4's kinds over one kept-alive connection, parses each answer. bench/startup.mjs runs it
// beside tp and kubectl: what tp costs above this line is tp's own work.
// Usage: node bench/node-floor.cjs <kubeconfig with inline certificates> <namespace>
const { readFileSync } = require('node:fs');
const https = require('node:https');

const [kubeconfigPath, namespace] = process.argv.slice(2);
const kubeconfig = readFileSync(kubeconfigPath, 'utf8');
// The local cluster's kubeconfig (scripts/cluster): one cluster, one user, data inline.
const field = (name) => new RegExp(`${name}: (\\S+)`).exec(kubeconfig)?.[1];
const inline = (name) => Buffer.from(field(name) ?? '', 'base64');
const agent = new https.Agent({
  keepAlive: true,
  maxSockets: 1,
  ca: inline('certificate-authority-data'),
  cert: inline('client-certificate-data'),
  key: inline('client-key-data'),
});
const paths = [
  ...['configmaps', 'secrets', 'services', 'pods', 'events'].map((resource) => `/api/v1/namespaces/${namespace}/${resource}`),
  `/apis/apps/v1/namespaces/${namespace}/deployments`,
  `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`,
  '/api/v1/nodes',
];
let left = paths.length;
for (const path of paths) {
  https.get(`${field('server')}${path}?limit=2000`, { agent }, (response) => {
    const chunks = [];
    response.on('data', (chunk) => chunks.push(chunk));
    response.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      left -= 1;
      if (left === 0) agent.destroy();
    });
  });
}
