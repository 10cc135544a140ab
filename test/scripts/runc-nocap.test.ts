// The runc wrapper of the kind tier (scripts/kind/runc-nocap): a `runc create`
// that failed only because the container's cgroup could not be frozen in time
// is sent again (what the failed one left deleted first), a bounded number of
// times; any other failure, and every other subcommand, is runc's own. Run
// against a stand-in runc that records its calls and fails as told.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const FREEZE = 'error setting cgroup config for procHooks process: unable to freeze';
const scratch = mkdtempSync(join(tmpdir(), 'tp-runc-nocap-'));
const wrapper = join(scratch, 'runc-nocap');

// Fails its first FAIL_TIMES creates with FAIL_WITH in the --log file, as runc
// does (a JSON line); then writes to the container's stdout and stderr, and
// says whether descriptor 3 reached it.
const STAND_IN = `#!/bin/bash
echo "$*" >> "$CALLS"
if [[ " $* " == *" create "* ]]; then
  n=$(( $(cat "$COUNT" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$COUNT"
  if (( n <= FAIL_TIMES )); then
    printf '{"level":"error","msg":"runc create failed: %s"}\\n' "$FAIL_WITH" >> "$LOG"
    exit 1
  fi
  echo "out of the container"; echo "err of the container" >&2
  if { true >&3; } 2>/dev/null; then echo "fd 3 passed"; fi
  exit 0
fi
exit 7
`;

beforeAll(() => {
  const built = spawnSync('go', ['build', '-o', wrapper, '.'], {
    cwd: 'scripts/kind/runc-nocap',
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-buildvcs=false', CGO_ENABLED: '0', GOCACHE: process.env.GOCACHE ?? resolve('.cache/go/build') },
  });
  expect(built.status, built.stderr).toBe(0);
}, 180_000);

let run = 0;
/** Runs the wrapper in a fresh folder with a bundle, the stand-in told to fail `failTimes` creates. */
const wrap = (args: string[], failTimes = 0, failWith = FREEZE, extraFd = false) => {
  run += 1;
  const dir = mkdtempSync(join(scratch, `run${run}-`));
  const standIn = join(dir, 'runc');
  writeFileSync(standIn, STAND_IN);
  chmodSync(standIn, 0o755);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ ociVersion: '1.0.2', process: { args: ['sh'] } }));
  const log = join(dir, 'log.json');
  const calls = join(dir, 'calls');
  const retryLog = join(dir, 'retries.log');
  const resolvedArgs = args.map((arg) => arg.replace('{dir}', dir));
  const result = spawnSync(wrapper, resolvedArgs, {
    encoding: 'utf8',
    env: { ...process.env, TP_RUNC_NOCAP_RUNC: standIn, CALLS: calls, COUNT: join(dir, 'count'), LOG: log, FAIL_TIMES: String(failTimes), FAIL_WITH: failWith, TP_RUNC_NOCAP_RETRY_LOG: retryLog },
    stdio: ['ignore', 'pipe', 'pipe', ...(extraFd ? (['pipe'] as const) : [])],
    timeout: 30_000,
  });
  const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);
  // The retry log's lines without their time stamp.
  return { ...result, calls: lines(calls), retries: lines(retryLog).map((line) => line.replace(/^\S+ /, '')) };
};

const create = (...more: string[]) => ['--root', '/run/tp-test', '--log', '{dir}/log.json', '--log-format', 'json', 'create', '--bundle', '{dir}', ...more, 'pod-1'];

describe('runc-nocap: a create that could not freeze the cgroup', () => {
  it('is sent again after the failed one is deleted, and the container keeps its output', () => {
    const result = wrap(create(), 2);
    expect(result.status).toBe(0);
    expect(result.calls.map((call) => call.replace(/\S*\/run\d+-\w+/g, '<dir>'))).toEqual([
      '--root /run/tp-test --log <dir>/log.json --log-format json create --bundle <dir> pod-1',
      '--root /run/tp-test --log <dir>/log.json --log-format json delete --force pod-1',
      '--root /run/tp-test --log <dir>/log.json --log-format json create --bundle <dir> pod-1',
      '--root /run/tp-test --log <dir>/log.json --log-format json delete --force pod-1',
      '--root /run/tp-test --log <dir>/log.json --log-format json create --bundle <dir> pod-1',
    ]);
    expect(result.stdout).toBe('out of the container\n');
    expect(result.stderr).toBe('err of the container\n');
    // Written down on the node, since the wrapper's stderr is the container's.
    expect(result.retries).toEqual([
      'create pod-1: could not freeze the cgroup (attempt 1 of 4), sent again',
      'create pod-1: could not freeze the cgroup (attempt 2 of 4), sent again',
    ]);
  });

  it('is given up after 4 attempts, with runc\'s failure', () => {
    const result = wrap(create(), 10);
    expect(result.status).toBe(1);
    expect(result.calls.filter((call) => call.includes(' create '))).toHaveLength(4);
    expect(result.retries.at(-1)).toBe('create pod-1: failed again after 4 attempts (exit 1)');
  });

  it('passes on the descriptors it was given, as exec would (--preserve-fds)', () => {
    expect(wrap(create('--preserve-fds', '1'), 1, FREEZE, true).stdout).toBe('out of the container\nfd 3 passed\n');
  });
});

describe('runc-nocap: everything else is runc\'s', () => {
  it('another failure of create is not tried again', () => {
    const result = wrap(create(), 1, 'unable to apply caps: operation not permitted');
    expect(result.status).toBe(1);
    expect(result.calls).toHaveLength(1);
    expect(result.retries).toEqual([]);
  });

  it('other subcommands run runc once, with its exit code', () => {
    const result = wrap(['--root', '/run/tp-test', 'state', 'pod-1'], 5);
    expect(result.status).toBe(7);
    expect(result.calls).toEqual(['--root /run/tp-test state pod-1']);
  });
});
