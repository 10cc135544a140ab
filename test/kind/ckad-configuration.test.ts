// The CKAD set's configuration section (labs/ckad-configuration: ConfigMaps,
// securityContext, resources, Secrets, ServiceAccounts) proves itself on real
// pods. A container that cannot be made because the key it reads is missing
// fails only on real nodes: that is what proves its checks that a pod runs
// (on KWOK's simulated nodes such a pod runs anyway).
import { test } from 'vitest';
import { proveLabOnKind } from './support/lab-proof.js';

test('tp lab test ckad-configuration --http-via nodeport', async () => {
  await proveLabOnKind('ckad-configuration');
}, 1_200_000);
