// The CKAD set's LimitRange task (labs/ckad-limitrange, a namespace of its own:
// every pod ≤ 500Mi would refuse the section's other pods) proves itself on a
// real pod that the LimitRange admits.
import { test } from 'vitest';
import { proveLabOnKind } from './support/lab-proof.js';

test('tp lab test ckad-limitrange --http-via nodeport', async () => {
  await proveLabOnKind('ckad-limitrange');
}, 1_200_000);
