// tp lab test plays `kubectl run`, `kubectl set image` and `kubectl run --rm`
// as the real kubectl 1.36 leaves them on the API server: the field managers
// the provenance check reads (kubectl-run, then kubectl-set on the image only),
// and a pod run with --rm deleted once it is done, bounded when it never is.
import { CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { execa } from 'execa';
import { afterAll, expect, it } from 'vitest';
import { scratchNamespaces } from '../../src/cluster/scratch-namespaces.js';
import type { Manifest } from '../../src/cluster/types.js';
import { makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { kubectlPath } from '../support/installed-tp.js';

const kc = makeKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const scratch = scratchNamespaces(kc, 'kubectl-run', { stepTimeoutMs: 3_000 });
afterAll(async () => {
  await scratch.deleteAll();
});

const pod = (image: string, recipe: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', labels: { run: 'nginx' }, annotations: { 'tp.lab-test/made-with': recipe } },
  spec: { restartPolicy: 'Never', containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
});

/** Who wrote which fields, as the provenance check reads them (the cluster's own writers aside). */
const writers = (read: V1Pod) =>
  (read.metadata?.managedFields ?? [])
    .filter((f) => f.manager?.startsWith('kubectl') === true)
    .map((f) => ({ manager: f.manager, operation: f.operation, subresource: f.subresource ?? '', image: JSON.stringify(f.fieldsV1 ?? {}).includes('"f:image"') }))
    .sort((a, b) => String(a.manager).localeCompare(String(b.manager)));

it('kubectl run then kubectl set image: the same writers as the real kubectl, the image only under kubectl-set', async () => {
  const ours = await scratch.create('ours');
  const theirs = await scratch.create('theirs');
  await scratch.apply(ours, [pod('nginx', 'kubectl run')]);
  await scratch.apply(ours, [pod('nginx:1.24.0', 'kubectl set')]);
  const kubectl = (args: string[]) => execa(kubectlPath(), ['--kubeconfig', testKubeconfigPath(), '-n', theirs, ...args]);
  await kubectl(['run', 'nginx', '--image=nginx', '--restart=Never', '--port=80']);
  await kubectl(['set', 'image', 'pod/nginx', 'nginx=nginx:1.24.0']);

  const read = (namespace: string) => core.readNamespacedPod({ name: 'nginx', namespace });
  const mine = await read(ours);
  expect(writers(mine)).toEqual(writers(await read(theirs)));
  expect(writers(mine).map((w) => w.manager)).toEqual(['kubectl-run', 'kubectl-set']);
  expect(writers(mine).find((w) => w.manager === 'kubectl-set')?.image).toBe(true);
  // Only the image changed: what kubectl run wrote stays (the port, the pull policy it defaulted).
  expect(mine.spec?.containers[0]).toMatchObject({ image: 'nginx:1.24.0', ports: [{ containerPort: 80 }], imagePullPolicy: 'Always' });
  expect(JSON.stringify(mine)).not.toContain('tp.lab-test/made-with');
});

it('kubectl run --rm: the pod is deleted once done, or when the step timeout runs out (simulated nodes never finish it)', async () => {
  const namespace = await scratch.create('rm');
  // On kind, test/kind/ckad-core.test.ts sees the real pod finish, get deleted, and leave its events.
  await scratch.apply(namespace, [{ ...pod('busybox', 'kubectl run --rm'), metadata: { name: 'hello', annotations: { 'tp.lab-test/made-with': 'kubectl run --rm' } } }]);
  const left = await core.readNamespacedPod({ name: 'hello', namespace }).then((p) => p.metadata?.deletionTimestamp !== undefined, () => true);
  expect(left).toBe(true);
});
