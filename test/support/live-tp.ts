// `tp grade --watch --serve` run as a trainer runs it: a process of its own
// (built by bundleCli), its page's address read from what it prints, its
// state read as the page reads it, Ctrl-C (SIGINT) to end it.
import { spawn, type ChildProcess } from 'node:child_process';
import type { ClassAggregate, LiveRow } from '../../src/classroom/types.js';
import type { LabOutline } from '../../src/grade/types.js';
import { waitFor } from './cluster.js';

export interface LiveState {
  outline: LabOutline;
  rows: LiveRow[];
  aggregate: ClassAggregate;
}

export interface LiveTp {
  /** The page's address as printed, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  stdout(): string;
  stderr(): string;
  state(): Promise<LiveState>;
  /** The status of check `check` in the row of `student` ('' when not graded). */
  cell(state: LiveState, student: string, check: string): string;
  /** Ctrl-C; resolves with the exit code. */
  interrupt(): Promise<number>;
}

export const startLiveTp = async (cli: string, args: readonly string[], env: Record<string, string>, cwd: string): Promise<LiveTp> => {
  const child: ChildProcess = spawn(process.execPath, [cli, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  let alive = true;
  void exited.then(() => (alive = false));
  const url = await Promise.race([
    waitFor(() => /(http:\/\/\S+\/\?token=\w+)/.exec(out)?.[1], 60_000, 'the live page address on stdout', 100),
    exited.then((code) => {
      throw new Error(`tp exited (${code}) before serving its page: ${err}`);
    }),
  ]);
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  return {
    url,
    port: Number(parsed.port),
    token,
    stdout: () => out,
    stderr: () => err,
    async state() {
      const answer = await fetch(`http://127.0.0.1:${parsed.port}/state.json?token=${token}`);
      if (!answer.ok) throw new Error(`state.json answered ${answer.status}`);
      return (await answer.json()) as LiveState;
    },
    cell(state, student, check) {
      const column = state.outline.exercises.flatMap((exercise) => exercise.checks).findIndex((c) => c.id === check);
      return state.rows.find((row) => row.id === student)?.cells[column] ?? '';
    },
    async interrupt() {
      if (alive) child.kill('SIGINT');
      return exited;
    },
  };
};
