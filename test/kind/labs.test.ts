// `tp lab test` for all five labs on kind, where pods really pull their images
// (the TP4 app from the private registry, the other labs' public images from
// the stand-in mirror) and really serve HTTP: each reference solution scores
// 100 % with nothing skipped, an empty namespace 0, every mutation fails
// exactly its checks, and every check, HTTP included, is proven by one.
import { describe, test } from 'vitest';
import { loadLab, proveLabOnKind } from './support/lab-proof.js';
import { kindRegistry } from './support/kind.js';

const LABS = ['tp4', 'pods', 'services', 'deployments', 'bootcamp'];

describe('every lab proves itself on real pods', () => {
  test.each(LABS)('tp lab test %s --http-via nodeport', async (id) => {
    const lab = await loadLab(id);
    // TP4's app comes from the kind tier's private registry.
    const variables: Record<string, string> = lab.variables.some((v) => v.name === 'registry') ? { registry: kindRegistry().server } : {};
    await proveLabOnKind(id, { variables });
  }, 1_200_000);
});
