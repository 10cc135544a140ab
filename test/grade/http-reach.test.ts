// Issue 23, point 3: tp dials only what a lab means. A student's API server (a
// stand-in on loopback) reports a node address, a nodePort and error answers of
// its choosing, and hands in a kubeconfig whose server carries a path and a
// query. A "service of the trainer" listens on loopback beside it: whatever
// the student crafts, tp never dials it on their behalf, and what it would
// answer never reaches the gradebook.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTp } from '../support/run-cli.js';
import { kubeconfigText, listAnswer, listOf, startStubApi, type StubAnswer, type StubApi } from '../support/stub-api.js';

const SECRET = 'TRAINER-ONLY-SECRET';
const dir = mkdtempSync(join(tmpdir(), 'tp-http-reach-'));
let trainerService: Server;
let trainerPort = 0;
let trainerHits: string[] = [];

beforeAll(async () => {
  trainerService = createServer((request, response) => {
    trainerHits.push(request.url ?? '');
    response.end(`${SECRET} for ${request.url ?? ''}`);
  });
  await new Promise<void>((listening) => trainerService.listen(0, '127.0.0.1', listening));
  trainerPort = (trainerService.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((closed) => trainerService.close(() => closed()));
});

/** A student's cluster: TP4's Service as a NodePort on `nodePort`, one node at `address`, a service proxy that answers 503 as an API server does (a Status). */
const studentCluster = (address: string, nodePort: number, proxy: StubAnswer = { status: 503, json: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'no endpoints available for service "kubernetes-app"', reason: 'ServiceUnavailable', code: 503 } }) =>
  startStubApi(({ path }) => {
    const list = listOf(path);
    if (list?.kind === 'services') {
      return listAnswer([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes-app', namespace: 'alice' }, spec: { type: 'NodePort', ports: [{ name: 'http', port: 8000, nodePort }] } }]);
    }
    if (list?.kind === 'nodes') {
      return listAnswer([{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address }] } }]);
    }
    if (list) return listAnswer([]);
    if (path.includes('/proxy')) return proxy;
    return { status: 404, json: { kind: 'Status', message: 'not found' } };
  });

interface Graded {
  status: string;
  reason?: string;
  report?: { exercises: Array<{ checks: Array<{ id: string; status: string; message: string }> }> };
}

/** Grades alice, whose own kubeconfig (handed in) points at `server`; the gradebook's text and alice's result. */
const gradeAlice = async (server: string, args: string[] = [], name = 'run') => {
  const work = mkdtempSync(join(dir, `${name}-`));
  writeFileSync(join(work, 'alice.kubeconfig'), kubeconfigText(server, { namespace: 'alice' }));
  writeFileSync(join(work, 'answers_tp4'), '{}\n');
  writeFileSync(join(work, 'cohort.yaml'), 'lab: tp4\nstudents:\n  - { id: alice, email: a@example.org, kubeconfig: alice.kubeconfig, namespace: alice, answers: answers_tp4 }\n');
  const run = await runTp(['grade', '--cohort', join(work, 'cohort.yaml'), '--output', join(work, 'grades'), '--format', 'json', '--timeout', '2', ...args], { cwd: work });
  const text = readFileSync(join(work, 'grades', 'grades.json'), 'utf8');
  const alice = (JSON.parse(text) as { students: Graded[] }).students[0] as Graded;
  return { run, text, alice, http: alice.report?.exercises.flatMap((exercise) => exercise.checks).filter((check) => check.id.startsWith('http')) ?? [] };
};

describe('HTTP checks of a student\'s cluster', () => {
  it('never dial a node address that is not an IP literal: a host name reported as a node\'s InternalIP', async () => {
    trainerHits = [];
    const api = await studentCluster('localhost', trainerPort);
    try {
      const { text, http } = await gradeAlice(api.server, ['--http-via', 'nodeport'], 'crafted-address');
      expect(trainerHits).toEqual([]);
      expect(text).not.toContain(SECRET);
      expect(http.length).toBeGreaterThan(0);
      for (const check of http) expect(check).toMatchObject({ status: 'error', message: expect.stringContaining('not an IP address') as string });
    } finally {
      await api.stop();
    }
  });

  it('reach a handed-in cluster through its API server only, unless the trainer asks for node ports', async () => {
    trainerHits = [];
    // A plain loopback node address, and the trainer's service as the nodePort.
    const api = await studentCluster('127.0.0.1', trainerPort);
    try {
      const auto = await gradeAlice(api.server, [], 'auto');
      expect(trainerHits).toEqual([]);
      expect(auto.text).not.toContain(SECRET);
      for (const check of auto.http) expect(check.message).toContain('service kubernetes-app has no ready endpoint');
      // `--http-via nodeport` is the trainer's choice: then the node port is dialled, as the course does.
      const nodeport = await gradeAlice(api.server, ['--http-via', 'nodeport'], 'nodeport');
      expect(trainerHits.length).toBeGreaterThan(0);
      expect(nodeport.http.every((check) => check.status === 'fail')).toBe(true);
    } finally {
      await api.stop();
    }
  });

  it('quote no more of an error answer than a Kubernetes Status message', async () => {
    const api = await startStubApi(() => ({ status: 500, body: `<html>${SECRET} ${'x'.repeat(500)}</html>` }));
    try {
      const { alice, text } = await gradeAlice(api.server, [], 'raw-error');
      expect(alice.status).toBe('error');
      expect(alice.reason).toMatch(/answered 500/);
      expect(text).not.toContain(SECRET);
    } finally {
      await api.stop();
    }
  });
});

describe('a kubeconfig server', () => {
  it('handed in, is a scheme, a host and a port: a path or a query is refused before anything is sent', async () => {
    const api = await startStubApi(() => ({ status: 200, json: { message: SECRET } }));
    try {
      for (const server of [`${api.server}/latest/meta-data?x=`, `${api.server}/prefix`, `${api.server}?`, `${api.server}#frag`]) {
        const { alice } = await gradeAlice(server, [], 'server-path');
        expect(alice.status, server).toBe('error');
        expect(alice.reason, server).toMatch(/server .* must be a scheme, a host and a port/);
      }
      expect(api.requests).toEqual([]);
    } finally {
      await api.stop();
    }
  });

  it('of the user\'s own kubeconfig, may have a path (a Rancher cluster), never a query', async () => {
    const api = await startStubApi(({ path }) => (listOf(path.replace(/^\/k8s\/clusters\/c-1/, '')) ? listAnswer([]) : { status: 404, json: { message: 'not found' } }));
    try {
      const kubeconfig = join(dir, 'own.kubeconfig');
      writeFileSync(join(dir, 'answers_own'), '{}\n');
      writeFileSync(kubeconfig, kubeconfigText(`${api.server}/k8s/clusters/c-1`));
      const withPath = await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', 'alice', '--answers', join(dir, 'answers_own'), '--format', 'json', '--timeout', '2']);
      expect(withPath.exitCode, withPath.stderr).toBeLessThan(2);
      expect(api.requests.every((request) => request.startsWith('/k8s/clusters/c-1/'))).toBe(true);
      writeFileSync(kubeconfig, kubeconfigText(`${api.server}/k8s/clusters/c-1?x=`));
      const withQuery = await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', 'alice', '--answers', join(dir, 'answers_own'), '--timeout', '2']);
      expect(withQuery.exitCode).toBe(2);
      expect(withQuery.stderr).toMatch(/server .* must not hold a query/);
    } finally {
      await api.stop();
    }
  });
});
