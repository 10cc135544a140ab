// Answers files are files a student controls: tp reads them as such (regular
// files only, under a cap, stoppable, inside the submission when grading).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANSWERS_MAX_BYTES, readAnswersBytes } from '../../src/answers/read-bytes.js';
import { readAnswersFile } from '../../src/answers/read.js';
import { AnswersError } from '../../src/core/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tp-answers-bytes-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const reason = async (work: Promise<unknown>): Promise<string> => {
  const error: unknown = await work.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AnswersError)) throw new Error(`expected an AnswersError, got ${String(error)}`);
  return error.message;
};

describe('answers files a student controls', () => {
  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(dir, 'answers_tp4');
    execFileSync('mkfifo', [fifo]);
    expect(await reason(readAnswersFile(fifo))).toContain('named pipe (FIFO)');
  });

  it('refuses /dev/zero instead of reading it for ever', async () => {
    expect(await reason(readAnswersFile('/dev/zero'))).toContain('a device, not an answers file');
  });

  it('refuses a file over the size cap, naming the cap', async () => {
    const path = join(dir, 'answers_tp4');
    await writeFile(path, `{"Answer1": "${'x'.repeat(ANSWERS_MAX_BYTES)}"}`);
    expect(await reason(readAnswersFile(path))).toContain(`more than the ${ANSWERS_MAX_BYTES}`);
  });

  it('reads a file whole however its size compares with a chunk, and one whose size the stat does not tell', async () => {
    const path = join(dir, 'answers_tp4');
    const text = `{"Answer1": "${'é'.repeat(60_000)}"}`;
    await writeFile(path, text);
    expect((await readAnswersBytes(path)).toString('utf8')).toBe(text);
    await writeFile(path, '');
    expect((await readAnswersBytes(path)).length).toBe(0);
    // procfs files say they are empty and are not: read to their end, within the cap.
    expect((await readAnswersBytes('/proc/self/status')).toString('utf8')).toMatch(new RegExp(`^Name:[\\s\\S]*\\nPid:\\t${process.pid}\\n[\\s\\S]*\\n$`));
    expect(await reason(readAnswersBytes('/proc/self/status', { maxBytes: 100 }))).toContain('more than the 100 bytes');
  });

  it('stops when the signal aborts', async () => {
    const path = join(dir, 'answers_tp4');
    await writeFile(path, '{"Answer1": "3"}');
    const abort = new AbortController();
    abort.abort(new Error('student time is up'));
    expect(await reason(readAnswersBytes(path, { signal: abort.signal }))).toContain('reading stopped (student time is up)');
  });

  it('refuses a link that leaves the submission folder, and follows one that stays inside', async () => {
    const alice = join(dir, 'alice');
    const bob = join(dir, 'bob');
    await mkdir(alice);
    await mkdir(bob);
    await writeFile(join(bob, 'answers_tp4'), '{"Answer1": "bob"}');
    await writeFile(join(alice, 'real'), '{"Answer1": "alice"}');
    await symlink(join(bob, 'answers_tp4'), join(alice, 'answers_tp4'));
    await symlink('real', join(alice, 'inside'));
    expect(await reason(readAnswersBytes(join(alice, 'answers_tp4'), { within: alice }))).toContain("links outside the student's submission folder");
    expect((await readAnswersBytes(join(alice, 'inside'), { within: alice })).toString()).toContain('alice');
    // Without a folder to stay in (tp check on the student's own machine) a link is followed as before.
    expect((await readAnswersBytes(join(alice, 'answers_tp4'))).toString()).toContain('bob');
  });

  it('follows the links of a ConfigMap volume: files named ..data and ..<date> are inside the folder, not above it', async () => {
    // What Kubernetes mounts for `kubectl create configmap tp-answers --from-file=answers/` (deploy/job.yaml).
    const answers = join(dir, 'configmap');
    await mkdir(join(answers, '..2026_12_04_19_05_37.1234'), { recursive: true });
    await writeFile(join(answers, '..2026_12_04_19_05_37.1234', 'alice'), '{"Answer1": "alice"}');
    await symlink('..2026_12_04_19_05_37.1234', join(answers, '..data'));
    await symlink('..data/alice', join(answers, 'alice'));
    expect((await readAnswersBytes(join(answers, 'alice'), { within: answers })).toString()).toContain('alice');
    // A real way up is still refused.
    await writeFile(join(dir, 'trainer-notes'), 'secret');
    await symlink('../trainer-notes', join(answers, 'bob'));
    expect(await reason(readAnswersBytes(join(answers, 'bob'), { within: answers }))).toContain("links outside the student's submission folder");
  });

  it('refuses a loop of links', async () => {
    await symlink(join(dir, 'b'), join(dir, 'a'));
    await symlink(join(dir, 'a'), join(dir, 'b'));
    expect(await reason(readAnswersFile(join(dir, 'a')))).toContain('a loop of links');
  });
});
