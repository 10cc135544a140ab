// `tp lab test` of TP4 on the KWOK cluster, as the live tests of the lab test
// itself run it (interrupted, unsettled): the lab, the test kubeconfig, and the
// options they share; each test adds its own timing and hooks.
import { checkKinds } from '../../src/checks/index.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import type { LabTestOptions } from '../../src/labtest/run-lab-test.js';
import { testKubeconfigPath } from './cluster.js';

export const tp4LabTestBase = async (): Promise<Pick<LabTestOptions, 'lab' | 'kubeconfig' | 'variables' | 'httpVia' | 'timeoutMs' | 'lang' | 'now'>> => ({
  lab: await loadLabFile('labs/tp4/lab.yaml', checkKinds),
  kubeconfig: loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent-home' }),
  variables: { registry: 'registry.example.org' },
  httpVia: 'auto',
  timeoutMs: 2000,
  lang: 'en',
  now: () => new Date(),
});
