// The CKAD set's services and networking section (labs/ckad-services) proves
// itself on real pods: nginx reached through its NodePort, wget's requests in
// nginx's log, foo's answers through its Service, and a NetworkPolicy that the
// kind tier enforces, so Answer2 (what a blocked wget prints) is what it prints.
import { test } from 'vitest';
import { proveLabOnKind } from './support/lab-proof.js';

test('tp lab test ckad-services --http-via nodeport', async () => {
  await proveLabOnKind('ckad-services');
}, 1_200_000);
