// tp lab test with a fixed nodePort already held in the cluster: a clear error at once,
// naming the port and the Service that holds it when tp can list Services everywhere,
// else saying the port is taken and how to find it — not a wait ended by the API's error.
import { randomBytes, randomInt } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { serviceAccountUser, writeServiceAccountKubeconfig } from '../support/service-account.js';

const kc = makeKubeConfig();
const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
const work = mkdtempSync(join(tmpdir(), 'tp-node-port-'));
// The services lab fixes nodePort 31000; this copy asks for a port of its own, so it never
// meets another test's run of the real lab.
const port = 31_100 + randomInt(0, 600);
const labDir = join(work, 'services');
const suffix = randomBytes(4).toString('hex');
const roleName = `tp-lab-tester-no-service-list-${suffix}`;
let holderNamespace = '';
let accountNamespace = '';

beforeAll(async () => {
  cpSync('labs/services', labDir, { recursive: true });
  for (const file of ['lab.yaml', ...readdirSync(join(labDir, 'solution')).map((f) => join('solution', f))]) {
    const path = join(labDir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('31000', String(port)));
  }
  holderNamespace = await createTestNamespace('node-port-holder');
  await applyManifests(holderNamespace, [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'students-own-vote' }, spec: { type: 'NodePort', selector: { app: 'vote' }, ports: [{ port: 80, nodePort: port }] } } as never,
  ]);
  // A lab tester who may do everything tp lab test does, but not list Services (anywhere).
  accountNamespace = await createTestNamespace('node-port-account');
  await rbac.createClusterRole({
    body: {
      metadata: { name: roleName },
      rules: [
        { apiGroups: [''], resources: ['namespaces'], verbs: ['create', 'delete', 'get', 'list'] },
        { apiGroups: [''], resources: ['serviceaccounts', 'pods', 'configmaps', 'secrets', 'endpoints'], verbs: ['create', 'get', 'list', 'watch', 'patch', 'delete'] },
        { apiGroups: [''], resources: ['services'], verbs: ['create', 'get', 'patch', 'delete'] },
        { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['create', 'get', 'list', 'watch', 'patch', 'delete'] },
      ],
    },
  });
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name: roleName },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
      subjects: [{ kind: 'User', name: serviceAccountUser(accountNamespace, 'lab-tester'), apiGroup: 'rbac.authorization.k8s.io' }],
    },
  });
  await writeServiceAccountKubeconfig(kc, accountNamespace, 'lab-tester', join(work, 'lab-tester.kubeconfig'));
});

afterAll(async () => {
  await Promise.allSettled([
    deleteNamespace(holderNamespace),
    deleteNamespace(accountNamespace),
    rbac.deleteClusterRoleBinding({ name: roleName }),
    rbac.deleteClusterRole({ name: roleName }),
  ]);
});

const labTest = (kubeconfig: string) => runTp(['lab', 'test', join(labDir, 'lab.yaml'), '--kubeconfig', kubeconfig, '--settle', '60', '--timeout', '2']);

describe('tp lab test when the nodePort of the lab is taken', () => {
  it('stops at once, naming the port and the Service that holds it, exit 2', async () => {
    const started = Date.now();
    const run = await labTest(testKubeconfigPath());
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`tp: the lab's Service vote-service asks for nodePort ${port}, but nodePort ${port} is held by Service ${holderNamespace}/students-own-vote`);
    expect(run.stderr).toContain(`kubectl delete service students-own-vote -n ${holderNamespace}`);
    expect(run.stderr).not.toContain('internal error');
    // Before: each scenario waited up to the settle bound (60 s here), then showed the API server's 422.
    expect(Date.now() - started).toBeLessThan(45_000);
  }, 120_000);

  it('says the port is taken and how to find its holder when tp may not list Services', async () => {
    const run = await labTest(join(work, 'lab-tester.kubeconfig'));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`nodePort ${port} is already allocated in a namespace tp may not read`);
    expect(run.stderr).toContain(`kubectl get services -A -o wide | grep ${port}`);
    expect(run.stderr).not.toContain(holderNamespace);
    expect(run.stderr).not.toContain('internal error');
  }, 120_000);
});
