// The CKAD set's pod design section (labs/ckad-pod-design) proves itself on real
// pods: the Deployment history played in steps (nginx:1.91 never rolls out: the
// next step waits only for the controller to see it), the Jobs and a CronJob's
// first run, a pod bound by nodeName to `node` (default tp-worker, a worker of the
// kind tier) and cuda-test, which no node accepts.
import { test } from 'vitest';
import { proveLabOnKind } from './support/lab-proof.js';

// 15 scenarios of 7 steps each, a CronJob's first run within a minute: the longest CKAD proof.
test('tp lab test ckad-pod-design --http-via nodeport', async () => {
  await proveLabOnKind('ckad-pod-design');
}, 2_700_000);
