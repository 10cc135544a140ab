// `tp lab test` for the CKAD labs of core concepts, observability and
// multi-container pods on kind, where pods really run, exit, log, fail their
// probes and leave events: each reference solution scores 100 % with nothing
// skipped, an empty namespace 0, every mutation fails exactly its checks, every
// check is proven by one, and every exercise undone scores 0.
import { describe, expect, test } from 'vitest';
import { proveLabOnKind } from './support/lab-proof.js';

// TP_CKAD_LABS=<labs> runs some of them only.
const LABS = (process.env.TP_CKAD_LABS ?? 'ckad-core,ckad-observability,ckad-multi-container').split(',');

describe('the CKAD labs of core concepts, observability and multi-container pods prove themselves on real pods', () => {
  test.each(LABS)('tp lab test %s --http-via nodeport', async (id) => {
    // Generous: on a loaded machine the kubelets report a pod's state minutes late.
    const result = await proveLabOnKind(id, { settleTimeoutMs: 600_000, timeoutMs: 10_000 });
    // Undone, an exercise earns nothing.
    for (const verdict of result.verdicts.filter((v) => v.id.startsWith('undone:'))) {
      const exercise = verdict.report.exercises.find((e) => `undone:${e.id}` === verdict.id);
      expect(exercise?.score, verdict.id).toBe(0);
    }
  }, 2_700_000);
});
