// The kind tier starts short-lived pods as a student's cluster does, many at a
// time: each one runs once, ends Succeeded, and its log holds what it printed.
// Two CI runs failed at random on exactly that (a pod that never started:
// "unable to freeze"; a Succeeded pod whose log stayed empty). On a cgroup v1
// machine the nodes' kubelet and containerd manage cgroups themselves
// (cgroupfs), so runc never freezes a new container (tp-node-entrypoint).
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestNamespace, deleteNamespace, waitFor } from '../support/cluster.js';
import { kindNodes, kubectl } from './support/kind.js';
import { describeNamespace, runcRetries } from './support/unsettled-diagnosis.js';

// As many as a busy lab proof starts at once (3 scenarios of a dozen pods).
const PODS = 36;
let namespace = '';

beforeAll(async () => {
  namespace = await createTestNamespace('kind-short-lived');
});

afterAll(async () => {
  if (namespace) await deleteNamespace(namespace);
});

it('uses the cgroupfs driver on a cgroup v1 machine, systemd on cgroup v2, the same in kubelet and containerd', async () => {
  const cgroupV1 = (await execa('docker', ['info', '-f', '{{.CgroupVersion}}'])).stdout.trim() === '1';
  const { controlPlane, workers } = await kindNodes();
  for (const node of [controlPlane, ...workers]) {
    const configz = JSON.parse(await kubectl('default', ['get', '--raw', `/api/v1/nodes/${node}/proxy/configz`])) as { kubeletconfig: { cgroupDriver: string } };
    expect(configz.kubeletconfig.cgroupDriver, node).toBe(cgroupV1 ? 'cgroupfs' : 'systemd');
    const containerd = (await execa('docker', ['exec', node, 'grep', 'SystemdCgroup', '/etc/containerd/config.toml'])).stdout.trim();
    expect(containerd, node).toBe(`SystemdCgroup = ${!cgroupV1}`);
  }
});

it(`runs ${PODS} pods of one command at once: every one Succeeded, every log holds its line`, async () => {
  const manifests = Array.from({ length: PODS }, (_, i) => `apiVersion: v1
kind: Pod
metadata: { name: once-${i} }
spec:
  restartPolicy: Never
  containers: [{ name: main, image: busybox, command: [sh, -c, "echo hello from ${i}"] }]
`).join('---\n');
  await kubectl(namespace, ['apply', '-f', '-'], manifests);
  const phases = async () => (await kubectl(namespace, ['get', 'pods', '-o', 'jsonpath={.items[*].status.phase}'])).split(' ').filter(Boolean);
  await waitFor(async () => (await phases()).filter((p) => p === 'Succeeded' || p === 'Failed').length === PODS, 240_000, 'every pod to end');
  const failed = (await phases()).filter((p) => p !== 'Succeeded').length;
  const logs = await Promise.all(Array.from({ length: PODS }, async (_, i) => (await kubectl(namespace, ['logs', `once-${i}`])).trim()));
  const wrong = logs.map((log, i) => ({ i, log })).filter(({ i, log }) => log !== `hello from ${i}`);
  // The whole picture in the failure message: which pods, their files on the nodes, runc's retries.
  const diagnosis = failed > 0 || wrong.length > 0 ? `${await describeNamespace(namespace)}\nrunc retries:\n${await runcRetries()}` : '';
  expect({ failed, wrong }, diagnosis).toEqual({ failed: 0, wrong: [] });
}, 300_000);
