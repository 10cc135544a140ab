// NetworkPolicies are enforced on the kind tier (kind:up deploys tp-netpol,
// scripts/kind/netpol/): real connections from busybox pods to an nginx pod are
// open, then closed by a deny-all ingress policy, then open again for the pods
// an allow policy names — on the nginx pod's node and across nodes — as on the
// clusters the CKAD exercise warns about ("network policies may not be enforced").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, deleteNamespace, waitFor } from '../support/cluster.js';
import { kubectl } from './support/kind.js';

let namespace = '';
let webIP = '';

/** A pod pinned to a node, so that same-node and cross-node traffic are both tried. */
const pod = (name: string, node: string | undefined, image: string, labels: Record<string, string>, command?: string[]) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: {
    nodeName: node,
    terminationGracePeriodSeconds: 1,
    containers: [{ name, image, ...(command ? { command } : {}) }],
  },
});

const denyAllIngress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny-all' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};
const allowGranted = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'access-web' },
  spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { access: 'granted' } } }] }] },
};

const apply = (object: object) => kubectl(namespace, ['apply', '-f', '-'], JSON.stringify(object));

/** Whether `client` gets nginx's page, with busybox wget and a 2 s timeout as the exercise does. */
const opens = async (client: string): Promise<boolean> => {
  const output = await kubectl(namespace, ['exec', client, '--', 'sh', '-c', `wget -q -T 2 -O- http://${webIP}/ 2>&1; echo "exit=$?"`]);
  return output.includes('Welcome to nginx!') && output.endsWith('exit=0');
};

/** Every client's reach, once the enforcer has seen the last change (it watches the API: not instant). */
const reachSettlesTo = async (expected: Record<string, boolean>): Promise<Record<string, boolean>> => {
  let seen: Record<string, boolean> = {};
  await waitFor(async () => {
    seen = Object.fromEntries(await Promise.all(Object.keys(expected).map(async (client) => [client, await opens(client)] as const)));
    return Object.entries(expected).every(([client, open]) => seen[client] === open);
  }, 60_000, `reach ${JSON.stringify(expected)}`, 1000).catch(() => undefined);
  return seen;
};

beforeAll(async () => {
  namespace = await createTestNamespace('kind-netpol');
  const [one, two] = (await kubectl(namespace, ['get', 'nodes', '-l', '!node-role.kubernetes.io/control-plane', '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ');
  expect(two, 'two worker nodes').toBeDefined();
  await apply(pod('web', one, 'nginx', { app: 'web' }));
  await apply(pod('near', one, 'busybox', {}, ['sleep', '3600']));
  await apply(pod('far', two, 'busybox', {}, ['sleep', '3600']));
  await apply(pod('granted', two, 'busybox', { access: 'granted' }, ['sleep', '3600']));
  await kubectl(namespace, ['wait', '--for=condition=Ready', 'pod/web', 'pod/near', 'pod/far', 'pod/granted', '--timeout=180s']);
  webIP = await kubectl(namespace, ['get', 'pod', 'web', '-o', 'jsonpath={.status.podIP}']);
}, 240_000);

afterAll(async () => {
  await deleteNamespace(namespace);
});

describe('NetworkPolicy on kind, with real connections', () => {
  it('without a policy, every pod reaches nginx', async () => {
    expect(await reachSettlesTo({ near: true, far: true, granted: true })).toEqual({ near: true, far: true, granted: true });
  });

  it('a deny-all ingress policy closes nginx to every pod, on its node and across nodes', async () => {
    await apply(denyAllIngress);
    expect(await reachSettlesTo({ near: false, far: false, granted: false })).toEqual({ near: false, far: false, granted: false });
  });

  it('an allow policy for access=granted opens it to that pod only', async () => {
    await apply(allowGranted);
    expect(await reachSettlesTo({ near: false, far: false, granted: true })).toEqual({ near: false, far: false, granted: true });
  });

  it('deleting the policies opens it again', async () => {
    await kubectl(namespace, ['delete', 'networkpolicy', 'deny-all', 'access-web']);
    expect(await reachSettlesTo({ near: true, far: true, granted: true })).toEqual({ near: true, far: true, granted: true });
  });
});
