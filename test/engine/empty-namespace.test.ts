// A cohort namespace with none of the lab's objects (a typo in the cohort file?)
// is graded, and its report says the namespace looks empty, rather than a silent 0.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkTarget } from '../../src/engine/check-target.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { checkKinds } from '../../src/checks/index.js';
import { answersFileText, tp4AnswersFor } from '../support/tp4-solution.js';
import { setRead, solvedSnapshot } from './fixture.js';

it('warns that a shared-snapshot namespace holds none of the lab objects', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-empty-'));
  const kubeconfigFile = join(dir, 'kubeconfig');
  // Never contacted: the snapshot is given, as tp grade gives it.
  writeFileSync(kubeconfigFile, 'apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\n');
  const kubeconfig = loadKubeconfig({ kubeconfig: kubeconfigFile, env: {}, homeDir: dir });
  const snapshot = solvedSnapshot();
  for (const kind of ['configmaps', 'secrets', 'pods', 'services', 'endpointslices', 'deployments']) setRead(snapshot, kind, { ok: true, items: [] });
  writeFileSync(join(dir, 'answers'), answersFileText(tp4AnswersFor(kubeconfig.facts)));
  const client = kubeconfig.connection.reader();
  const { report } = await checkTarget({
    lab: await loadLabFile('labs/tp4/lab.yaml', checkKinds),
    kubeconfig: { ...kubeconfig, namespace: 'alicee' },
    answersFile: join(dir, 'answers'),
    variables: { registry: 'registry.example.org' },
    httpVia: 'nodeport',
    timeoutMs: 1000,
    lang: 'en',
    now: () => new Date(0),
    snapshot: { ...snapshot, namespace: 'alicee' },
    client,
  });
  expect(report.warnings[0]).toBe('namespace alicee holds none of the objects this lab reads: does it exist?');
  expect(client.requestCount).toBe(0);
});
