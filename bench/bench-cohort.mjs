// The cohort of the `tp grade` benchmarks (grade-cohort.mjs, grade-many-clusters.mjs):
// namespaces tp-bench-<i> of the local cluster (label tp.bench/cohort=grade) holding
// the TP4 reference solution, rolled out; every student's app played on
// 127.0.0.1:<nodePort> (KWOK pods serve nothing); answers files with the facts of
// the kubeconfig each student is graded through.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { AppsV1Api, CoreV1Api, KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

export const LABEL = 'tp.bench/cohort';
const REGISTRY = 'registry.example.org';
export const say = (text) => process.stderr.write(`[bench] ${text}\n`);
export const namespaceOf = (i) => `tp-bench-${String(i).padStart(3, '0')}`;
/**
 * CPU time (user + system) of the children waited for so far, in ms, from /proc (Linux): on a
 * shared machine wall time follows the load, CPU time follows the work.
 */
export const childrenCpuMs = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
};

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const clients = (kubeconfigFile) => {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigFile);
  return { kc, core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api), objectApi: KubernetesObjectApi.makeApiClient(kc) };
};

const solution = parseAllDocuments(readFileSync('labs/tp4/solution/manifests.yaml', 'utf8').replaceAll('${registry}', REGISTRY))
  .map((doc) => doc.toJS())
  .filter(Boolean);

/** Runs `work` over `items`, `size` at a time. */
export const pool = async (items, size, work) => {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
};

/** Namespaces tp-bench-000 … of `students` solved TP4 students, made where missing, rolled out. */
export const ensureCohort = async ({ core, apps, objectApi }, students) => {
  const existing = new Set((await core.listNamespace({ labelSelector: `${LABEL}=grade` })).items.map((ns) => ns.metadata.name));
  const missing = Array.from({ length: students }, (_, i) => namespaceOf(i)).filter((name) => !existing.has(name));
  say(`${students - missing.length} namespaces already there, creating ${missing.length}`);
  await pool(missing, 16, async (namespace) => {
    await core.createNamespace({ body: { metadata: { name: namespace, labels: { [LABEL]: 'grade' } } } });
    for (const object of solution) {
      await objectApi.create({ ...object, metadata: { ...object.metadata, namespace, labels: { ...object.metadata.labels, [LABEL]: 'grade' } } });
    }
  });
  say('waiting for every deployment to have 2 ready replicas');
  for (;;) {
    const { items } = await apps.listDeploymentForAllNamespaces({ labelSelector: `${LABEL}=grade` });
    const ready = items.filter((d) => d.status?.readyReplicas === 2).length;
    if (ready >= students) break;
    await new Promise((wait) => setTimeout(wait, 2000));
  }
  // EndpointSlices follow the pods by a moment.
  await new Promise((wait) => setTimeout(wait, 3000));
};

export const deleteCohort = async ({ core }) => {
  say('deleting the benchmark namespaces (--keep to reuse them)');
  const { items } = await core.listNamespace({ labelSelector: `${LABEL}=grade` });
  await pool(items, 16, (ns) => core.deleteNamespace({ name: ns.metadata.name }));
};

/** The app of every student, played on 127.0.0.1:<nodePort> (KWOK pods serve nothing). */
export const startStandIns = async ({ core }) => {
  const { items } = await core.listServiceForAllNamespaces({ labelSelector: `${LABEL}=grade` });
  const servers = await Promise.all(
    items.map(
      (service) =>
        new Promise((listening) => {
          const server = createServer((request, response) => {
            const body = request.url === '/config' ? 'Hello from ConfigMap' : 'Hello Kubernetes!';
            response.writeHead(200, { 'content-type': 'text/plain' }).end(body);
          });
          server.listen(service.spec.ports[0].nodePort, '127.0.0.1', () => listening(server));
        }),
    ),
  );
  return () => Promise.all(servers.map((server) => new Promise((closed) => server.close(closed))));
};

const SOLUTION_ANSWERS = readFileSync('labs/tp4/solution/answers_tp4', 'utf8');

/** The reference solution's answers, with these kubeconfig facts filled in, written to `file`. */
export const writeAnswers = (file, facts) =>
  writeFileSync(file, SOLUTION_ANSWERS.replace(/\$\{fact:(\w+)\}/g, (_, fact) => String(facts[fact])));
