// How each object was made, read back from what the real API server records
// when the real kubectl writes: apply -f, apply --server-side, create, run,
// scale, label, edit. `tp check` with provenance checks tells them apart and
// gives the order in which the objects were made.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, deleteNamespace, testKubeconfigPath } from '../support/cluster.js';
import { kubectlPath } from '../support/installed-tp.js';
import { runTp } from '../support/run-cli.js';
import type { Report } from '../../src/engine/types.js';

const kubeconfig = testKubeconfigPath();
const workDir = mkdtempSync(join(tmpdir(), 'tp-provenance-'));
let namespace = '';

const kubectl = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  execa(kubectlPath(), ['--kubeconfig', kubeconfig, '-n', namespace, ...args], { input: options.input, env: options.env });

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { app: web } }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [ { name: web, image: nginx:1.25 } ] }
`;

const check = (id: string, resource: string, name: string, params: string) =>
  `      - { id: ${id}, kind: provenance, points: 1, title: { fr: ${id}, en: ${id} }, params: { resource: ${resource}, name: ${name}, ${params} } }\n`;

const LAB = `id: provenance-probe
title: { fr: Provenance, en: Provenance }
exercises:
  - id: made
    title: { fr: Fait, en: Made }
    checks:
${check('web-applied', 'deployments', 'web', 'made: [apply]')}${check('web-scaled', 'deployments', 'web', 'used: [scale]')}${check('cm-created', 'configmaps', 'created', 'made: [create], used: [label]')}${check('cm-ssa', 'configmaps', 'server-side', 'made: [server-side-apply]')}${check('pod-run', 'pods', 'runner', 'made: [run]')}${check('edited', 'deployments', 'edited', 'made: [apply], used: [edit]')}${check('web-not-created', 'deployments', 'web', 'made: [create]')}`;

let report: Report;
const result = (id: string) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id);

beforeAll(async () => {
  namespace = await createTestNamespace('provenance');
  await kubectl(['apply', '-f', '-'], { input: DEPLOYMENT });
  await kubectl(['scale', 'deploy/web', '--replicas=2']);
  await kubectl(['create', 'configmap', 'created', '--from-literal=message=hello']);
  await kubectl(['label', 'configmap/created', 'country=fr']);
  const ssa = (await kubectl(['create', 'configmap', 'server-side', '--from-literal=a=b', '--dry-run=client', '-o', 'yaml'])).stdout;
  await kubectl(['apply', '--server-side', '-f', '-'], { input: ssa });
  await kubectl(['run', 'runner', '--image=nginx:1.25']);
  await kubectl(['apply', '-f', '-'], { input: DEPLOYMENT.replace(/\bweb\b/g, 'edited') });
  // kubectl edit with an "editor" that changes the image, as a student in vi would.
  await kubectl(['edit', 'deploy/edited'], { env: { KUBE_EDITOR: "sed -i s/nginx:1.25/nginx:1.26/" } });
  const labFile = join(workDir, 'lab.yaml');
  writeFileSync(labFile, LAB);
  const answers = join(workDir, 'answers');
  writeFileSync(answers, '{}\n');
  const run = await runTp(['check', labFile, '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--format', 'json', '--lang', 'en']);
  report = JSON.parse(run.stdout) as Report;
}, 120_000);

afterAll(() => deleteNamespace(namespace));

describe('provenance on the real API server, written by the real kubectl', () => {
  it('kubectl apply -f, then kubectl scale', () => {
    expect(result('web-applied')?.status).toBe('pass');
    expect(result('web-scaled')?.status).toBe('pass');
    expect(result('web-applied')?.message).toMatch(/^Deployment web: made with kubectl apply -f, then changed with kubectl scale \(object 1 of \d+ in the order of creation\)$/);
    expect(result('web-applied')?.details).toMatchObject({ made: 'apply', then: 'scale' });
    expect(String(result('web-applied')?.details?.managers)).toContain('kubectl-client-side-apply');
  });

  it('kubectl create then kubectl label; kubectl apply --server-side; kubectl run; kubectl edit', () => {
    expect(result('cm-created')?.status).toBe('pass');
    expect(result('cm-created')?.message).toContain('made with kubectl create, then changed with kubectl label');
    expect(result('cm-ssa')?.status).toBe('pass');
    expect(result('pod-run')?.status).toBe('pass');
    expect(result('edited')?.status).toBe('pass');
  });

  it('a method not used fails, saying how the object was made', () => {
    expect(result('web-not-created')?.status).toBe('fail');
    expect(result('web-not-created')?.message).toContain('made with kubectl apply -f, then changed with kubectl scale, kubectl create expected');
  });

  it('the order of the work: each object has its rank of creation', () => {
    const rank = (id: string) => Number(/object (\d+) of/.exec(result(id)?.message ?? '')?.[1]);
    expect(rank('web-applied')).toBeLessThan(rank('cm-created'));
    expect(rank('cm-created')).toBeLessThan(rank('pod-run'));
  });
});
