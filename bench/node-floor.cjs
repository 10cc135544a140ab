// The floor of a Node client doing what `tp check 4` asks of the API server, and nothing of tp:
// Node starts, loads https, reads the kubeconfig's inline certificates, sends the 8 LISTs of
// TP4's kinds, parses each answer. bench/startup.mjs runs it beside tp and kubectl: what tp
// costs above this line is tp's own work. The third argument says how the LISTs travel:
//   one   over one kept-alive connection, one after the other (what tp does);
//   each  a connection per LIST, all at once (what tp did before);
//   h2    one HTTP/2 connection, all at once (what kubectl does).
// With FLOOR_PHASE=1 it prints the milliseconds from the first LIST sent to the last answer read.
// Usage: node bench/node-floor.cjs <kubeconfig with inline certificates> <namespace> [one|each|h2]
const { readFileSync } = require('node:fs');

const [kubeconfigPath, namespace, mode = 'one'] = process.argv.slice(2);
const kubeconfig = readFileSync(kubeconfigPath, 'utf8');
// The local cluster's kubeconfig (scripts/cluster): one cluster, one user, data inline.
const field = (name) => new RegExp(`${name}: (\\S+)`).exec(kubeconfig)?.[1];
const inline = (name) => Buffer.from(field(name) ?? '', 'base64');
const tls = { ca: inline('certificate-authority-data'), cert: inline('client-certificate-data'), key: inline('client-key-data') };
const server = field('server');
const paths = [
  ...['configmaps', 'secrets', 'services', 'pods', 'events'].map((resource) => `/api/v1/namespaces/${namespace}/${resource}`),
  `/apis/apps/v1/namespaces/${namespace}/deployments`,
  `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`,
  '/api/v1/nodes',
].map((path) => `${path}?limit=2000`);

const started = performance.now();
let left = paths.length;
let close = () => {};
const read = (stream) => {
  const chunks = [];
  stream.on('data', (chunk) => chunks.push(chunk));
  stream.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    left -= 1;
    if (left > 0) return;
    if (process.env.FLOOR_PHASE === '1') console.log((performance.now() - started).toFixed(1));
    close();
  });
};

if (mode === 'h2') {
  const session = require('node:http2').connect(server, tls);
  close = () => session.close();
  for (const path of paths) read(session.request({ ':path': path, accept: 'application/json' }));
} else {
  const https = require('node:https');
  const agent = mode === 'one' ? new https.Agent({ keepAlive: true, maxSockets: 1, ...tls }) : false;
  if (agent) close = () => agent.destroy();
  for (const path of paths) https.get(`${server}${path}`, { agent, ...tls }, read);
}
