// `tp lab test` of a lab made of the four new check kinds, on real pods: its
// reference solution (a pod that logs and starts, a Role bound to a
// ServiceAccount, a NetworkPolicy) passes every check, an empty namespace fails
// every one, each mutation fails exactly the checks it names, each exercise
// undone scores 0. The log reader and the events, RBAC and policy reads go
// through the same path as `tp check`, in the scratch namespaces lab test makes.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { runLabTest } from '../../src/labtest/run-lab-test.js';
import { formatLabTestSummary } from '../../src/report/lab-test.js';
import { testKubeconfigPath } from '../support/cluster.js';

const check = (id: string, kind: string, params: string) =>
  `      - { id: ${id}, kind: ${kind}, points: 1, title: { fr: ${id}, en: ${id} }, params: ${params} }\n`;

const LAB = `id: new-checks
title: { fr: Nouveaux contrôles, en: New checks }
exercises:
  - id: app
    title: { fr: L'application, en: The app }
    checks:
${check('web-listening', 'logs', '{ pod: web, contains: "Listening on" }')}${check('web-started', 'events', '{ resource: pods, name: web, reasons: { allOf: [Started], noneOf: [BackOff, Failed] } }')}
  - id: security
    title: { fr: Sécurité, en: Security }
    requires: [app]
    undo: { delete: [RoleBinding/ci-reader, NetworkPolicy/web-ingress, Pod/client] }
    checks:
${check('ci-lists-pods', 'access', '{ subject: { kind: ServiceAccount, name: ci }, verb: list, resource: pods }')}${check('client-reaches-web', 'reach', '{ from: role=client, to: app=web, port: http }')}${check('others-kept-out', 'reach', '{ from: role=other, to: app=web, port: http, expect: denied }')}
mutations:
  - id: no-binding
    fails: [ci-lists-pods]
    delete: [RoleBinding/ci-reader]
  - id: no-policy
    fails: [others-kept-out]
    delete: [NetworkPolicy/web-ingress]
  - id: no-client
    fails: [client-reaches-web]
    delete: [Pod/client]
  - id: web-never-starts
    fails: [web-listening, web-started]
    patch: [{ target: Pod/web, merge: { spec: { containers: [ { name: main, image: "tp.invalid/no/such-image:1" } ] } } }]
  - id: quiet-web
    fails: [web-listening]
    patch: [{ target: Pod/web, merge: { spec: { containers: [ { name: main, command: [sh, -c, "exec sleep 3600"] } ] } } }]
`;

const SOLUTION = `apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: main
      image: alpine
      command: [sh, -c, "echo Listening on :8080; exec sleep 3600"]
      ports: [{ name: http, containerPort: 8080 }]
---
apiVersion: v1
kind: Pod
metadata: { name: client, labels: { role: client } }
spec: { terminationGracePeriodSeconds: 1, containers: [ { name: main, image: alpine, command: [sleep, "3600"] } ] }
---
apiVersion: v1
kind: Pod
metadata: { name: other, labels: { role: other } }
spec: { terminationGracePeriodSeconds: 1, containers: [ { name: main, image: alpine, command: [sleep, "3600"] } ] }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: ci }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: pod-reader }
rules: [{ apiGroups: [""], resources: [pods], verbs: [get, list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ci-reader }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader }
subjects: [{ kind: ServiceAccount, name: ci }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-ingress }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress: [{ from: [{ podSelector: { matchLabels: { role: client } } }], ports: [{ port: http }] }]
`;

describe('a lab of events, logs, access and reach proves itself on real pods', () => {
  test('tp lab test: solution 100 %, empty 0, each mutation and undone exercise fails exactly its checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kind-lab-new-checks-'));
    mkdirSync(join(dir, 'solution'));
    writeFileSync(join(dir, 'lab.yaml'), LAB);
    writeFileSync(join(dir, 'solution', 'manifests.yaml'), SOLUTION);
    const lab = await loadLabFile(join(dir, 'lab.yaml'), checkKinds);
    const result = await runLabTest({
      lab,
      kubeconfig: loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent-home' }),
      variables: {},
      httpVia: 'nodeport',
      timeoutMs: 10_000,
      lang: 'en',
      now: () => new Date(),
      settleTimeoutMs: 240_000,
      concurrency: 3,
    });
    expect(result.ok, formatLabTestSummary(lab.id, result)).toBe(true);
    expect(result.skippedInSolution).toEqual([]);
    const solution = result.verdicts.find((v) => v.id === 'solution');
    expect(solution?.report.score).toBe(5);
    expect(result.verdicts.map((v) => v.id).sort()).toEqual(['empty', 'no-binding', 'no-client', 'no-policy', 'quiet-web', 'solution', 'undone:app', 'undone:security', 'web-never-starts']);
  });
});
