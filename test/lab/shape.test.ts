// The first pass: the lab schema, then each check's params against its kind's schema.
import { describe, expect, test } from 'vitest';
import { fakeKinds, fakeLookup } from './fake-kinds.js';
import { problemsOf } from './problems-of.js';
import { ANSWER1_CHECK, labWith } from './sample-lab.js';

// In labWith(ANSWER1_CHECK): line 10 `      - id: c1`, 11 kind, 12 points, 13 title, 14 params.
const withCheck = (from: string, to: string): string => labWith(ANSWER1_CHECK.replace(from, to));

describe('the lab schema', () => {
  test('the sample check is valid', () => {
    expect(problemsOf(labWith(ANSWER1_CHECK))).toEqual([]);
  });

  test('a misspelt property is named where it is written, and the missing one at its map', () => {
    expect(problemsOf(withCheck('points: 1', 'pionts: 1'))).toEqual(['10:9 missing property "points"', '12:9 unknown property "pionts"']);
  });

  test('points that are not a number >= 0 point at the value (0: evidence only)', () => {
    expect(problemsOf(withCheck('points: 1', 'points: -1'))).toEqual(['12:17 points must be a number >= 0']);
    expect(problemsOf(withCheck('points: 1', 'points: 0'))).toEqual([]);
    expect(problemsOf(withCheck('points: 1', 'points: "one"'))).toEqual(['12:17 points must be a number >= 0']);
  });

  test('points with no value point at the key', () => {
    expect(problemsOf(withCheck('points: 1', 'points:'))).toEqual(['12:9 points must be a number >= 0']);
  });

  test('a text must have both languages and nothing else', () => {
    expect(problemsOf(withCheck('title: {fr: a, en: a}', 'title: {fr: a}'))).toEqual(['13:16 missing property "en"']);
    expect(problemsOf(withCheck('title: {fr: a, en: a}', 'title: {fr: a, en: a, de: b}'))).toEqual(['13:31 unknown property "de"']);
    expect(problemsOf(withCheck('title: {fr: a, en: a}', 'title: plain'))).toEqual([
      '13:16 title must be a text in both languages {fr: "…", en: "…"}',
    ]);
  });

  test('an id that is not lowercase-with-dashes says what it got', () => {
    expect(problemsOf(withCheck('id: c1', 'id: Check_1'))).toEqual([
      '10:13 id must be an id of lowercase letters, digits and dashes, starting with a letter (got "Check_1")',
    ]);
  });

  test('a file that is not a map, or is empty, is one problem at 1:1', () => {
    expect(problemsOf('')).toEqual(['1:1 the lab must be a map with id, title and exercises']);
    expect(problemsOf('- a\n- b\n')).toEqual(['1:1 the lab must be a map with id, title and exercises']);
  });

  test('a top-level typo', () => {
    expect(problemsOf(labWith(ANSWER1_CHECK).replace('exercises:', 'exercices:'))).toEqual([
      '1:1 missing property "exercises"',
      '6:1 unknown property "exercices"',
    ]);
  });

  test('mutation answers must be keyed by answer keys', () => {
    const tail = 'mutations:\n  - id: m1\n    fails: [c1]\n    answers: {answer1: "x"}\n';
    expect(problemsOf(labWith(ANSWER1_CHECK, tail))).toEqual([
      '18:15 property name "answer1" must be an answer key like Answer4',
      '18:15 mutation "m1" sets answer1, which is not declared under answers',
    ]);
  });

  test('a mutation names the checks it fails: a list of ids, empty for a variant every check accepts', () => {
    expect(problemsOf(labWith(ANSWER1_CHECK, 'mutations:\n  - id: m1\n    fails: c1\n    delete: [ConfigMap/cm1]\n'))).toEqual([
      '17:12 fails must be a list of check ids',
    ]);
    expect(problemsOf(labWith(ANSWER1_CHECK, 'mutations:\n  - id: m1\n    fails: []\n    delete: [ConfigMap/cm1]\n'))).toEqual([]);
  });
});

describe("each check's params, against its kind's schema", () => {
  test('an unknown kind lists the known ones', () => {
    expect(problemsOf(withCheck('kind: answer', 'kind: answr'))).toEqual(['11:15 unknown check kind "answr" (known: answer, resource, selector)']);
  });

  test('with a lookup function the kinds cannot be listed', () => {
    expect(problemsOf(withCheck('kind: answer', 'kind: answr'), fakeLookup)).toEqual(['11:15 unknown check kind "answr"']);
  });

  test('names of Object.prototype are not kinds', () => {
    expect(problemsOf(withCheck('kind: answer', 'kind: constructor'))).toEqual([
      '11:15 unknown check kind "constructor" (known: answer, resource, selector)',
    ]);
  });

  test('a param of the wrong type points inside params', () => {
    expect(problemsOf(withCheck('{answer: Answer1}', '{answer: Answer1, expect: 3}'))).toEqual(['14:43 expect must be a string']);
  });

  test('an unknown param points at its name', () => {
    expect(problemsOf(withCheck('{answer: Answer1}', '{answer: Answer1, expct: x}'))).toEqual(['14:35 unknown property "expct"']);
  });

  test('a missing param points at params, or at the check when params is absent', () => {
    expect(problemsOf(withCheck('{answer: Answer1}', '{}'))).toEqual(['14:17 missing property "answer"']);
    expect(problemsOf(withCheck('        params: {answer: Answer1}\n', ''))).toEqual(['10:9 missing property "answer"']);
  });

  test('params that are not a map are said once, by the lab schema', () => {
    expect(problemsOf(withCheck('{answer: Answer1}', '[Answer1]'))).toEqual([
      '14:17 params must be an object (the parameters of the check kind)',
    ]);
  });

  test('in block style, the position is the value inside params', () => {
    const check = ANSWER1_CHECK.replace('params: {answer: Answer1}', 'params:\n          answer: Answer1\n          expect: [a]');
    expect(problemsOf(labWith(check))).toEqual(['16:19 expect must be a string']);
  });
});

describe('every problem of the file at once', () => {
  test('schema, kind, params and semantic problems together, in file order', () => {
    const checks =
      ANSWER1_CHECK.replace('points: 1', 'pionts: 1').replace('{answer: Answer1}', '{answer: Answer1, expect: 3}') +
      ANSWER1_CHECK.replace('id: c1', 'id: c2').replace('kind: answer', 'kind: resourse').replace('points: 1', 'points: -1');
    const tail = 'mutations:\n  - id: m1\n    fails: [c3]\n';
    expect(problemsOf(labWith(checks, tail))).toEqual([
      '10:9 missing property "points"',
      '12:9 unknown property "pionts"',
      '14:43 expect must be a string',
      '16:15 unknown check kind "resourse" (known: answer, resource, selector)',
      '17:17 points must be a number >= 0',
      '21:5 mutation "m1" changes nothing (give it answers, steps, delete, patch, apply, madeWith or facts)',
      '22:13 mutation "m1" fails unknown check "c3"',
    ]);
  });
});

describe('messages of kind schemas', () => {
  test('a title that reads as "a …" is what the value must be; other titles are ignored', () => {
    const kinds = {
      answer: {
        ...fakeKinds.answer!,
        schema: {
          type: 'object',
          properties: {
            answer: { type: 'string', title: 'The answer key' },
            expect: { enum: ['contexts', 'server'] },
            weight: { type: 'integer', minimum: 1, title: 'an integer >= 1' },
          },
        },
      },
    };
    const params = '{answer: 3, expect: nope, weight: 0}';
    expect(problemsOf(withCheck('{answer: Answer1}', params), kinds)).toEqual([
      '14:26 answer must be a string',
      '14:37 expect must be one of "contexts", "server"',
      '14:51 weight must be an integer >= 1',
    ]);
  });
});
