// cleanDeep is what every formatter is handed: a gradebook's strings cleaned, the gradebook itself untouched.
import { describe, expect, it } from 'vitest';
import { cleanDeep, isCleanText } from '../../src/core/clean-text.js';

describe('cleanDeep', () => {
  it('cleans every string, keys included, and leaves the value it was given as it was', () => {
    const dirty = { student: { id: 'alice', name: 'Al\u001b[31mice' }, checks: [{ message: 'ok' }, { message: 'bad\u202e' }], 'k\u0007ey': 1, score: 3 };
    const before = JSON.stringify(dirty);
    const clean = cleanDeep(dirty);
    expect(clean).toEqual({ student: { id: 'alice', name: 'Al[31mice' }, checks: [{ message: 'ok' }, { message: 'bad' }], key: 1, score: 3 });
    expect(isCleanText(JSON.stringify(clean))).toBe(true);
    expect(JSON.stringify(dirty)).toBe(before);
  });

  it('copies only what it cleaned: a clean part is the same part, a clean value the same value', () => {
    const clean = { students: [{ id: 'alice', report: { score: 3 } }], lang: 'fr' };
    expect(cleanDeep(clean)).toBe(clean);
    const oneDirty = { students: [{ id: 'alice', report: { score: 3 } }, { id: 'b\u0000ob' }], outline: { title: 'TP4' } };
    const cleaned = cleanDeep(oneDirty);
    expect(cleaned).not.toBe(oneDirty);
    expect(cleaned.students).not.toBe(oneDirty.students);
    expect(cleaned.students[0]).toBe(oneDirty.students[0]);
    expect(cleaned.outline).toBe(oneDirty.outline);
    expect(cleaned.students[1]).toEqual({ id: 'bob' });
    expect(Object.keys(cleanDeep({ a: 1, 'b\u0001': 2, c: 3 }))).toEqual(['a', 'b', 'c']);
  });
});
