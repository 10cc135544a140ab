// `tp lab lint` refuses, at file:line:col, the manifests `tp lab test` would refuse to
// write: a lab folder from a third party, with a hostile reference solution.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runTp } from '../support/run-cli.js';
import { solutionProblems } from '../../src/lab/solution-lint.js';

const root = mkdtempSync(join(tmpdir(), 'tp-lint-solution-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TP4 = readFileSync(resolve('labs/tp4/lab.yaml'), 'utf8');
const TP4_SOLUTION = readFileSync(resolve('labs/tp4/solution/manifests.yaml'), 'utf8');

/** A copy of TP4 in its own folder, with `solution` files and text added at the end of `mutations:`. */
const labFolder = (name: string, solution: Record<string, string>, mutations = ''): string => {
  const dir = join(root, name);
  mkdirSync(join(dir, 'solution'), { recursive: true });
  writeFileSync(join(dir, 'lab.yaml'), `${TP4.trimEnd()}\n${mutations}`);
  for (const [file, text] of Object.entries(solution)) writeFileSync(join(dir, 'solution', file), text);
  return dir;
};

/** `line:col` of the first character of `needle` (after `skip` earlier matches) in `text`. */
const at = (text: string, needle: string, skip = 0): string => {
  let index = -1;
  for (let i = 0; i <= skip; i++) index = text.indexOf(needle, index + 1);
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${(before.at(-1) ?? '').length + 1}`;
};

const HOSTILE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: fine
---
apiVersion: v1
kind: Namespace
metadata:
  name: kube-system-2
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: everyone-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: v1
kind: Secret
metadata:
  name: stolen
  namespace: kube-system
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.org}
---
apiVersion: example.org/v1
kind: Widget
metadata: {name: w}
---
apiVersion: apps/v1
kind: Gadget
metadata: {name: g}
`;

describe('tp lab lint on a lab whose solution tp lab test would refuse', () => {
  it('names each refused manifest at its file:line:col, exit 1, the writable ones unmentioned', async () => {
    const dir = labFolder('hostile', { 'manifests.yaml': TP4_SOLUTION, '02-more.yaml': HOSTILE });
    const file = join(dir, 'solution', '02-more.yaml');
    const run = await runTp(['lab', 'lint', dir]);
    expect(run.exitCode).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${file}:${at(HOSTILE, 'Namespace')} Namespace kube-system-2: Namespace is cluster-scoped;`)),
      expect.stringMatching(new RegExp(`^${file}:${at(HOSTILE, 'ClusterRoleBinding')} ClusterRoleBinding everyone-admin: ClusterRoleBinding is cluster-scoped;`)),
      expect.stringMatching(new RegExp(`^${file}:${at(HOSTILE, 'namespace: kube-system')} Secret stolen names the namespace "kube-system"`)),
      expect.stringMatching(new RegExp(`^${file}:${at(HOSTILE, 'CustomResourceDefinition')} CustomResourceDefinition widgets.example.org: CustomResourceDefinition is cluster-scoped;`)),
      // A custom resource: only the cluster can say whether it serves it, namespaced (tp lab test asks it).
      expect.stringMatching(new RegExp(`^${file}:${at(HOSTILE, 'Widget')} warning: Widget w: Widget \\(example.org/v1\\) is not a kind of Kubernetes itself: tp lab test writes it only if the cluster serves it as a namespaced kind`)),
      // A group of Kubernetes itself: tp knows there is no such kind there.
      expect.stringMatching(new RegExp(`^${file}:${at(HOSTILE, 'Gadget')} Gadget g: Gadget \\(apps/v1\\) is not a kind of Kubernetes 1.33–1.36;`)),
    ]);
    expect(run.stderr).toContain('5 error(s)');
  });

  it('refuses a pod that would be root on a node (privileged, hostPID, hostNetwork, a hostPath of /), each at its field', async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: rooted
spec:
  hostPID: true
  hostNetwork: true
  containers:
    - name: shell
      image: alpine
      securityContext:
        privileged: true
      volumeMounts: [{name: host, mountPath: /host}]
  volumes:
    - name: host
      hostPath: {path: /}
`;
    const dir = labFolder('rooted', { 'manifests.yaml': TP4_SOLUTION, '02-rooted.yaml': pod });
    const file = join(dir, 'solution', '02-rooted.yaml');
    const run = await runTp(['lab', 'lint', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout.trim().split('\n')).toEqual([
      `${file}:${at(pod, 'hostNetwork')} Pod rooted: hostNetwork shares the node's Network namespace with the pod; tp lab test runs no pod the Pod Security baseline profile refuses`,
      `${file}:${at(pod, 'hostPID')} Pod rooted: hostPID shares the node's PID namespace with the pod; tp lab test runs no pod the Pod Security baseline profile refuses`,
      `${file}:${at(pod, 'hostPath')} Pod rooted: the volume host mounts a path of the node (hostPath: /); tp lab test runs no pod the Pod Security baseline profile refuses`,
      `${file}:${at(pod, 'privileged')} Pod rooted: container shell: a privileged container is root on the node; tp lab test runs no pod the Pod Security baseline profile refuses`,
    ]);
  });

  it('refuses the same in the pod templates of every workload, and in what a mutation applies or patches', async () => {
    const workloads = ['apps/v1 Deployment', 'apps/v1 ReplicaSet', 'apps/v1 StatefulSet', 'apps/v1 DaemonSet', 'batch/v1 Job'].map((both) => {
      const [apiVersion, kind] = both.split(' ');
      return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: x, ports: [{containerPort: 80, hostPort: 80}], securityContext: {capabilities: {add: [NET_BIND_SERVICE, SYS_ADMIN]}}}]\n`;
    });
    const cronJob = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: w}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          hostIPC: true\n          containers: [{name: c, image: x}]\n';
    const mutations = `  - id: rooted-apply
    fails: [cm1-labels]
    apply:
      - {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: x, securityContext: {privileged: true}}]}}
  - id: rooted-patch
    fails: [cm1-labels]
    patch: [{target: Deployment/kubernetes-app, merge: {spec: {template: {spec: {hostNetwork: true}}}}}]
`;
    const dir = labFolder('rooted-workloads', { 'manifests.yaml': TP4_SOLUTION, '02-workloads.yaml': [...workloads, cronJob].join('---\n') }, mutations);
    const run = await runTp(['lab', 'lint', dir]);
    expect(run.exitCode).toBe(1);
    const lines = run.stdout.trim().split('\n');
    for (const kind of ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']) {
      expect(lines.filter((line) => line.includes(`${kind} w: container c: hostPort 80 opens a port of the node`)), kind).toHaveLength(1);
      expect(lines.filter((line) => line.includes(`${kind} w: container c: adds the capability SYS_ADMIN, beyond what the baseline profile allows`)), kind).toHaveLength(1);
    }
    expect(lines.some((line) => line.includes('NET_BIND_SERVICE'))).toBe(false);
    expect(lines.filter((line) => line.includes('CronJob w: hostIPC shares the node\'s IPC namespace'))).toHaveLength(1);
    const labText = readFileSync(join(dir, 'lab.yaml'), 'utf8');
    expect(run.stdout).toContain(`${join(dir, 'lab.yaml')}:${at(labText, 'privileged')} Pod p: container c: a privileged container is root on the node`);
    expect(run.stdout).toContain(`${join(dir, 'lab.yaml')}:${at(labText, 'hostNetwork')} Deployment kubernetes-app: hostNetwork shares the node's Network namespace`);
  });

  it('refuses a mutation that applies a cluster-scoped object or patches in a namespace, in the lab file', async () => {
    const mutations = `  - id: escape
    fails: [cm1-labels]
    apply:
      - {apiVersion: v1, kind: PersistentVolume, metadata: {name: pv}}
  - id: elsewhere
    fails: [cm1-labels]
    patch: [{target: ConfigMap/cm1, merge: {metadata: {namespace: default}}}]
`;
    const dir = labFolder('hostile-mutations', { 'manifests.yaml': TP4_SOLUTION }, mutations);
    const text = readFileSync(join(dir, 'lab.yaml'), 'utf8');
    const run = await runTp(['lab', 'lint', join(dir, 'lab.yaml')]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`${join(dir, 'lab.yaml')}:${at(text, 'PersistentVolume')} PersistentVolume pv: PersistentVolume is cluster-scoped`);
    expect(run.stdout).toContain(`${join(dir, 'lab.yaml')}:${at(text, 'namespace: default')} the patch of ConfigMap/cm1 sets metadata.namespace`);
  });

  it('refuses a solution file that is a symlink (it may point anywhere, /dev/zero too), and broken YAML at its place', async () => {
    const dir = labFolder('links', { 'manifests.yaml': TP4_SOLUTION, '03-broken.yaml': 'apiVersion: v1\nkind: ConfigMap\n---\nkind: [\n' });
    symlinkSync('/etc/passwd', join(dir, 'solution', '02-link.yaml'));
    symlinkSync('/dev/zero', join(dir, 'solution', 'answers_tp4'));
    const run = await runTp(['lab', 'lint', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`${join(dir, 'solution', '02-link.yaml')}:1:1 a solution file must be a regular file`);
    expect(run.stdout).toContain(`${join(dir, 'solution', 'answers_tp4')}:1:1 a solution file must be a regular file`);
    expect(run.stdout).toMatch(new RegExp(`${join(dir, 'solution', '03-broken.yaml')}:[45]:\\d+ `));
    expect(run.stdout).not.toContain('root:');
  });

  it('a solution of namespaced objects without a namespace is clean, as the shipped labs are', async () => {
    const dir = labFolder('clean', { 'manifests.yaml': TP4_SOLUTION });
    const run = await runTp(['lab', 'lint', dir]);
    expect(run.stdout).toBe('');
    expect(run.exitCode).toBe(0);
    expect((await runTp(['lab', 'lint', resolve('labs')])).exitCode).toBe(0);
  });
});

// Whatever a third party writes in a solution file, lint gives problems at positions in the file, never an exception.
describe('solution lint on hostile text', () => {
  const fragments = fc.constantFrom(
    'apiVersion: v1\n', 'apiVersion: rbac.authorization.k8s.io/v1\n', 'kind: ', 'Namespace', 'ConfigMap', 'ClusterRole', 'Secret',
    'metadata:', ' {name: x}', '\n  namespace: ', 'kube-system', '---\n', '...\n', '- ', '  ', '\n', ': ', '{', '}', '[', ']',
    '&a ', '*a', '!!binary ', '"', "'", '#', '? ', '<<: ', '__proto__: ', '~', 'null', '\uFEFF', '\u0000', '%YAML 1.2\n',
    'kind: Pod\n', 'kind: Deployment\n', 'spec:', 'template:', 'containers:', 'securityContext:', 'privileged: true', 'hostPID: true', 'hostPath: {path: /}',
    'volumes:', 'capabilities: {add: [SYS_ADMIN]}', 'ports: [{hostPort: 80}]', 'sysctls: [{name: kernel.x}]', '0', '[]',
  );
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fragments, { maxLength: 30 }).map((parts) => parts.join('')));

  it('reports, never throws (300 runs)', async () => {
    const dir = join(root, 'fuzz');
    mkdirSync(join(dir, 'solution'), { recursive: true });
    const file = join(dir, 'solution', 'manifests.yaml');
    await fc.assert(
      fc.asyncProperty(text, async (written) => {
        writeFileSync(file, written);
        const lineCount = written.replace(/^\uFEFF/, '').split('\n').length;
        for (const problem of await solutionProblems(join(dir, 'lab.yaml'))) {
          expect(problem.file).toBe(file);
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(lineCount);
          expect(problem.col).toBeGreaterThanOrEqual(1);
          expect(problem.message).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
