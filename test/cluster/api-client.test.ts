// A sick API server as tp meets it: 429 and 5xx answers are retried with a
// growing wait, a cut connection is tried again, silence and refusals are not;
// all of it inside the --timeout budget of one request, then reported.
// (The tests that need a live cluster are under test/live/.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeApiClient } from '../../src/cluster/api-client.js';
import { listKind } from '../../src/cluster/list-kind.js';
import { loadLab } from '../../src/cli/load-lab.js';
import { kindsNeeded } from '../../src/engine/evaluate.js';
import { resolveVariables } from '../../src/engine/variables.js';
import { runTp } from '../support/run-cli.js';
import { startScriptedApi, type ScriptedAnswer, type ScriptedApi } from './scripted-api.js';
import { ApiFailure } from '../../src/cluster/api-failure.js';
import { builtinKind } from '../support/kinds.js';

const PATH = '/api/v1/namespaces/alice/configmaps';
let api: ScriptedApi | undefined;

afterEach(async () => {
  await api?.stop();
  api = undefined;
});

const scripted = async (script: ScriptedAnswer[]) => {
  api = await startScriptedApi(script);
  return api;
};

/** Runs `work`, returning what it threw (or undefined) and how long it took. */
const timed = async (work: () => Promise<unknown>) => {
  const started = Date.now();
  let failure: unknown;
  try {
    await work();
  } catch (error) {
    failure = error;
  }
  return { failure, ms: Date.now() - started };
};

/** The waits the client made between tries, from the arrival times of the requests. */
const gaps = (arrivals: number[]) => arrivals.slice(1).map((at, i) => at - (arrivals[i] ?? 0));

describe('transient answers are retried with a growing wait', () => {
  it('429 twice then 200: three requests, waits of 50 then 100 ms, and the answer', async () => {
    const { target, arrivals } = await scripted([429, 429, 200]);
    const client = makeApiClient(target, { timeoutMs: 5000, retries: 3, backoffMs: 50 });
    await expect(client.getJson(PATH)).resolves.toEqual({ kind: 'ConfigMapList', items: [] });
    expect(client.requestCount).toBe(3);
    const [first, second] = gaps(arrivals);
    expect(first).toBeGreaterThanOrEqual(45);
    expect(second).toBeGreaterThanOrEqual(95);
  });

  it('503 every time: 1 + retries requests, then the failure says what was answered and how often', async () => {
    const { target, arrivals } = await scripted([503]);
    const client = makeApiClient(target, { timeoutMs: 5000, retries: 3, backoffMs: 50 });
    const { failure, ms } = await timed(() => client.getJson(PATH));
    expect(failure).toBeInstanceOf(ApiFailure);
    expect((failure as ApiFailure).failure).toEqual({ reason: 'other', message: `GET ${PATH} answered 503: scripted 503 (after 4 tries)` });
    expect(client.requestCount).toBe(4);
    // Waits of 50, 100 then 200 ms: each gap is at least its wait (a loaded
    // machine only lengthens them), and the three tries came in order.
    const waits = [50, 100, 200];
    const measured = gaps(arrivals);
    expect(measured).toHaveLength(3);
    measured.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual((waits[i] ?? 0) - 5));
    // 50 + 100 + 200 ms of waits, plus four quick answers.
    expect(ms).toBeGreaterThanOrEqual(340);
    expect(ms).toBeLessThan(2000);
  });

  it('a retry whose wait would overrun the timeout is not made', async () => {
    const { target } = await scripted([503]);
    const client = makeApiClient(target, { timeoutMs: 500, retries: 3, backoffMs: 200 });
    const { failure, ms } = await timed(() => client.getJson(PATH));
    // Waits of 200 then 400 ms would end past 500 ms: only the first retry fits.
    expect((failure as ApiFailure).failure.message).toContain('after 2 tries');
    expect(client.requestCount).toBe(2);
    expect(ms).toBeLessThan(500);
  });

  it('a cut connection is tried again', async () => {
    const { target } = await scripted(['cut', 200]);
    const client = makeApiClient(target, { timeoutMs: 5000, retries: 3, backoffMs: 20 });
    await expect(client.getJson(PATH)).resolves.toBeDefined();
    expect(client.requestCount).toBe(2);
  });

  it('a list that stays 503 becomes a read failure the checks report, not an exception', async () => {
    const { target } = await scripted([503]);
    const read = await listKind(makeApiClient(target, { timeoutMs: 5000, retries: 2, backoffMs: 10 }), builtinKind('configmaps'), 'alice');
    expect(read).toEqual({ ok: false, failure: { reason: 'other', message: expect.stringContaining('answered 503') } });
  });
});

describe('the timeout bounds a request, retries included', () => {
  it('an API server that never answers fails once, as a timeout, in the budget', async () => {
    const { target } = await scripted(['silence']);
    const client = makeApiClient(target, { timeoutMs: 300, retries: 3, backoffMs: 200 });
    const { failure, ms } = await timed(() => client.getJson(PATH));
    expect((failure as ApiFailure).failure.reason).toBe('timeout');
    expect((failure as ApiFailure).failure.message).toMatch(/no answer from http:\/\/127\.0\.0\.1:\d+ within 0\.3 s/);
    // Before the budget covered retries, this took 4 × 300 + 1400 ms.
    expect(client.requestCount).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(1000);
  });

  it('a refused connection is not retried: the cluster is down', async () => {
    const { target } = await scripted([200]);
    await api?.stop();
    const client = makeApiClient(target, { timeoutMs: 5000, retries: 3, backoffMs: 200 });
    const { failure, ms } = await timed(() => client.getJson(PATH));
    expect((failure as ApiFailure).failure).toMatchObject({ reason: 'unreachable', message: expect.stringContaining('ECONNREFUSED') });
    expect(client.requestCount).toBe(1);
    expect(ms).toBeLessThan(1000);
  });
});

describe('API reads share the client\'s kept-alive connections', () => {
  it('three reads at once go one after the other on one connection, as kubectl opens one', async () => {
    const { target, arrivals } = await scripted([200]);
    const client = makeApiClient(target, { timeoutMs: 5000 });
    await Promise.all([client.getJson(PATH), client.getJson(PATH), client.getJson(PATH)]);
    expect(arrivals).toHaveLength(3);
    expect(client.requestCount).toBe(3);
    expect(client.connectionCount).toBe(1);
  });

  it('a client asked for three connections (tp grade on a shared cluster) reads three at once', async () => {
    const { target } = await scripted([200]);
    const client = makeApiClient(target, { timeoutMs: 5000, connections: 3 });
    await Promise.all([client.getJson(PATH), client.getJson(PATH), client.getJson(PATH)]);
    expect(client.connectionCount).toBe(3);
  });

  it('a server that never answers fails the reads waiting behind the first at once: one timeout for all, not one each', async () => {
    const { target, arrivals } = await scripted(['silence']);
    const client = makeApiClient(target, { timeoutMs: 300, retries: 3, backoffMs: 200 });
    const { failure, ms } = await timed(() => Promise.allSettled([client.getJson(PATH), client.getJson(PATH), client.getJson(PATH)]).then((all) => {
      throw all;
    }));
    const reasons = (failure as PromiseSettledResult<unknown>[]).map((result) => (result.status === 'rejected' ? (result.reason as ApiFailure).failure.reason : 'answered'));
    expect(reasons).toEqual(['timeout', 'timeout', 'timeout']);
    // Only the first reached the server; each waiting its turn would have taken 3 × 300 ms.
    expect(arrivals).toHaveLength(1);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(800);
  });

  it('a read waiting for the connection is not charged for the wait: a slow answer ahead does not time it out', async () => {
    // 300 ms for the first answer, 200 for the second: within 400 ms each, 500 from the second's asking.
    const { target } = await scripted([{ delayMs: 300 }, { delayMs: 200 }]);
    const client = makeApiClient(target, { timeoutMs: 400, retries: 0 });
    const results = await Promise.allSettled([client.getJson(PATH), client.getJson(PATH)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(client.connectionCount).toBe(1);
  });
});

describe('refusals name what was refused', () => {
  it('403 on a list becomes "forbidden: list <kind> in <namespace>"', async () => {
    const { target } = await scripted([403]);
    const read = await listKind(makeApiClient(target, { timeoutMs: 5000, retries: 3, backoffMs: 10 }), builtinKind('secrets'), 'alice');
    expect(read).toEqual({ ok: false, failure: { reason: 'forbidden', message: 'forbidden: list secrets in alice' } });
    expect(api?.arrivals).toHaveLength(1);
  });

  it('401 says the credentials were refused', async () => {
    const { target } = await scripted([401]);
    const { failure } = await timed(() => makeApiClient(target).getJson(PATH));
    expect((failure as ApiFailure).failure).toMatchObject({ reason: 'forbidden', message: expect.stringContaining('credentials of this context were refused') });
  });
});

describe('tp check against an API server that answers 503 to everything', () => {
  it('retries each list 3 times (waits of 0.2, 0.4, 0.8 s), then exits 2 with the status and what to try', async () => {
    const { target, arrivals } = await scripted([503]);
    const work = mkdtempSync(join(tmpdir(), 'tp-503-'));
    const kubeconfig = join(work, 'kubeconfig');
    writeFileSync(kubeconfig, `apiVersion: v1
kind: Config
current-context: sick
clusters: [{ name: sick, cluster: { server: "${target.server}", insecure-skip-tls-verify: true } }]
contexts: [{ name: sick, context: { cluster: sick, user: sick, namespace: alice } }]
users: [{ name: sick, user: { token: not-a-secret } }]
`);
    writeFileSync(join(work, 'answers'), '{ "Answer1": "1" }\n');
    const started = Date.now();
    const { exitCode, stdout, stderr } = await runTp(['check', '4', '--kubeconfig', kubeconfig, '--answers', join(work, 'answers'), '--timeout', '5']);
    const ms = Date.now() - started;
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/answered 503: scripted 503 \(after 4 tries\)/);
    expect(stderr).toContain('try again in a moment');
    // One list per kind TP4 grades (its Events are read only to explain a failed check), each tried 4 times.
    const lab = await loadLab('4', process.cwd());
    expect(arrivals).toHaveLength(kindsNeeded(lab, resolveVariables(lab, {}), { explanations: false }).size * 4);
    expect(ms).toBeGreaterThanOrEqual(1400);
    expect(ms).toBeLessThan(5000);
  });
});
