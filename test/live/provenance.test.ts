// How each object was made, read back from what the real API server records
// when the real kubectl writes: apply -f, apply --server-side, create, run,
// scale, label, edit, rollout undo, pause and resume, autoscale. `tp check` with provenance checks tells them apart and
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
${check('web-applied', 'deployments', 'web', 'made: [apply]')}${check('web-scaled', 'deployments', 'web', 'used: [scale]')}${check('cm-created', 'configmaps', 'created', 'made: [create], used: [label]')}${check('cm-ssa', 'configmaps', 'server-side', 'made: [server-side-apply]')}${check('pod-run', 'pods', 'runner', 'made: [run]')}${check('edited', 'deployments', 'edited', 'made: [apply], used: [edit]')}${check('web-not-created', 'deployments', 'web', 'made: [create]')}${check('empty-labelled', 'configmaps', 'empty', 'used: [label]')}${check('file-labelled', 'configmaps', 'in-file', 'used: [label]')}${check('empty-unlabelled', 'configmaps', 'bare', 'used: [label]')}${check('undone', 'deploy', 'history', 'made: [create], used: [rollout]')}${check('paused', 'deploy', 'paused', 'used: [rollout]')}${check('resumed', 'deploy', 'resumed', 'used: [rollout]')}${check('hpa-autoscaled', 'hpa', 'history', 'made: [autoscale]')}${check('run-then-label', 'pods', 'quick', 'made: [run], used: [label]')}`;

let report: Report;
const nextSecond = () => new Promise((settled) => setTimeout(settled, 1100));
const result = (id: string) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id);

beforeAll(async () => {
  namespace = await createTestNamespace('provenance');
  await kubectl(['apply', '-f', '-'], { input: DEPLOYMENT });
  await kubectl(['scale', 'deploy/web', '--replicas=2']);
  // creationTimestamp counts whole seconds: the order of the work shows between objects made in different seconds.
  await nextSecond();
  await kubectl(['create', 'configmap', 'created', '--from-literal=message=hello']);
  await kubectl(['label', 'configmap/created', 'country=fr']);
  const ssa = (await kubectl(['create', 'configmap', 'server-side', '--from-literal=a=b', '--dry-run=client', '-o', 'yaml'])).stdout;
  await kubectl(['apply', '--server-side', '-f', '-'], { input: ssa });
  await nextSecond();
  await kubectl(['run', 'runner', '--image=nginx:1.25']);
  await kubectl(['apply', '-f', '-'], { input: DEPLOYMENT.replace(/\bweb\b/g, 'edited') });
  // kubectl edit with an "editor" that changes the image, as a student in vi would.
  await kubectl(['edit', 'deploy/edited'], { env: { KUBE_EDITOR: "sed -i s/nginx:1.25/nginx:1.26/" } });
  // TP4 section 2 word for word: empty ConfigMaps, then kubectl label; or the labels written in a file.
  await kubectl(['create', 'cm', 'empty']);
  await kubectl(['label', 'cm/empty', 'version=1.0', 'country=fr']);
  await kubectl(['create', 'cm', 'bare']);
  await kubectl(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: in-file, labels: { version: "1.0", country: fr } }\n' });
  // The CKAD deployment history: create, set image, rollout undo; autoscale; pause, and pause then resume.
  await kubectl(['create', 'deployment', 'history', '--image=nginx:1.18.0']);
  await kubectl(['set', 'image', 'deploy/history', 'nginx=nginx:1.19.8']);
  await kubectl(['rollout', 'undo', 'deploy/history', '--to-revision=1']);
  await kubectl(['autoscale', 'deploy', 'history', '--min=5', '--max=10', '--cpu-percent=80']);
  for (const name of ['paused', 'resumed']) {
    await kubectl(['create', 'deployment', name, '--image=nginx:1.18.0']);
    await kubectl(['rollout', 'pause', `deploy/${name}`]);
  }
  await kubectl(['rollout', 'resume', 'deploy/resumed']);
  // kubectl run then kubectl label at once: within one second, the server lists kubectl-label first.
  await kubectl(['run', 'quick', '--image=nginx:1.25', '--labels=app=v1']);
  await kubectl(['label', 'pod/quick', 'tier=web']);
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

describe('kubectl rollout and kubectl autoscale, as kubectl 1.36 records them', () => {
  it('kubectl rollout undo: no field manager sent, so the user agent\'s kubectl, an Update with no subresource, read as kubectl rollout', () => {
    expect(result('undone')?.status).toBe('pass');
    // The undo takes the image from kubectl set, whose only field it was: kubectl set leaves no trace then.
    expect(result('undone')?.message).toMatch(/: made with kubectl create, then changed with kubectl rollout \(/);
  });

  it('kubectl autoscale makes the HPA as kubectl-autoscale', () => {
    expect(result('hpa-autoscaled')?.status).toBe('pass');
    expect(result('hpa-autoscaled')?.message).toMatch(/^HorizontalPodAutoscaler history: made with kubectl autoscale \(object \d+ of \d+ in the order of creation\)$/);
  });

  it('kubectl run then kubectl label within a second: made with kubectl run, whatever order the server lists them in', () => {
    expect(result('run-then-label')?.status).toBe('pass');
    expect(result('run-then-label')?.message).toMatch(/^Pod quick: made with kubectl run, then changed with kubectl label \(/);
  });

  it('kubectl rollout pause leaves kubectl-rollout on spec.paused; resume clears the field, and the trace with it', () => {
    expect(result('paused')?.status).toBe('pass');
    expect(result('resumed')).toMatchObject({ status: 'fail', messageId: 'provenance.not-used' });
  });
});

describe('what kubectl 1.36 leaves in managedFields for the course\'s kubectl scale and kubectl label', () => {
  const managedFields = async (resource: string) =>
    ((JSON.parse((await kubectl(['get', resource, '-o', 'json', '--show-managed-fields'])).stdout) as { metadata: { managedFields?: Array<Record<string, unknown>> } }).metadata.managedFields ?? [])
      .map(({ manager, operation, subresource, time }) => ({ manager, operation, subresource, hasTime: time !== undefined }));

  it('kubectl scale: manager kubectl (no --field-manager: the user agent), operation Update, subresource scale, no time', async () => {
    expect(await managedFields('deploy/web')).toContainEqual({ manager: 'kubectl', operation: 'Update', subresource: 'scale', hasTime: false });
  });

  it('kubectl rollout undo: manager kubectl, operation Update, no subresource', async () => {
    expect(await managedFields('deploy/history')).toContainEqual({ manager: 'kubectl', operation: 'Update', subresource: undefined, hasTime: true });
  });

  it('kubectl label: manager kubectl-label on an object with fields; on an empty ConfigMap (kubectl create cm) nothing at all', async () => {
    expect(await managedFields('cm/created')).toContainEqual({ manager: 'kubectl-label', operation: 'Update', subresource: undefined, hasTime: true });
    expect(await managedFields('cm/empty')).toEqual([]);
  });

  it('so the labels of an empty ConfigMap are the evidence: set after it was made, not written in a file', () => {
    expect(result('empty-labelled')).toMatchObject({ status: 'pass', messageId: 'provenance.labels-untracked' });
    expect(result('empty-labelled')?.message).toBe('ConfigMap empty: made empty, its labels set afterwards by a command the server does not record on an empty object (kubectl label, or kubectl edit)');
    expect(result('file-labelled')).toMatchObject({ status: 'fail', messageId: 'provenance.not-used' });
    expect(result('file-labelled')?.message).toContain('kubectl label was not used (made with kubectl apply -f)');
    expect(result('empty-unlabelled')).toMatchObject({ status: 'fail', messageId: 'provenance.not-used' });
  });
});
