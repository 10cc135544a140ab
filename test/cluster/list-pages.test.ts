// Issue 23, point 1 (property): whatever pages and `continue` tokens an API
// server sends — empty, repeated, huge, endless — a LIST asks at most
// MAX_LIST_PAGES pages, reads at most the client's cap of bytes, and ends:
// with every object when the server ends within the bounds, else with a
// failure that says which bound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinKind } from '../support/kinds.js';
import { listKind, MAX_LIST_PAGES } from '../../src/cluster/list-kind.js';
import type { ApiClient, JsonRequestOptions } from '../../src/cluster/api-client.js';
import { AnswerTooLarge } from '../../src/cluster/api-failure.js';

interface Page {
  items: number;
  /** Undefined or '' ends the list. */
  next?: string;
  /** Padding of each object, in bytes. */
  pad: number;
}

/** A client whose LIST answers are `pages` in order, the last one repeated: only the pagination is played. */
const pagedClient = (pages: readonly Page[], cap: number) => {
  const asked: Array<string | null> = [];
  let served = 0;
  const client: ApiClient = {
    server: 'http://127.0.0.1:1',
    maxBodyBytes: cap,
    connectionCount: 0,
    get requestCount() {
      return asked.length;
    },
    async getJson<T>(path: string, options: JsonRequestOptions = {}): Promise<T | undefined> {
      asked.push(new URLSearchParams(path.split('?')[1]).get('continue'));
      const page = pages[Math.min(served, pages.length - 1)] as Page;
      served += 1;
      const body = JSON.stringify({
        metadata: page.next === undefined ? {} : { continue: page.next },
        items: Array.from({ length: page.items }, (_, i) => ({ metadata: { name: `cm-${served}-${i}`, namespace: 'alice' }, data: { pad: 'x'.repeat(page.pad) } })),
      });
      const limit = Math.min(options.maxBodyBytes ?? cap, cap);
      options.onBody?.(Math.min(Buffer.byteLength(body), limit));
      if (Buffer.byteLength(body) > limit) throw new AnswerTooLarge(path, limit);
      return JSON.parse(body) as T;
    },
    async getRaw() {
      return { status: 404, body: '' };
    },
  };
  return { client, asked };
};

const token = fc.oneof(fc.constant(undefined), fc.constant(''), fc.constantFrom('a', 'same'), fc.string({ maxLength: 20 }), fc.nat(20_000).map((n) => 't'.repeat(n)));
const page = fc.record({ items: fc.nat(5), next: token, pad: fc.nat(300) });

describe('a LIST of any pages', () => {
  it('ends within its bounds, whole when the server ends within them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(page, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.integer({ min: 2_000, max: 40_000 }), async (pages, endless, cap) => {
        // Endless: every page has a token, as a server that never stops.
        const script = endless ? pages.map((p, i) => ({ ...p, next: p.next || `again-${i}` })) : pages;
        const { client, asked } = pagedClient(script, cap);
        const read = await listKind(client, builtinKind('configmaps'), 'alice');
        expect(asked.length).toBeLessThanOrEqual(MAX_LIST_PAGES);
        // The server ends at the first page without a token; each page asks with the token the one before gave.
        const end = script.findIndex((p) => p.next === undefined || p.next === '');
        if (read.ok) {
          expect(end).toBeGreaterThanOrEqual(0);
          expect(asked).toHaveLength(end + 1);
          expect(read.items).toHaveLength(script.slice(0, end + 1).reduce((sum, p) => sum + p.items, 0));
          asked.slice(1).forEach((sent, i) => expect(sent).toBe(script[i]?.next));
        } else {
          expect(read.failure.message).toMatch(/^list configmaps in alice: (more than 100 pages \(the API server keeps answering "continue"\)|a "continue" token of \d+ characters|the answer is over [\d.]+ (KiB|bytes)), more than tp reads; nothing of it was graded$/);
        }
        if (endless) expect(read.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
