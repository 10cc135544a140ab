// tp lab test writes a third party's manifests: only namespaced kinds of
// Kubernetes, only into namespaces it made, and never over an object it did not
// create. On the real cluster, each refusal comes before anything is written.
// And what it writes for the course's commands is what the real kubectl leaves.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { execa } from 'execa';
import { afterAll, expect, it } from 'vitest';
import { LAB_TEST_LABEL, POD_SECURITY_ENFORCE, scratchNamespaces } from '../../src/cluster/scratch-namespaces.js';
import { makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { kubectlPath } from '../support/installed-tp.js';
import { runTp } from '../support/run-cli.js';

const kc = makeKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const scratch = scratchNamespaces(kc, 'writes', { stepTimeoutMs: 10_000 });
afterAll(async () => {
  await scratch.deleteAll();
});

const exists = (read: Promise<unknown>): Promise<boolean> => read.then(() => true, () => false);

it('refuses cluster-scoped kinds and other namespaces, and patches nothing it did not create', async () => {
  const namespace = await scratch.create('refusals');
  const intruder = `${namespace}-escaped`;
  const configMap = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data: { planted: 'yes' } });

  // A Namespace beside a harmless ConfigMap: neither is written.
  await expect(scratch.apply(namespace, [configMap('first'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: intruder } }]))
    .rejects.toThrow(/Namespace .*writes only namespaced kinds/);
  expect(await exists(core.readNamespace({ name: intruder }))).toBe(false);
  expect(await exists(core.readNamespacedConfigMap({ name: 'first', namespace }))).toBe(false);

  await expect(scratch.apply(namespace, [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: intruder } }]))
    .rejects.toThrow(/ClusterRoleBinding .*writes only namespaced kinds/);
  await expect(scratch.apply(namespace, [configMap('elsewhere', { namespace: 'kube-system' })])).rejects.toThrow(/names the namespace "kube-system"/);
  await expect(scratch.apply('kube-system', [configMap('planted')])).rejects.toThrow(/not a namespace this lab test made/);
  expect(await exists(core.readNamespacedConfigMap({ name: 'planted', namespace: 'kube-system' }))).toBe(false);

  // Every namespace holds kube-root-ca.crt, made by the cluster: a 409 on it is an error, not a patch.
  await expect(scratch.apply(namespace, [configMap('kube-root-ca.crt')])).rejects.toThrow(/did not create it/);
  expect((await core.readNamespacedConfigMap({ name: 'kube-root-ca.crt', namespace })).data?.planted).toBeUndefined();

  // What this run created it may still update (a later solution step).
  await scratch.apply(namespace, [configMap('mine')]);
  await scratch.apply(namespace, [{ ...configMap('mine'), data: { planted: 'again' } }]);
  expect((await core.readNamespacedConfigMap({ name: 'mine', namespace })).data?.planted).toBe('again');
});

it('tp lab test refuses a third party\'s lab whose later step is cluster-scoped at file:line:col, before making any namespace', async () => {
  const id = `hostile-${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'tp-hostile-lab-'));
  cpSync('labs/tp4', dir, { recursive: true });
  writeFileSync(join(dir, 'lab.yaml'), readFileSync(join(dir, 'lab.yaml'), 'utf8').replace(/^id: tp4$/m, `id: ${id}`));
  // The solution's first step is harmless; its second would make every user of the cluster an admin.
  const second = join(dir, 'solution', 'zz-later.yaml');
  writeFileSync(second, `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ${id}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]\n`);
  const run = await runTp(['lab', 'test', join(dir, 'lab.yaml'), '--kubeconfig', testKubeconfigPath()]);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain(`${second}:2:7 ClusterRoleBinding ${id}: ClusterRoleBinding is cluster-scoped`);
  expect(run.stderr).not.toContain('internal error');
  // Nothing was made: no scratch namespace of this lab (not even one being deleted), no binding.
  expect((await core.listNamespace({ labelSelector: `${LAB_TEST_LABEL}=${id}` })).items).toEqual([]);
  const binding = kc.makeApiClient(RbacAuthorizationV1Api).readClusterRoleBinding({ name: id });
  expect(await exists(binding)).toBe(false);
});

it('scratch namespaces enforce the Pod Security baseline profile: a privileged pod is refused by the API server, the course\'s root pods are not', async () => {
  const namespace = await scratch.create('pod-security');
  expect((await core.readNamespace({ name: namespace })).metadata?.labels?.[POD_SECURITY_ENFORCE]).toBe('baseline');
  const pod = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'alpine', ...spec }] } });
  // Refused by tp before anything is sent…
  await expect(scratch.apply(namespace, [pod('rooted', { securityContext: { privileged: true } })])).rejects.toThrow(/Pod rooted: container c: a privileged container is root on the node/);
  // …and by the API server itself, were it sent (admission, not tp's lint).
  const sent = core.createNamespacedPod({ namespace, body: { metadata: { name: 'sent' }, spec: { hostPID: true, containers: [{ name: 'c', image: 'alpine', securityContext: { privileged: true } }], volumes: [{ name: 'host', hostPath: { path: '/' } }] } } });
  const refusal = (await sent.then(() => undefined, (error: unknown) => error)) as { code?: number; body?: unknown } | undefined;
  expect(refusal?.code).toBe(403);
  expect((JSON.parse(String(refusal?.body)) as { message: string }).message).toMatch(/violates PodSecurity "baseline:latest": host namespaces \(hostPID=true\), hostPath volumes \(volume "host"\), privileged \(container "c" must not set securityContext.privileged=true\)/);
  expect(await exists(core.readNamespacedPod({ name: 'sent', namespace }))).toBe(false);
  // A container that runs as root, as the course's images do, is admitted.
  await scratch.apply(namespace, [pod('as-root', { securityContext: { runAsUser: 0 } })]);
  expect(await exists(core.readNamespacedPod({ name: 'as-root', namespace }))).toBe(true);
});

it('tp lab test refuses a third party\'s lab whose solution runs a privileged pod, at file:line:col, before making any namespace', async () => {
  const id = `rooted-${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'tp-rooted-lab-'));
  cpSync('labs/tp4', dir, { recursive: true });
  writeFileSync(join(dir, 'lab.yaml'), readFileSync(join(dir, 'lab.yaml'), 'utf8').replace(/^id: tp4$/m, `id: ${id}`));
  const later = join(dir, 'solution', 'zz-later.yaml');
  writeFileSync(later, 'apiVersion: v1\nkind: Pod\nmetadata: {name: rooted}\nspec:\n  hostPID: true\n  containers: [{name: c, image: alpine}]\n');
  const run = await runTp(['lab', 'test', join(dir, 'lab.yaml'), '--kubeconfig', testKubeconfigPath()]);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain(`${later}:5:3 Pod rooted: hostPID shares the node's PID namespace with the pod`);
  expect((await core.listNamespace({ labelSelector: `${LAB_TEST_LABEL}=${id}` })).items).toEqual([]);
});

it('writes the course\'s commands as the real kubectl 1.36 leaves them: kubectl create cm + kubectl label, kubectl apply + kubectl scale', async () => {
  const ours = await scratch.create('course-way');
  const theirs = await scratch.create('real-kubectl');
  const annotations = (recipe: string) => ({ annotations: { 'tp.lab-test/made-with': recipe } });
  await scratch.apply(ours, [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', labels: { version: '1.0', country: 'fr' }, ...annotations('kubectl create, kubectl label') } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' }, ...annotations('kubectl apply, kubectl scale') },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
    },
  ]);
  const kubectl = (args: string[], input?: string) => execa(kubectlPath(), ['--kubeconfig', testKubeconfigPath(), '-n', theirs, ...args], { input });
  await kubectl(['create', 'cm', 'cm1']);
  await kubectl(['label', 'cm/cm1', 'version=1.0', 'country=fr']);
  await kubectl(['apply', '-f', '-'], 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, labels: { app: web } }\nspec:\n  replicas: 1\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [ { name: web, image: "nginx:1.25" } ] }\n');
  await kubectl(['scale', 'deploy/web', '--replicas=2']);

  // Who wrote what, as the provenance check reads it (controllers aside).
  const writers = (fields: Array<{ manager?: string; operation?: string; subresource?: string; time?: Date }> = []) =>
    fields.filter((f) => f.manager !== 'kube-controller-manager').map((f) => ({ manager: f.manager, operation: f.operation, subresource: f.subresource, timed: f.time !== undefined })).sort((a, b) => String(a.manager).localeCompare(String(b.manager)));
  const cm = async (namespace: string) => (await core.readNamespacedConfigMap({ name: 'cm1', namespace })).metadata;
  const deployment = async (namespace: string) => (await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'web', namespace })).metadata;
  expect(writers((await cm(ours))?.managedFields)).toEqual(writers((await cm(theirs))?.managedFields));
  expect(writers((await cm(ours))?.managedFields)).toEqual([]);
  expect((await cm(ours))?.labels).toEqual({ version: '1.0', country: 'fr' });
  expect(writers((await deployment(ours))?.managedFields)).toEqual(writers((await deployment(theirs))?.managedFields));
  expect(writers((await deployment(ours))?.managedFields)).toContainEqual({ manager: 'kubectl', operation: 'Update', subresource: 'scale', timed: false });
  // tp lab test's own annotation never reaches the cluster.
  expect(JSON.stringify(await deployment(ours))).not.toContain('tp.lab-test/made-with');
});

it('writes kubectl run --expose and kubectl expose as the real kubectl 1.36 leaves them', async () => {
  const ours = await scratch.create('run-expose');
  const theirs = await scratch.create('real-run-expose');
  const made = (recipe: string) => ({ annotations: { 'tp.lab-test/made-with': recipe } });
  await scratch.apply(ours, [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { run: 'nginx' }, ...made('kubectl run') }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', ...made('kubectl run') }, spec: { selector: { run: 'nginx' }, ports: [{ port: 80, targetPort: 80 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', ...made('kubectl expose') }, spec: { selector: { app: 'web' }, ports: [{ port: 6262, targetPort: 8080 }] } },
  ]);
  const kubectl = (args: string[]) => execa(kubectlPath(), ['--kubeconfig', testKubeconfigPath(), '-n', theirs, ...args]);
  await kubectl(['run', 'nginx', '--image=nginx', '--port=80', '--expose']);
  await kubectl(['create', 'deployment', 'web', '--image=nginx']);
  await kubectl(['expose', 'deployment', 'web', '--port=6262', '--target-port=8080']);
  // The student's writes, not the cluster's (the status a node writes, the controllers').
  const managers = (fields: Array<{ manager?: string; operation?: string; subresource?: string }> = []) =>
    fields.filter((f) => f.subresource !== 'status' && f.manager !== 'kube-controller-manager').map((f) => `${String(f.manager)} ${String(f.operation)}`);
  const pod = async (namespace: string) => (await core.readNamespacedPod({ name: 'nginx', namespace })).metadata?.managedFields;
  const service = async (name: string, namespace: string) => (await core.readNamespacedService({ name, namespace })).metadata?.managedFields;
  expect(managers(await pod(ours))).toEqual(managers(await pod(theirs)));
  expect(managers(await pod(ours))).toEqual(['kubectl-run Update']);
  expect(managers(await service('nginx', ours))).toEqual(managers(await service('nginx', theirs)));
  expect(managers(await service('nginx', ours))).toEqual(['kubectl-run Update']);
  expect(managers(await service('web', ours))).toEqual(managers(await service('web', theirs)));
  expect(managers(await service('web', ours))).toEqual(['kubectl-expose Update']);
});

it('writes every field of the manifest, those client-node\'s models spell otherwise too (a NetworkPolicy\'s from, a LimitRange\'s default)', async () => {
  const namespace = await scratch.create('fields');
  const ingress = [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ protocol: 'TCP', port: 'http' }] }];
  const limits = [{ type: 'Container', default: { cpu: '200m' }, defaultRequest: { cpu: '100m' } }];
  await scratch.apply(namespace, [
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress } },
    { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits' }, spec: { limits } },
  ]);
  const read = async (path: string) => JSON.parse((await execa(kubectlPath(), ['--kubeconfig', testKubeconfigPath(), '-n', namespace, 'get', path, '-o', 'json'])).stdout) as { spec: Record<string, unknown> };
  expect((await read('networkpolicy/web')).spec.ingress).toEqual(ingress);
  expect((await read('limitrange/limits')).spec.limits).toEqual(limits);
});

it('writes the CKAD history as the real kubectl 1.36 leaves it: run + label, create, set image, rollout undo, rollout pause, autoscale', async () => {
  const ours = await scratch.create('ckad-way');
  const theirs = await scratch.create('ckad-kubectl');
  const by = (recipe: string) => ({ 'tp.lab-test/made-with': recipe });
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx1', labels: { run: 'nginx1', app: 'v1' }, annotations: by('kubectl run, kubectl label') }, spec: { containers: [{ name: 'nginx1', image: 'nginx' }] } };
  const deployment = (image: string, recipe: string, paused?: boolean) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', labels: { app: 'nginx' }, annotations: by(recipe) },
    spec: { replicas: 1, ...(paused !== undefined && { paused }), selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image }] } } },
  });
  const hpa = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'nginx', annotations: by('kubectl autoscale') },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' }, minReplicas: 5, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
  };
  await scratch.apply(ours, [pod, deployment('nginx:1.18.0', 'kubectl create')]);
  await scratch.apply(ours, [deployment('nginx:1.19.8', 'kubectl set image')]);
  await scratch.apply(ours, [deployment('nginx:1.18.0', 'kubectl rollout undo'), hpa]);
  await scratch.apply(ours, [deployment('nginx:1.18.0', 'kubectl rollout pause', true)]);
  const kubectl = (args: string[]) => execa(kubectlPath(), ['--kubeconfig', testKubeconfigPath(), '-n', theirs, ...args]);
  await kubectl(['run', 'nginx1', '--image=nginx', '--labels=app=v1']);
  await kubectl(['label', 'pod/nginx1', 'app=v1', 'run=nginx1', '--overwrite']);
  // As a student does (and as tp lab test waits between steps): rollout undo needs the revisions'
  // ReplicaSets, which the controller makes after the command returns (seen taking 25 s on a loaded machine).
  await kubectl(['create', 'deployment', 'nginx', '--image=nginx:1.18.0']);
  await kubectl(['rollout', 'status', 'deploy/nginx', '--timeout=240s']);
  await kubectl(['set', 'image', 'deploy/nginx', 'nginx=nginx:1.19.8']);
  await kubectl(['rollout', 'status', 'deploy/nginx', '--timeout=240s']);
  await kubectl(['rollout', 'undo', 'deploy/nginx']);
  await kubectl(['autoscale', 'deploy', 'nginx', '--min=5', '--max=10', '--cpu-percent=80']);
  await kubectl(['rollout', 'pause', 'deploy/nginx']);

  const managers = async (namespace: string, kind: string) => {
    const object = JSON.parse((await execa(kubectlPath(), ['--kubeconfig', testKubeconfigPath(), '-n', namespace, 'get', kind, '-o', 'json', '--show-managed-fields'])).stdout) as { metadata: { managedFields?: Array<{ manager: string; operation: string; subresource?: string }> } };
    return (object.metadata.managedFields ?? []).filter((f) => !/^(kube-controller-manager|kwok-controller)$/.test(f.manager)).map((f) => `${f.manager} ${f.operation}${f.subresource ? ` ${f.subresource}` : ''}`).sort();
  };
  // kubectl run writes the labels it sets itself (run=…, --labels) as kubectl-run; tp lab test
  // writes them all with kubectl label: the managers are the same, not the fields each owns.
  for (const kind of ['pod/nginx1', 'deploy/nginx', 'hpa/nginx']) expect(await managers(ours, kind), kind).toEqual(await managers(theirs, kind));
  expect(await managers(ours, 'deploy/nginx')).toEqual(['kubectl Update', 'kubectl-create Update', 'kubectl-rollout Update']);
  expect(await managers(ours, 'hpa/nginx')).toEqual(['kubectl-autoscale Update']);
}, 600_000);
