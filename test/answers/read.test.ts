import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/answers/read.js';
import { AnswersError } from '../../src/core/errors.js';
import type { AnswersFile } from '../../src/answers/types.js';

const FILE = 'answers/answers_tp4';

const values = (parsed: AnswersFile): Record<string, string | null> =>
  Object.fromEntries([...parsed.answers].map(([key, answer]) => [key, answer.state === 'answered' ? answer.value : null]));

const lines = (parsed: AnswersFile): Record<string, number> =>
  Object.fromEntries([...parsed.answers].map(([key, answer]) => [key, answer.line]));

const refusal = (input: string | Buffer): AnswersError => {
  try {
    parseAnswers(input, FILE);
  } catch (error) {
    if (error instanceof AnswersError) return error;
    throw error;
  }
  throw new Error('expected an AnswersError');
};

describe('parseAnswers reads the file the course asks for', () => {
  it('reads the template students fill, without warnings', () => {
    const parsed = parseAnswers('{\n  "Answer1": "3",\n  "Answer2": "<fix me>",\n  "Answer3": "default"\n}\n', FILE);
    expect(values(parsed)).toEqual({ Answer1: '3', Answer2: null, Answer3: 'default' });
    expect(parsed.answers.get('Answer2')).toEqual({ state: 'placeholder', line: 3 });
    expect(lines(parsed)).toEqual({ Answer1: 2, Answer2: 3, Answer3: 4 });
    expect(parsed.warnings).toEqual([]);
    expect(parsed.file).toBe(FILE);
  });

  it('reads one-line JSON, numbers and booleans as the student spelled them', () => {
    const parsed = parseAnswers('{"Answer1":3,"Answer2":true,"Answer3":1.10,"Answer4":"a"}', FILE);
    expect(values(parsed)).toEqual({ Answer1: '3', Answer2: 'true', Answer3: '1.10', Answer4: 'a' });
    expect(parsed.warnings).toEqual([]);
  });

  it('keeps values as written, padding included (normalising is the checks’ job)', () => {
    expect(values(parseAnswers('{"Answer8": "  ReplicaSet  "}', FILE))).toEqual({ Answer8: '  ReplicaSet  ' });
  });

  it.each(['<fix me>', ' <fix me> ', '<FIX ME>', '<Fix Me>'])('reads %j as not answered', (placeholder) => {
    const parsed = parseAnswers(`{"Answer1": ${JSON.stringify(placeholder)}}`, FILE);
    expect(parsed.answers.get('Answer1')).toEqual({ state: 'placeholder', line: 1 });
  });

  it('decodes JSON escapes and keeps unknown ones as written', () => {
    const parsed = parseAnswers(String.raw`{"Answer1": "a\"b\\c\u00e9\/", "Answer2": "\d+"}` + '\n', FILE);
    expect(values(parsed)).toEqual({ Answer1: 'a"b\\cé/', Answer2: '\\d+' });
    expect(parsed.warnings).toEqual(['line 1: "\\d" is not a JSON escape, kept as written']);
  });

  it('reads an empty file as no answers, without a word', () => {
    expect(parseAnswers('', FILE)).toEqual({ file: FILE, answers: new Map(), warnings: [] });
    expect(parseAnswers(' \n\n', FILE).answers.size).toBe(0);
  });
});

describe('parseAnswers tolerates what editors and students do, with a warning naming the line', () => {
  it('CRLF line endings: silent in valid JSON, named when the file is not JSON', () => {
    expect(parseAnswers('{\r\n  "Answer1": "a"\r\n}\r\n', FILE).warnings).toEqual([]);
    const parsed = parseAnswers('{\r\n  "Answer1": "a",\r\n}\r\n', FILE);
    expect(values(parsed)).toEqual({ Answer1: 'a' });
    expect(parsed.warnings).toEqual(['line 1: Windows line endings (CRLF)', 'line 2: trailing comma']);
  });

  it('a byte order mark, as text or as bytes', () => {
    const text = '\uFEFF{\n  "Answer1": "a"\n}\n';
    expect(parseAnswers(text, FILE).warnings).toEqual(['line 1: byte order mark (BOM) ignored']);
    const parsed = parseAnswers(Buffer.from(text, 'utf8'), FILE);
    expect(values(parsed)).toEqual({ Answer1: 'a' });
    expect(lines(parsed)).toEqual({ Answer1: 2 });
  });

  it('a trailing comma', () => {
    const parsed = parseAnswers('{\n  "Answer1": "a",\n  "Answer2": "b",\n}\n', FILE);
    expect(values(parsed)).toEqual({ Answer1: 'a', Answer2: 'b' });
    expect(parsed.warnings).toEqual(['line 3: trailing comma']);
  });

  it('a flood of defects: the first twenty said, the rest counted on one more line', () => {
    const parsed = parseAnswers(`{\n  "Answer1": "a",\n${',\n'.repeat(100_000)}}\n`, FILE);
    expect(values(parsed)).toEqual({ Answer1: 'a' });
    expect(parsed.warnings).toHaveLength(21);
    expect(parsed.warnings.slice(0, 2)).toEqual(['line 2: trailing comma', 'line 3: extra comma']);
    expect(parsed.warnings[20]).toMatch(/^lines 22 to 100002: 99981 more warnings$/);
  });

  it('missing braces', () => {
    const parsed = parseAnswers('"Answer1": "a",\n"Answer2": "b"\n', FILE);
    expect(values(parsed)).toEqual({ Answer1: 'a', Answer2: 'b' });
    expect(parsed.warnings).toEqual(['line 1: missing "{" at the start']);
    expect(parseAnswers('{\n"Answer1": "a"\n', FILE).warnings).toEqual(['line 2: missing "}" at the end']);
  });

  it('a missing comma between lines', () => {
    const parsed = parseAnswers('{\n  "Answer1": "a"\n  "Answer2": "b"\n}', FILE);
    expect(values(parsed)).toEqual({ Answer1: 'a', Answer2: 'b' });
    expect(parsed.warnings).toEqual(['line 2: missing comma after "Answer1"']);
  });

  it('blank lines silently, comment lines with a warning', () => {
    const parsed = parseAnswers('{\n\n  // section 1\n  "Answer1": "a", # contexts\n\n  "Answer2": "b"\n}\n', FILE);
    expect(values(parsed)).toEqual({ Answer1: 'a', Answer2: 'b' });
    expect(lines(parsed)).toEqual({ Answer1: 4, Answer2: 6 });
    expect(parsed.warnings).toEqual(['line 3: comment ignored', 'line 4: comment ignored']);
  });

  it('a duplicated key: the last one wins', () => {
    const parsed = parseAnswers('{\n  "Answer1": "a",\n  "Answer1": "b"\n}', FILE);
    expect(parsed.answers.get('Answer1')).toEqual({ state: 'answered', value: 'b', line: 3 });
    expect(parsed.warnings).toEqual(['line 3: "Answer1" is given again (first on line 2), the last one is used']);
  });

  it('null as not answered', () => {
    const parsed = parseAnswers('{"Answer1": null}', FILE);
    expect(parsed.answers.get('Answer1')).toEqual({ state: 'placeholder', line: 1 });
    expect(parsed.warnings).toEqual(['line 1: null read as "<fix me>" (not answered)']);
  });

  it('a file saved as UTF-16 by Notepad', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{\r\n  "Answer1": "réplique"\r\n}\r\n', 'utf16le')]);
    const parsed = parseAnswers(utf16, FILE);
    expect(values(parsed)).toEqual({ Answer1: 'réplique' });
    expect(parsed.warnings).toEqual(['line 1: saved as UTF-16, read anyway (UTF-8 is expected)']);
    const bigEndian = Buffer.from(utf16).swap16();
    expect(values(parseAnswers(bigEndian, FILE))).toEqual({ Answer1: 'réplique' });
  });
});

describe('parseAnswers refuses what it cannot understand, naming the line', () => {
  it.each([
    ['{\n  Answer1: "a"\n}', 2, 'expected "AnswerN": "value"'],
    ['{\n  "Answer1" "a"\n}', 2, 'expected ":" after "Answer1"'],
    ['{\n  "Answer1": "a",\n  "Answer8": ReplicaSet\n}', 3, 'the value of "Answer8" must be in double quotes, like "Answer8": "ReplicaSet"'],
    ['{\n  "Answer1": "abc\n}', 2, 'unterminated string: the closing " is missing'],
    ['{\n  “Answer1”: “a”\n}', 2, 'curly quotes “ ” are not allowed: use straight double quotes "'],
    ["{\n  'Answer1': 'a'\n}", 2, 'use double quotes ("), not single quotes (\')'],
    ['{\n  "Answer1":\n}', 3, 'missing value after "Answer1":'],
    ['{\n  "Answer1":', 2, 'missing value after "Answer1":'],
    ['{\n  "Answer1": {"a": "b"}\n}', 2, 'the value of "Answer1" must be text in double quotes, not a { … } block'],
    ['{\n  "Answer1": ["a"]\n}', 2, 'the value of "Answer1" must be text in double quotes, not a list'],
    ['[\n  "a"\n]', 1, 'expected "AnswerN": "value"'],
    ['{\n}\n}', 3, 'unexpected "}": the block was closed on line 2'],
  ])('%j: line %i', (text, line, reason) => {
    const error = refusal(text);
    expect(error.line).toBe(line);
    expect(error.file).toBe(FILE);
    expect(error.code).toBe('ANSWERS_UNREADABLE');
    expect(error.message).toBe(`${FILE}:${line}: ${reason}`);
  });

  it('binary garbage: NUL bytes, named at their line', () => {
    const error = refusal(Buffer.from([...Buffer.from('{\n  "Answer1": "a",\n'), 0x00, 0x01, 0xff, 0x00]));
    expect(error.line).toBe(3);
    expect(error.message).toContain('not a text file');
  });

  it('invalid UTF-8 (a Latin-1 "é"), named at its line', () => {
    const latin1 = Buffer.from('{\n  "Answer1": "a",\n  "Answer2": "r\xe9plique"\n}\n', 'latin1');
    const error = refusal(latin1);
    expect(error.line).toBe(3);
    expect(error.message).toContain('not a text file (invalid UTF-8 bytes)');
  });

  it('control characters in text', () => {
    expect(refusal('{\n\n"Answer1": "a\u0007"}').line).toBe(3);
  });
});
