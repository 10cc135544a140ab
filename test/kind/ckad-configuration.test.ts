// `tp lab test` of the CKAD configuration labs on kind, where pods really start:
// ckad-configuration (ConfigMaps, securityContext, resources, Secrets,
// ServiceAccounts), ckad-limitrange and ckad-quota (a LimitRange and a
// ResourceQuota, each in a namespace of its own). A container that cannot be
// made because the key it reads is missing fails only on real nodes: that is
// what proves ckad-configuration's checks that a pod runs.
import { describe, test } from 'vitest';
import { proveLabOnKind } from './support/prove-lab.js';

const LABS = ['ckad-configuration', 'ckad-limitrange', 'ckad-quota'];

describe('the CKAD configuration labs prove themselves on real pods', () => {
  test.each(LABS)('tp lab test %s', (id) => proveLabOnKind(id), 1_200_000);
});
