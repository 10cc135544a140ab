// Runs tp as students install it (the packed npm package, the single executable,
// kubectl's plugin): a real process with only the environment the test gives it.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { execa } from 'execa';
import type { CliRun } from './run-cli.js';
import type { Report } from '../../src/engine/types.js';

const LOCAL_KUBECTL = resolve('.cache/bin/kubernetes-v1.36.3/kubectl');

/** The kubectl built with the local cluster, else $KUBECTL, else the one on PATH. */
export const kubectlPath = (): string => process.env.KUBECTL || (existsSync(LOCAL_KUBECTL) ? LOCAL_KUBECTL : 'kubectl');

/** The folder of the node running the tests, to put on a PATH that needs node (npm's bins). */
export const nodeBinDir = (): string => dirname(process.execPath);

export interface RunOptions {
  cwd: string;
  /** The whole environment of the process: nothing of the test's leaks in. */
  env: Record<string, string>;
  timeoutMs?: number;
}

export const runCommand = async (file: string, args: string[], options: RunOptions): Promise<CliRun> => {
  const result = await execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout: options.timeoutMs ?? 120_000,
  });
  if (result.exitCode === undefined) throw new Error(`${file} ${args.join(' ')} did not run: ${result.message}`);
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
};

/** `score/maxScore` of a `--format json` report, as a student reads the grade. */
export const scoreOf = (stdout: string): string => {
  const report = JSON.parse(stdout) as Report;
  return `${report.score}/${report.maxScore}`;
};
