// The CKAD set's CRD section (labs/ckad-crd) proves itself on the kind tier.
// tp lab test never writes a CRD: this test applies the lab's
// cluster/operator-crd.yaml first, as the student (or the trainer) does, waits
// until it is served, and deletes it after. The custom object is then read by
// every name the CRD declares, each resolved by the cluster's discovery.
import { readFileSync } from 'node:fs';
import { ApiextensionsV1Api, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { afterAll, beforeAll, test } from 'vitest';
import { makeKubeConfig, waitFor } from '../support/cluster.js';
import { proveLabOnKind } from './support/lab-proof.js';

const extensions = makeKubeConfig().makeApiClient(ApiextensionsV1Api);
const crd = parse(readFileSync('labs/ckad-crd/cluster/operator-crd.yaml', 'utf8')) as V1CustomResourceDefinition;
const name = crd.metadata?.name ?? '';

beforeAll(async () => {
  await extensions.createCustomResourceDefinition({ body: crd });
  await waitFor(async () => (await extensions.readCustomResourceDefinition({ name })).status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True'), 30_000, 'the CRD established');
}, 60_000);

afterAll(async () => {
  await extensions.deleteCustomResourceDefinition({ name }).catch(() => undefined);
});

test('tp lab test ckad-crd, its CRD applied first', async () => {
  await proveLabOnKind('ckad-crd');
}, 600_000);
