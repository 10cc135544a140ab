// `reach` reading what the real API server stores: NetworkPolicies written
// without policyTypes (the API server fills them in), pods with named ports,
// the namespace's labels (listed cluster-wide). Nothing is dialled here: the
// KWOK tier's pods run nothing. test/kind/reach.test.ts compares the same
// decisions with real traffic.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { createTestNamespace, deleteNamespace, testKubeconfigPath } from '../support/cluster.js';
import { kubectlPath } from '../support/installed-tp.js';
import { runTp } from '../support/run-cli.js';
import type { CheckResult, Report } from '../../src/engine/types.js';

const work = mkdtempSync(join(tmpdir(), 'tp-reach-'));
let namespace = '';

const check = (id: string, params: string) => `      - { id: ${id}, kind: reach, points: 1, title: { fr: ${id}, en: ${id} }, params: ${params} }\n`;
const LAB = `id: reach-probe
title: { fr: Réseau, en: Network }
exercises:
  - id: policies
    title: { fr: Politiques, en: Policies }
    checks:
${check('front-to-api', '{ from: role=front, to: app=api, port: http }')}${check('other-to-api', '{ from: role=other, to: app=api, port: 8080, expect: denied }')}${check('api-out', '{ from: app=api, to: role=front, port: 80, expect: denied }')}${check('team-to-api', '{ from: { namespaceLabels: { team: blue } }, to: app=api, port: 8080 }')}${check('wrong', '{ from: role=other, to: app=api, port: 8080 }')}`;

const pod = (name: string, labels: string, ports = '[]') =>
  `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name}, labels: { ${labels} } }\nspec: { containers: [{ name: main, image: nginx, ports: ${ports} }] }\n`;

const kubectl = (args: string[], input?: string) =>
  execa(kubectlPath(), ['--kubeconfig', testKubeconfigPath(), '-n', namespace, ...args], input === undefined ? {} : { input });

let byId: (id: string) => CheckResult;

beforeAll(async () => {
  namespace = await createTestNamespace('reach');
  await kubectl(['label', 'namespace', namespace, 'team=blue']);
  await kubectl(['apply', '-f', '-'], `${[pod('api', 'app: api', '[{ name: http, containerPort: 8080 }]'), pod('front', 'role: front'), pod('other', 'role: other')].join('---\n')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api }
spec:
  # No policyTypes: the API server makes it [Ingress, Egress], since there are egress rules.
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from:
        - podSelector: { matchLabels: { role: front } }
        - namespaceSelector: { matchLabels: { team: blue } }
          podSelector: { matchLabels: { role: probe } }
      ports: [{ port: http }]
  egress:
    - to: [{ ipBlock: { cidr: 192.0.2.0/24 } }]
`);
  writeFileSync(join(work, 'lab.yaml'), LAB);
  writeFileSync(join(work, 'answers'), '{}\n');
}, 120_000);

afterAll(() => deleteNamespace(namespace));

const grade = async (lang: 'fr' | 'en') => {
  const run = await runTp(['check', join(work, 'lab.yaml'), '--kubeconfig', testKubeconfigPath(), '-n', namespace, '--answers', join(work, 'answers'), '--format', 'json', '--lang', lang]);
  const report = JSON.parse(run.stdout) as Report;
  byId = (id: string) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id) as CheckResult;
  return run.exitCode;
};

describe('reach on what the API server stores', () => {
  it('decides from the stored policy, its defaulted policyTypes and the namespace\'s labels', async () => {
    expect(await grade('en')).toBe(1);
    expect(byId('front-to-api')).toMatchObject({ status: 'pass', message: 'pods labelled role=front can open port http/TCP of pods labelled app=api' });
    expect(byId('other-to-api')).toMatchObject({ status: 'pass', messageId: 'reach.denied' });
    // Egress was made a policy type by the API server: api may only reach 192.0.2.0/24.
    expect(byId('api-out')).toMatchObject({ status: 'pass', messageId: 'reach.denied' });
    // Any pod of a namespace labelled team=blue, but only role=probe ones are let in.
    expect(byId('team-to-api')).toMatchObject({ status: 'fail', messageId: 'reach.blocked-ingress' });
    expect(byId('wrong')).toMatchObject({
      status: 'fail',
      message: 'pod other cannot open port 8080/TCP of pod api: NetworkPolicy api isolates api for ingress and lets no such connection in',
    });
  });

  it('says it in French', async () => {
    await grade('fr');
    expect(byId('wrong').message).toBe('le pod other ne peut pas ouvrir le port 8080/TCP du pod api : NetworkPolicy api isole api en entrée et ne laisse pas passer cette connexion');
  });
});
