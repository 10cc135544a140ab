// `reach` against real traffic. Pods serve HTTP on real ports, NetworkPolicies
// isolate them (default deny, pod and namespace selectors ANDed, named ports, a
// port range, an egress rule), and each question of a table is asked twice: of
// `tp check`, which decides from the policies, and of the pods themselves, a
// client connecting to a server (`wget` from the mirror's busybox, or Python
// with the older stand-in). The answers must be the same. This needs a CNI that
// enforces NetworkPolicy on the kind tier: without one every connection goes
// through, and this test fails (it does not skip) saying so.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, deleteNamespace, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import type { Report } from '../../src/engine/types.js';
import { kubectl } from './support/kind.js';

const kubeconfig = testKubeconfigPath();
const work = mkdtempSync(join(tmpdir(), 'kind-reach-'));
let student = '';
let outside = '';

// One shell line for either image: busybox's httpd, or Python's http.server.
// The servers start once the page exists: `a && b & c &` would background the
// whole `a && b` list and start c at once, and an httpd whose folder is not
// there yet exits (a port that never answers, one run in several).
const serve = (ports: number[]) =>
  `mkdir -p /tmp/www && echo ok > /tmp/www/index.html && cd /tmp/www && { ${ports.map((port) => `(if command -v httpd >/dev/null 2>&1; then httpd -f -p ${port} -h /tmp/www; else python3 -m http.server ${port}; fi) &`).join(' ')} wait; }`;

const pod = (name: string, labels: string, command: string, ports = '[]') => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, labels: { ${labels} } }
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: main
      image: alpine
      command: [sh, -c, '${command}']
      ports: ${ports}
`;

const STUDENT_PODS = [
  pod('api', 'app: api', serve([8080, 9090]), '[{ name: http, containerPort: 8080 }, { name: metrics, containerPort: 9090 }]'),
  pod('db', 'app: db', serve([5432]), '[{ name: postgres, containerPort: 5432 }]'),
  pod('front', 'role: front', 'exec sleep 3600'),
  pod('other', 'role: other', 'exec sleep 3600'),
  pod('locked', 'role: locked', 'exec sleep 3600'),
].join('---\n');

const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny-ingress }
spec: { podSelector: {}, policyTypes: [Ingress] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-http }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ podSelector: { matchExpressions: [{ key: role, operator: In, values: [front, locked] }] } }]
      ports: [{ port: http }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-metrics-for-blue-visitors }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ namespaceSelector: { matchLabels: { team: blue } }, podSelector: { matchLabels: { role: visitor } } }]
      ports: [{ protocol: TCP, port: 9090 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-range }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress:
    - from: [{ podSelector: { matchExpressions: [{ key: role, operator: In, values: [other, locked] }] } }]
      ports: [{ port: 5000, endPort: 5500 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: locked-egress }
spec:
  podSelector: { matchLabels: { role: locked } }
  policyTypes: [Egress]
  egress:
    - to: [{ podSelector: { matchLabels: { app: db } } }]
      ports: [{ port: 5432 }]
`;

interface Question {
  id: string;
  client: { namespace: () => string; pod: string };
  from: string;
  to: string;
  server: string;
  port: number | string;
  portNumber: number;
}

const inStudent = (pod: string) => ({ namespace: () => student, pod });
const visitor = { namespace: () => outside, pod: 'visitor' };
const QUESTIONS: Question[] = [
  { id: 'front-api-http', client: inStudent('front'), from: 'role=front', to: 'app=api', server: 'api', port: 'http', portNumber: 8080 },
  { id: 'front-api-metrics', client: inStudent('front'), from: 'role=front', to: 'app=api', server: 'api', port: 9090, portNumber: 9090 },
  { id: 'other-api-http', client: inStudent('other'), from: 'role=other', to: 'app=api', server: 'api', port: 8080, portNumber: 8080 },
  { id: 'visitor-api-metrics', client: visitor, from: '{ namespaceLabels: { team: blue }, podLabels: { role: visitor } }', to: 'app=api', server: 'api', port: 'metrics', portNumber: 9090 },
  { id: 'visitor-api-http', client: visitor, from: '{ namespaceLabels: { team: blue }, podLabels: { role: visitor } }', to: 'app=api', server: 'api', port: 8080, portNumber: 8080 },
  { id: 'other-db', client: inStudent('other'), from: 'role=other', to: 'app=db', server: 'db', port: 5432, portNumber: 5432 },
  { id: 'front-db', client: inStudent('front'), from: 'role=front', to: 'app=db', server: 'db', port: 'postgres', portNumber: 5432 },
  { id: 'locked-db', client: inStudent('locked'), from: 'role=locked', to: 'app=db', server: 'db', port: 5432, portNumber: 5432 },
  { id: 'locked-api-http', client: inStudent('locked'), from: 'role=locked', to: 'app=api', server: 'api', port: 'http', portNumber: 8080 },
];

const LAB = `id: reach-on-kind
title: { fr: Réseau, en: Network }
exercises:
  - id: policies
    title: { fr: Politiques, en: Policies }
    checks:
${QUESTIONS.map((q) => `      - { id: ${q.id}, kind: reach, points: 1, title: { fr: ${q.id}, en: ${q.id} }, params: { from: ${q.from.startsWith('{') ? q.from : `"${q.from}"`}, to: "${q.to}", port: ${q.port} } }\n`).join('')}`;

const podIp = async (namespace: string, name: string) => kubectl(namespace, ['get', 'pod', name, '-o', 'jsonpath={.status.podIP}']);

/** Whether the client really opens the port: an HTTP GET that answers `ok` within 3 s. */
const connects = async (question: Question, ips: Map<string, string>): Promise<boolean> => {
  const url = `http://${ips.get(question.server)}:${question.portNumber}/`;
  const script = `if command -v wget >/dev/null 2>&1; then wget -q -T 3 -O - ${url}; else python3 -c "import urllib.request; print(urllib.request.urlopen('${url}', timeout=3).read().decode())"; fi`;
  try {
    return (await kubectl(question.client.namespace(), ['exec', question.client.pod, '--', 'sh', '-c', script])).trim() === 'ok';
  } catch {
    return false;
  }
};

const tpDecides = async (): Promise<Record<string, boolean>> => {
  const run = await runTp(['check', join(work, 'lab.yaml'), '--kubeconfig', kubeconfig, '-n', student, '--answers', join(work, 'answers'), '--format', 'json']);
  const checks = (JSON.parse(run.stdout) as Report).exercises.flatMap((e) => e.checks);
  for (const check of checks) expect(['reach.allowed', 'reach.blocked-ingress', 'reach.blocked-egress'], check.message).toContain(check.messageId);
  return Object.fromEntries(checks.map((check) => [check.id, check.status === 'pass']));
};

beforeAll(async () => {
  student = await createTestNamespace('kind-reach');
  outside = await createTestNamespace('kind-reach-blue');
  await kubectl(outside, ['label', 'namespace', outside, 'team=blue']);
  await kubectl(student, ['apply', '-f', '-'], STUDENT_PODS);
  await kubectl(outside, ['apply', '-f', '-'], pod('visitor', 'role: visitor', 'exec sleep 3600'));
  await kubectl(student, ['wait', '--for=condition=Ready', 'pod', '--all', '--timeout=180s']);
  await kubectl(outside, ['wait', '--for=condition=Ready', 'pod', '--all', '--timeout=180s']);
  writeFileSync(join(work, 'lab.yaml'), LAB);
  writeFileSync(join(work, 'answers'), '{}\n');
}, 600_000);

afterAll(async () => {
  await Promise.all([student && deleteNamespace(student), outside && deleteNamespace(outside)]);
});

describe('reach against real traffic', () => {
  it('with no policy, every client reaches every server, and tp says so', async () => {
    const ips = new Map([['api', await podIp(student, 'api')], ['db', await podIp(student, 'db')]]);
    const real = Object.fromEntries(await Promise.all(QUESTIONS.map(async (q) => [q.id, await connects(q, ips)] as const)));
    expect(real).toEqual(Object.fromEntries(QUESTIONS.map((q) => [q.id, true])));
    expect(await tpDecides()).toEqual(real);
  });

  it('with the policies, tp decides what the traffic does', async () => {
    await kubectl(student, ['apply', '-f', '-'], POLICIES);
    const decided = await tpDecides();
    // A table that only says "yes" (or only "no") would prove little.
    expect(Object.values(decided).filter(Boolean).length).toBeGreaterThanOrEqual(3);
    expect(Object.values(decided).filter((yes) => !yes).length).toBeGreaterThanOrEqual(4);
    const ips = new Map([['api', await podIp(student, 'api')], ['db', await podIp(student, 'db')]]);
    let real: Record<string, boolean> = {};
    // The enforcer applies new policies within seconds: the traffic is asked until it agrees, or the time is up.
    await waitFor(async () => {
      real = Object.fromEntries(await Promise.all(QUESTIONS.map(async (q) => [q.id, await connects(q, ips)] as const)));
      return JSON.stringify(real) === JSON.stringify(decided);
    }, 60_000, 'the traffic to follow the policies', 2000).catch(() => undefined);
    expect(real, 'real traffic (left: what the pods did; a pod reached everywhere means the kind tier\'s CNI enforces no NetworkPolicy)').toEqual(decided);
  });
});
