// The CKAD set's ResourceQuota task (labs/ckad-quota, a namespace of its own:
// every pod must state CPU and memory) proves itself on a real pod that the
// quota admits and counts.
import { test } from 'vitest';
import { proveLabOnKind } from './support/lab-proof.js';

test('tp lab test ckad-quota --http-via nodeport', async () => {
  await proveLabOnKind('ckad-quota');
}, 1_200_000);
