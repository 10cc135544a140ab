// The GitHub Classroom workflow of docs/github-classroom.md, held to what
// Classroom and its reporter need, and its tp step run as the runner would run
// it — bash, a HOME whose ~/.kube/config is the cluster, GITHUB_OUTPUT — on a
// student's namespace of the real cluster: the reporter reads the grade tp gave.
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { bundleCli } from '../grade/bundle-cli.js';
import { classroomPoints, consoleTableTotal, decodeRunner } from '../support/classroom-reporter.js';

interface Step { name?: string; id?: string; run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, unknown> }
interface Workflow { name: string; on: string[]; permissions: Record<string, string>; jobs: Record<string, { if?: string; steps: Step[] }> }

const workflow = parse(readFileSync('examples/classroom/classroom.yml', 'utf8')) as Workflow;
const steps = workflow.jobs['run-autograding-tests']?.steps ?? [];
const run = promisify(execFile);
let solved: SolvedTp4;

beforeAll(async () => {
  solved = await solvedTp4Namespace('classroom', makeKubeConfig());
}, 120_000);
afterAll(async () => solved?.remove());

describe('the GitHub Classroom workflow', () => {
  it('is named, triggered and allowed as Classroom\'s own, and feeds the reporter the tp step\'s result', () => {
    expect(workflow.name).toBe('Autograding Tests');
    expect(workflow.on).toEqual(['push', 'repository_dispatch']);
    expect(workflow.permissions).toEqual({ checks: 'write', actions: 'read', contents: 'read' });
    expect(workflow.jobs['run-autograding-tests']?.if).toBe("github.actor != 'github-classroom[bot]'");
    const reporter = steps.find((step) => step.uses === 'classroom-resources/autograding-grading-reporter@v1');
    const runners = String(reporter?.with?.['runners']).split(',');
    // The reporter reads each runner's results from the env var <RUNNER>_RESULTS.
    for (const runner of runners) {
      expect(steps.some((step) => step.id === runner)).toBe(true);
      expect(reporter?.env?.[`${runner.toUpperCase()}_RESULTS`]).toBe(`\${{steps.${runner}.outputs.result}}`);
    }
  });

  it('grades with tp\'s step as the runner runs it: the reporter\'s sum is tp\'s score', async () => {
    const cli = await bundleCli();
    // Laid out as the npm package is: the labs beside the code, found from it.
    writeFileSync(join(dirname(cli), 'package.json'), '{"type":"module"}');
    symlinkSync(resolve('labs'), join(dirname(cli), 'labs'));
    const work = mkdtempSync(join(tmpdir(), 'tp-classroom-'));
    // The runner's HOME, with the cluster where kind puts it; `tp` on the PATH.
    const home = join(work, 'home');
    mkdirSync(join(home, '.kube'), { recursive: true });
    copyFileSync(testKubeconfigPath(), join(home, '.kube', 'config'));
    mkdirSync(join(work, 'bin'));
    writeFileSync(join(work, 'bin', 'tp'), `#!/bin/sh\nexec ${process.execPath} ${cli} "$@"\n`);
    chmodSync(join(work, 'bin', 'tp'), 0o755);
    // The student's repository: their answers, one of them wrong.
    mkdirSync(join(work, 'repo', 'answers'), { recursive: true });
    writeFileSync(join(work, 'repo', 'answers', 'answers_tp4'), answersFileText(tp4Answers(testKubeconfigPath(), { Answer8: 'Deployment' })));
    const output = join(work, 'github_output');
    const summary = join(work, 'step_summary');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const tpStep = steps.find((step) => step.id === 'tp');
    // The namespace the test made stands for the workflow's `student`; stand-in HTTP through the node port.
    const script = String(tpStep?.run).replace('-n student', `-n ${solved.namespace} --http-via nodeport`);
    await run('bash', ['-e', '-c', script], { cwd: join(work, 'repo'), env: { PATH: `${join(work, 'bin')}:/usr/bin:/bin`, HOME: home, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary } });
    const line = readFileSync(output, 'utf8').trim();
    expect(line).toMatch(/^result=/);
    const results = decodeRunner(line.slice('result='.length));
    const report = JSON.parse(readFileSync(join(work, 'repo', 'tp-result.json'), 'utf8')) as typeof results;
    expect(report).toEqual(results);
    // 33 of 34: the scaling exercise lost Answer8's point.
    expect(classroomPoints([results])).toEqual({ totalPoints: 33, maxPoints: 34 });
    expect(consoleTableTotal([results]).maxScore).toBe(34);
    expect(results.tests.find((test) => test.name.startsWith('Scaling'))).toMatchObject({ status: 'fail', score: 2 });
    expect(readFileSync(summary, 'utf8')).toContain('Answer8');
    rmSync(work, { recursive: true, force: true });
    rmSync(dirname(cli), { recursive: true, force: true });
  });
});
