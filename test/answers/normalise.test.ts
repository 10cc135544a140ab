import { describe, expect, it } from 'vitest';
import { normaliseAnswer } from '../../src/answers/normalise.js';

describe('normaliseAnswer', () => {
  it.each([
    ['  ReplicaSet ', {}, 'replicaset'],
    ['"default"', {}, 'default'],
    ["'10.0.0.1'", {}, '10.0.0.1'],
    ['“rs”', {}, 'rs'],
    [' " \'kind-kind\' " ', {}, 'kind-kind'],
    ['replica   set', {}, 'replica   set'],
    ['replica \t set', { collapseSpaces: true }, 'replica set'],
    ['Default', { caseSensitive: true }, 'Default'],
    ['"', {}, '"'],
    ['', {}, ''],
  ])('%j with %j is %j', (value, options, expected) => {
    expect(normaliseAnswer(value, options)).toBe(expected);
  });
});
