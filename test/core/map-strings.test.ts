// mapStrings walks a plain value (JSON, YAML) and copies only what its function changes.
import { describe, expect, it } from 'vitest';
import { mapStrings } from '../../src/core/map-strings.js';

const upper = (text: string) => (text.startsWith('x') ? text.toUpperCase() : text);

describe('mapStrings', () => {
  it('changes every string, keys only when asked, and keeps the values of the top keys it is told to', () => {
    const value = { a: 'xa', list: ['b', 'xc', 3, null, true], xkey: { deep: ['xd'] }, data: { conf: 'xe' } };
    expect(mapStrings(value, upper)).toEqual({ a: 'XA', list: ['b', 'XC', 3, null, true], xkey: { deep: ['XD'] }, data: { conf: 'XE' } });
    expect(mapStrings(value, upper, { keys: true })).toEqual({ a: 'XA', list: ['b', 'XC', 3, null, true], XKEY: { deep: ['XD'] }, data: { conf: 'XE' } });
    expect(mapStrings(value, upper, { keptAtTop: new Set(['data']) }).data).toBe(value.data);
    expect(mapStrings({ nested: { data: { conf: 'xe' } } }, upper, { keptAtTop: new Set(['data']) })).toEqual({ nested: { data: { conf: 'XE' } } });
    expect(value.a).toBe('xa');
  });

  it('returns what it does not change as it is, and keeps the order of keys', () => {
    const same = { a: 'b', list: [{ c: 'd' }], n: 1 };
    expect(mapStrings(same, upper)).toBe(same);
    const one = { a: { b: 'c' }, list: [{ c: 'd' }, 'xe'], z: 'z' };
    const changed = mapStrings(one, upper);
    expect(changed.a).toBe(one.a);
    expect(changed.list[0]).toBe(one.list[0]);
    expect(Object.keys(mapStrings({ a: 1, xb: 2, c: 3 }, upper, { keys: true }))).toEqual(['a', 'XB', 'c']);
    const date = new Date(0);
    expect(mapStrings({ date }, upper).date).toBe(date);
  });
});
