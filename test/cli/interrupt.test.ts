// Every way a run is asked to stop (Ctrl-C, a pod's SIGTERM, a closed terminal's
// SIGHUP) calls the same clean-up once (tp lab test deletes its namespaces there).
import { describe, expect, it } from 'vitest';
import { onInterrupt } from '../../src/cli/interrupt.js';

describe('onInterrupt', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s calls stop once, then listens no more', (signal) => {
    let stops = 0;
    const before = process.listenerCount(signal);
    onInterrupt(() => {
      stops += 1;
    });
    expect(process.listenerCount(signal)).toBe(before + 1);
    process.emit(signal, signal);
    expect(stops).toBe(1);
    expect(process.listenerCount(signal)).toBe(before);
  });
});
