import { describe, expect, it } from 'vitest';
import { QUOTE_MAX, shortened } from '../../src/core/quote.js';

describe('shortened: how messages quote a string a student wrote', () => {
  it('keeps a short answer as written', () => {
    expect(shortened('  ReplicaSet ')).toBe('ReplicaSet');
  });

  it('cuts a long one to the limit with an ellipsis', () => {
    const quoted = shortened('x'.repeat(10_000));
    expect(Array.from(quoted)).toHaveLength(QUOTE_MAX);
    expect(quoted.endsWith('…')).toBe(true);
  });

  it('puts it on one line and shows control characters instead of sending them', () => {
    expect(shortened('a\r\nb\u001b[31mred\u0007\u202e')).toBe('a b\\u001b[31mred\\u0007\\u202e');
  });

  it('reads only the head of a huge string', () => {
    // A string longer than any answers file: the work does not depend on its length.
    const huge = `${'\u001b'.repeat(50)}${'y'.repeat(5_000_000)}`;
    expect(shortened(huge, 20).startsWith('\\u001b')).toBe(true);
  });
});
