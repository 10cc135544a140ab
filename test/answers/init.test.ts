import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initAnswersFile } from '../../src/answers/init.js';
import { parseAnswers } from '../../src/answers/read.js';
import { AnswersError } from '../../src/core/errors.js';

const KEYS = ['Answer1', 'Answer2', 'Answer3'];

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tp-init-'));
  path = join(dir, 'answers', 'answers_tp4');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const written = async (): Promise<string> => readFile(path, 'utf8');

const prepare = async (content: string | Buffer): Promise<void> => {
  await mkdir(join(dir, 'answers'), { recursive: true });
  await writeFile(path, content);
};

describe('initAnswersFile', () => {
  it('creates the folder and the file in the course’s style', async () => {
    expect(await initAnswersFile(path, KEYS)).toEqual({ created: true, added: KEYS, kept: [] });
    const text = await written();
    expect(text).toBe('{\n  "Answer1": "<fix me>",\n  "Answer2": "<fix me>",\n  "Answer3": "<fix me>"\n}\n');
    expect(JSON.parse(text)).toEqual({ Answer1: '<fix me>', Answer2: '<fix me>', Answer3: '<fix me>' });
  });

  it('adds only the missing keys to a JSON file and keeps it valid JSON', async () => {
    await prepare('{\n    "Answer2": "10.0.0.1",\n    "Answer1": 3\n}\n');
    expect(await initAnswersFile(path, KEYS)).toEqual({ created: false, added: ['Answer3'], kept: ['Answer2', 'Answer1'] });
    const text = await written();
    expect(text).toBe('{\n    "Answer2": "10.0.0.1",\n    "Answer1": 3,\n    "Answer3": "<fix me>"\n}\n');
    expect(JSON.parse(text)).toEqual({ Answer1: 3, Answer2: '10.0.0.1', Answer3: '<fix me>' });
  });

  it('completes one-line JSON', async () => {
    await prepare('{"Answer1":"a"}');
    await initAnswersFile(path, KEYS);
    const text = await written();
    expect(JSON.parse(text)).toEqual({ Answer1: 'a', Answer2: '<fix me>', Answer3: '<fix me>' });
  });

  it('keeps a line-based file’s lines as they are: CRLF, comments, trailing comma, no braces', async () => {
    const student = '# my answers\r\n"Answer1": "  ReplicaSet ",\r\n"Answer3": "x" // not sure\r\n';
    await prepare(student);
    expect(await initAnswersFile(path, KEYS)).toEqual({ created: false, added: ['Answer2'], kept: ['Answer1', 'Answer3'] });
    const text = await written();
    expect(text).toBe('# my answers\r\n"Answer1": "  ReplicaSet ",\r\n"Answer3": "x", // not sure\r\n"Answer2": "<fix me>"\r\n');
    const parsed = parseAnswers(text, path);
    expect(parsed.answers.get('Answer1')).toEqual({ state: 'answered', value: '  ReplicaSet ', line: 2 });
    expect(parsed.answers.get('Answer2')?.state).toBe('placeholder');
  });

  it('adds the keys before the closing brace of a file with a trailing comma, keeping its BOM', async () => {
    await prepare('\uFEFF{\n  "Answer1": "a",\n}\n');
    await initAnswersFile(path, KEYS);
    expect(await written()).toBe('\uFEFF{\n  "Answer1": "a",\n  "Answer2": "<fix me>",\n  "Answer3": "<fix me>"\n}\n');
  });

  it('leaves a complete file untouched', async () => {
    const student = '{"Answer3": "c", "Answer2": "b", "Answer1": "a", "Extra": "kept"}';
    await prepare(student);
    expect(await initAnswersFile(path, KEYS)).toEqual({ created: false, added: [], kept: ['Answer3', 'Answer2', 'Answer1', 'Extra'] });
    expect(await written()).toBe(student);
  });

  it('fills an empty file from the template', async () => {
    await prepare('');
    expect(await initAnswersFile(path, KEYS)).toEqual({ created: false, added: KEYS, kept: [] });
    expect(JSON.parse(await written())).toEqual({ Answer1: '<fix me>', Answer2: '<fix me>', Answer3: '<fix me>' });
  });

  it('never overwrites a file it cannot read', async () => {
    const garbage = Buffer.from([0x7b, 0x0a, 0x00, 0xff, 0xfe, 0x00]);
    await prepare(garbage);
    await expect(initAnswersFile(path, KEYS)).rejects.toBeInstanceOf(AnswersError);
    expect(await readFile(path)).toEqual(garbage);
    await prepare('{\n  "Answer1": ReplicaSet\n}\n');
    await expect(initAnswersFile(path, KEYS)).rejects.toThrow(`${path}:2: the value of "Answer1" must be in double quotes`);
  });

  it('leaves no temporary file behind', async () => {
    await initAnswersFile(path, KEYS);
    await initAnswersFile(path, [...KEYS, 'Answer4']);
    expect(await readdir(join(dir, 'answers'))).toEqual(['answers_tp4']);
  });
});
