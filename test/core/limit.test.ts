import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeLimit } from '../../src/core/limit.js';

describe('makeLimit', () => {
  it('never runs more than its size at once, and runs everything', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 }), async (size, delays) => {
        const limit = makeLimit(size);
        let running = 0;
        let peak = 0;
        const results = await Promise.all(
          delays.map((delay, i) =>
            limit(async () => {
              running += 1;
              peak = Math.max(peak, running);
              await new Promise((done) => setTimeout(done, delay));
              running -= 1;
              return i;
            }),
          ),
        );
        expect(results).toEqual(delays.map((_, i) => i));
        expect(peak).toBeLessThanOrEqual(size);
      }),
      { numRuns: 40 },
    );
  });

  it('frees the slot of a task that fails', async () => {
    const limit = makeLimit(1);
    await expect(limit(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });
});
