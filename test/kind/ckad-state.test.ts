// The CKAD set's state persistence section (labs/ckad-state) proves itself on
// real pods and real claims. The kind tier has no storage provisioner (its class
// `standard` is kubernetes.io/no-provisioner), and tp lab test never writes a
// PersistentVolume: this test makes, before the proof, one copy of the lab's
// cluster/myvolume.yaml per scenario (a PV binds one claim), as a trainer would
// make the exercise's PV, and deletes them after.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { CoreV1Api, type V1PersistentVolume } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { afterAll, beforeAll, test } from 'vitest';
import { scenarioCount } from '../../src/labtest/run-lab-test.js';
import { makeKubeConfig } from '../support/cluster.js';
import { loadLab, proveLabOnKind } from './support/lab-proof.js';

const core = makeKubeConfig().makeApiClient(CoreV1Api);
const run = randomBytes(3).toString('hex');
const volumes: string[] = [];

beforeAll(async () => {
  const pv = parse(readFileSync('labs/ckad-state/cluster/myvolume.yaml', 'utf8')) as V1PersistentVolume;
  const count = scenarioCount(await loadLab('ckad-state'));
  for (let i = 0; i < count; i += 1) {
    const name = `tp-ckad-state-${run}-myvolume-${i}`;
    await core.createPersistentVolume({ body: { ...pv, metadata: { name, labels: { 'tp.test/ckad-state': run } } } });
    volumes.push(name);
  }
});

afterAll(async () => {
  await Promise.all(volumes.map((name) => core.deletePersistentVolume({ name }).catch(() => undefined)));
});

test('tp lab test ckad-state, one copy of myvolume per scenario', async () => {
  await proveLabOnKind('ckad-state');
}, 1_200_000);
