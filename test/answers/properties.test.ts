import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAnswers, parseAnswersWithLayout } from '../../src/answers/read.js';
import { insertKeys } from '../../src/answers/insert-keys.js';
import { AnswersError } from '../../src/core/errors.js';
import { PLACEHOLDER, type AnswersFile } from '../../src/answers/types.js';

const RUNS = 2000;
const FILE = 'answers_tp4';

const parsesOrRefuses = (input: string | Buffer): void => {
  try {
    parseAnswers(input, FILE);
  } catch (error) {
    if (!(error instanceof AnswersError)) throw error;
    expect(error.line).toBeGreaterThanOrEqual(1);
  }
};

// Pieces of answers files, so random text often comes close to a real one.
const piece = fc.constantFrom(
  '{', '}', '"', ':', ',', '\n', '\r\n', ' ', '\t', '"Answer1"', '"Answer2": ', '"<fix me>"', '\\', '\\u00e9', '\\u12',
  '//', '#', '1.10', 'true', 'null', '\uFEFF', 'x', '[', "'", '“', 'é', '\u0000',
);
const answersLike = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));

const key = fc.oneof(fc.constantFrom('Answer1', 'Answer2', 'Answer3', 'Answer4'), fc.string({ unit: 'binary', maxLength: 8 }));
const value = fc.oneof(fc.constantFrom(PLACEHOLDER, ' <FIX ME> ', '', '  padded ', 'a"b', 'c:\\d', 'x, y'), fc.string({ unit: 'binary' }));
const entries = fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 6 });

const expected = (pairs: readonly (readonly [string, string])[]): Record<string, string | null> =>
  Object.fromEntries(pairs.map(([k, v]) => [k, v.trim().toLowerCase() === PLACEHOLDER ? null : v]));

const values = (parsed: AnswersFile): Record<string, string | null> =>
  Object.fromEntries([...parsed.answers].map(([k, a]) => [k, a.state === 'answered' ? a.value : null]));

interface StudentFile {
  pairs: [string, string][];
  braces: boolean;
  crlf: boolean;
  trailingComma: boolean;
  comment: string;
  indent: string;
}

/** A file as a student might leave it: any mix of the defects the reader tolerates. */
const studentFile: fc.Arbitrary<StudentFile> = fc.record({
  pairs: entries,
  braces: fc.boolean(),
  crlf: fc.boolean(),
  trailingComma: fc.boolean(),
  comment: fc.constantFrom('', '# note', '// note'),
  indent: fc.constantFrom('', '  ', '\t'),
});

const writeStudentFile = (f: StudentFile): string => {
  const eol = f.crlf ? '\r\n' : '\n';
  const lines = f.pairs.map(([k, v], i) => {
    const comma = i < f.pairs.length - 1 || f.trailingComma ? ',' : '';
    return `${f.indent}${JSON.stringify(k)}: ${JSON.stringify(v)}${comma}`;
  });
  const body = [...(f.comment === '' ? [] : [f.comment]), ...lines];
  return (f.braces ? ['{', ...body, '}'] : body).join(eol) + eol;
};

describe('answers properties', () => {
  it(`random bytes or text either parse or throw AnswersError (${RUNS} runs x 3)`, () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => parsesOrRefuses(Buffer.from(bytes))), { numRuns: RUNS });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), parsesOrRefuses), { numRuns: RUNS });
    fc.assert(fc.property(answersLike, parsesOrRefuses), { numRuns: RUNS });
  });

  it(`any JSON object of strings reads as JSON.parse reads it, without warnings (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(entries, fc.boolean(), (pairs, pretty) => {
        const object = `{${pairs.map(([k, v]) => `${pretty ? '\n  ' : ''}${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',')}${pretty ? '\n' : ''}}`;
        const parsed = parseAnswers(object, FILE);
        expect(values(parsed)).toEqual(expected(pairs));
        expect(parsed.warnings).toEqual([]);
        pairs.forEach(([k], i) => expect(parsed.answers.get(k)?.line).toBe(pretty ? i + 2 : 1));
      }),
      { numRuns: RUNS },
    );
  });

  it(`a student's imperfect file reads the same answers, and completing it keeps them (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(studentFile, fc.uniqueArray(key, { maxLength: 5 }), (f, wanted) => {
        const text = writeStudentFile(f);
        const { answers, layout } = parseAnswersWithLayout(text, FILE);
        expect(values(answers)).toEqual(expected(f.pairs));

        const missing = wanted.filter((k) => !answers.answers.has(k));
        if (missing.length === 0) return;
        const completed = parseAnswers(insertKeys(layout, missing), FILE);
        expect(values(completed)).toEqual({ ...expected(f.pairs), ...Object.fromEntries(missing.map((k) => [k, null])) });
        for (const [k, answer] of answers.answers) expect(completed.answers.get(k)).toEqual(answer);
        if (f.braces && !f.trailingComma && f.comment === '') expect(() => JSON.parse(insertKeys(layout, missing))).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});
