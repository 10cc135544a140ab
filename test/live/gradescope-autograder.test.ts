// Gradescope's run_autograder of docs/gradescope.md, run as Gradescope runs it
// (bash, the upload in <root>/submission), on a submission made on the real
// cluster: a results.json by the specification, with tp's score; an edited file
// flagged; a file that is not a submission said so, with 0 points.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { runTp } from '../support/run-cli.js';
import { bundleCli } from '../grade/bundle-cli.js';
import { gradescopeProblems } from '../support/gradescope-spec.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'tp-gradescope-'));
let solved: SolvedTp4;
let submission: Buffer;
let bin = '';

beforeAll(async () => {
  solved = await solvedTp4Namespace('gradescope', makeKubeConfig());
  const answers = join(work, 'answers_tp4');
  writeFileSync(answers, answersFileText(tp4Answers(testKubeconfigPath())));
  const file = join(work, 'submission_tp4.json.gz');
  const submit = await runTp(['submit', '4', '--kubeconfig', testKubeconfigPath(), '-n', solved.namespace, '--answers', answers, '--output', file, '--http-via', 'nodeport'], { now: () => new Date() });
  expect(submit.exitCode).toBe(0);
  submission = readFileSync(file);
  // `tp` on the PATH, laid out as the npm package is (the labs beside the code).
  const cli = await bundleCli();
  writeFileSync(join(dirname(cli), 'package.json'), '{"type":"module"}');
  symlinkSync(resolve('labs'), join(dirname(cli), 'labs'));
  bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'tp'), `#!/bin/sh\nexec ${process.execPath} ${cli} "$@"\n`);
  chmodSync(join(bin, 'tp'), 0o755);
}, 180_000);
afterAll(async () => {
  await solved?.remove();
  rmSync(work, { recursive: true, force: true });
});

/** Runs run_autograder on an upload; returns results.json. */
const autograde = async (name: string, upload: Buffer | undefined) => {
  const root = join(work, name);
  mkdirSync(join(root, 'submission'), { recursive: true });
  if (upload) writeFileSync(join(root, 'submission', 'submission_tp4.json.gz'), upload);
  await run('bash', [resolve('examples/gradescope/run_autograder')], { env: { PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: work, AUTOGRADER_ROOT: root } });
  const text = readFileSync(join(root, 'results', 'results.json'), 'utf8');
  expect(gradescopeProblems(text)).toEqual([]);
  return JSON.parse(text) as { score: number; output: string; tests?: Array<{ name: string; status: string; score: number }> };
};

describe('Gradescope\'s run_autograder', () => {
  it('grades the upload offline: tp\'s score, a test per exercise', async () => {
    const results = await autograde('clean', submission);
    expect(results.score).toBe(34);
    expect(results.tests?.map((test) => test.status)).toEqual(Array(7).fill('passed'));
  });

  it('shows an edited upload as a submission to review', async () => {
    const json = JSON.parse(gunzipSync(submission).toString('utf8'));
    json.snapshot.kinds['deployments.apps'].items[0].status.readyReplicas = 3;
    const results = await autograde('edited', gzipSync(JSON.stringify(json)));
    expect(results.output).toMatch(/^Submission to review: it looks edited by hand/);
    expect(results.tests?.at(-1)).toMatchObject({ status: 'failed', score: 0 });
  });

  it('says why when the upload is not a submission, or when there is none', async () => {
    expect((await autograde('garbage', Buffer.from('not a submission'))).output).toMatch(/^tp could not grade this file: tp: .*submission_tp4.json.gz: not a submission: neither gzip-compressed JSON nor JSON/);
    expect((await autograde('none', undefined)).output).toContain('No submission file: upload answers/submission_tp4.json.gz');
  });
});
