// YAML itself: syntax errors, duplicate keys and aliases, with the position the YAML library gives.
import { describe, expect, test } from 'vitest';
import { problemsOf } from './problems-of.js';
import { ANSWER1_CHECK, labWith } from './sample-lab.js';
import { parseYaml, pathFromPointer } from '../../src/core/yaml-positions.js';

describe('YAML errors stop the file at the YAML level', () => {
  test('an unclosed flow map is reported where YAML gives up, alone', () => {
    const text = labWith(ANSWER1_CHECK.replace('title: {fr: a, en: a}', 'title: {fr: a, en: a'));
    expect(problemsOf(text)).toEqual(['14:9 Flow map in block collection must be sufficiently indented and end with a }']);
  });

  test('a tab used as indentation', () => {
    expect(problemsOf('id: tp9\ntitle:\n\tfr: a\n')).toEqual(['3:1 Tabs are not allowed as indentation']);
  });

  test('a duplicate key is an error at the second key', () => {
    expect(problemsOf(labWith(ANSWER1_CHECK.replace('points: 1\n', 'points: 1\n        points: 2\n')))).toEqual(['13:9 duplicate key "points"']);
  });

  test('an alias without its anchor', () => {
    expect(problemsOf(labWith(ANSWER1_CHECK.replace('title: {fr: a, en: a}', 'title: *t')))).toEqual([
      '13:16 unknown alias *t (an anchor &t must come before it)',
    ]);
  });

  test('two documents in one file', () => {
    expect(problemsOf('id: a\n---\nid: b\n')[0]).toMatch(/^2:1 .*multiple documents/);
  });

  test('aliases resolve, and their values have positions', () => {
    const check = ANSWER1_CHECK.replace('title: {fr: a, en: a}', 'title: &t {fr: a, en: 5}');
    expect(problemsOf(labWith(check + check.replace('id: c1', 'id: c2').replace('&t {fr: a, en: 5}', '*t')))).toEqual([
      '13:31 en must be a non-empty string',
    ]);
  });
});

describe('positions of values', () => {
  const text = 'a:\n  b: [10, {c: x}]\n  "d/e": 1\n';
  const parsed = parseYaml(text, 'f.yaml');

  test('of a value, a key, an item', () => {
    expect(parsed.positionOf(['a', 'b', 1, 'c'])).toEqual({ line: 2, col: 15 });
    expect(parsed.keyPositionOf(['a', 'b', 1, 'c'])).toEqual({ line: 2, col: 12 });
    expect(parsed.positionOf(['a', 'b', '0'])).toEqual({ line: 2, col: 7 });
    expect(parsed.positionOf(pathFromPointer('/a/d~1e'))).toEqual({ line: 3, col: 10 });
  });

  test('of something absent: its nearest existing parent', () => {
    expect(parsed.positionOf(['a', 'b', 1, 'zz', 3])).toEqual({ line: 2, col: 11 });
    expect(parsed.positionOf(['nope'])).toEqual({ line: 1, col: 1 });
  });

  test('a byte-order mark does not shift columns', () => {
    expect(parseYaml('\uFEFFa: 1\n', 'f.yaml').positionOf(['a'])).toEqual({ line: 1, col: 4 });
  });
});
