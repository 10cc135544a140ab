import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAnswersFile } from '../../src/answers/read.js';
import { AnswersError } from '../../src/core/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tp-answers-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const failure = async (path: string): Promise<AnswersError> => {
  const error: unknown = await readAnswersFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AnswersError)) throw new Error(`expected an AnswersError, got ${String(error)}`);
  return error;
};

describe('readAnswersFile', () => {
  it('reads a student file from disk', async () => {
    const path = join(dir, 'answers_tp4');
    await writeFile(path, '{\r\n  "Answer1": "3",\r\n  "Answer2": "<fix me>"\r\n}\r\n');
    const answers = await readAnswersFile(path);
    expect(answers.file).toBe(path);
    expect(answers.answers.get('Answer1')).toEqual({ state: 'answered', value: '3', line: 2 });
    expect(answers.answers.get('Answer2')).toEqual({ state: 'placeholder', line: 3 });
    expect(answers.warnings).toEqual([]);
  });

  it('says which file is missing and how to create it', async () => {
    const path = join(dir, 'answers', 'answers_tp4');
    const error = await failure(path);
    expect(error.line).toBe(0);
    expect(error.file).toBe(path);
    expect(error.message).toBe(`${path}:0: file not found — run \`tp init tp4\` to create it`);
  });

  it('names the lab generically when the file name does not say it', async () => {
    expect((await failure(join(dir, 'mine.json'))).message).toContain('run `tp init <lab>` to create it');
  });

  it('refuses a folder', async () => {
    expect((await failure(dir)).message).toBe(`${dir}:0: this is a folder, not an answers file`);
  });

  it('names the first line of binary garbage', async () => {
    const path = join(dir, 'answers_tp4');
    await writeFile(path, Buffer.concat([Buffer.from('{\n"Answer1": "a",\n\n'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00])]));
    const error = await failure(path);
    expect(error.line).toBe(4);
    expect(error.message).toContain('not a text file');
  });
});
