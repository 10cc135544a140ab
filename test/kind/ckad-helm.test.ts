// The CKAD set's Helm section (labs/ckad-helm) on the kind tier, in two parts.
// First the real helm (built from its Go module by scripts/kind/helm.sh) plays
// the lab in a namespace: helm create, install with a values file, upgrade with
// two, install and uninstall --keep-history, install with --set; tp check then
// grades what Helm left there at full marks, and the lab's reference solution
// (manifests, since tp lab test runs no helm) carries the labels Helm wrote.
// Then tp lab test proves the lab from that solution: every mutation fails its
// checks, every exercise undone earns 0.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../src/engine/types.js';
import { createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { proveLabOnKind } from './support/lab-proof.js';

const kc = makeKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const work = mkdtempSync(join(tmpdir(), 'tp-ckad-helm-'));
let helmPath = '';
let namespace = '';

const helm = async (args: string[]) =>
  execa(helmPath, [...args, '--kubeconfig', testKubeconfigPath(), '-n', namespace], {
    cwd: work,
    // Helm's own folders, in the scratch directory: nothing of the machine's.
    env: { HELM_CACHE_HOME: join(work, 'cache'), HELM_CONFIG_HOME: join(work, 'config'), HELM_DATA_HOME: join(work, 'data') },
    timeout: 180_000,
  });

interface Labelled { kind: string; metadata: { name: string; labels?: Record<string, string> } }
const solution = parseAllDocuments(readFileSync('labs/ckad-helm/solution/manifests.yaml', 'utf8')).map((d) => d.toJSON() as Labelled);

beforeAll(async () => {
  helmPath = (await execa('bash', ['scripts/kind/helm.sh'], { timeout: 3_000_000 })).stdout.trim();
  namespace = await createTestNamespace('ckad-helm', kc);
  await helm(['create', 'chart-test']);
  writeFileSync(join(work, 'myvalues.yaml'), 'service:\n  type: NodePort\n');
  writeFileSync(join(work, 'override.yaml'), 'replicaCount: 2\n');
  await helm(['install', '-f', 'myvalues.yaml', 'myredis', './chart-test']);
  await helm(['upgrade', '-f', 'myvalues.yaml', '-f', 'override.yaml', 'myredis', './chart-test']);
  await helm(['install', 'myredis-old', './chart-test']);
  await helm(['uninstall', '--keep-history', 'myredis-old']);
  await helm(['install', 'mynode', './chart-test', '--set', 'replicaCount=5']);
}, 3_600_000);

afterAll(async () => {
  if (namespace) await deleteNamespace(namespace, kc);
  rmSync(work, { recursive: true, force: true });
});

describe('ckad-helm', () => {
  test('what the real helm leaves in the namespace scores full marks', async () => {
    const answers = join(work, 'answers_ckad-helm');
    writeFileSync(answers, readFileSync('labs/ckad-helm/solution/answers_ckad-helm'));
    let report: Report | undefined;
    await waitFor(async () => {
      const run = await runTp(['check', 'ckad-helm', '--kubeconfig', testKubeconfigPath(), '-n', namespace, '--answers', answers, '--format', 'json']);
      report = JSON.parse(run.stdout) as Report;
      return report.score === report.maxScore;
    }, 300_000, 'helm\'s release state graded at full marks').catch(() => undefined);
    const failed = (report?.exercises ?? []).flatMap((e) => e.checks).filter((c) => c.status !== 'pass' && c.status !== 'manual');
    expect(failed.map((c) => `${c.id}: ${c.message}`)).toEqual([]);
  }, 600_000);

  test('the reference solution carries the labels and types Helm wrote', async () => {
    const secrets = (await core.listNamespacedSecret({ namespace, labelSelector: 'owner=helm' })).items;
    const deployments = (await apps.listNamespacedDeployment({ namespace })).items;
    const services = (await core.listNamespacedService({ namespace })).items;
    const real = new Map<string, Record<string, string>>([
      ...secrets.map((s) => [`Secret/${s.metadata?.name ?? ''}`, { ...s.metadata?.labels, type: s.type ?? '' }] as const),
      ...deployments.map((d) => [`Deployment/${d.metadata?.name ?? ''}`, { ...d.metadata?.labels }] as const),
      ...services.map((s) => [`Service/${s.metadata?.name ?? ''}`, { ...s.metadata?.labels, type: s.spec?.type ?? '' }] as const),
    ]);
    const ours = solution.filter((o) => ['Secret', 'Deployment', 'Service'].includes(o.kind));
    expect([...real.keys()].sort()).toEqual(ours.map((o) => `${o.kind}/${o.metadata.name}`).sort());
    for (const object of ours) {
      const wanted: Record<string, string> = { ...object.metadata.labels };
      if (object.kind === 'Secret') wanted.type = (object as unknown as { type: string }).type;
      if (object.kind === 'Service') wanted.type = (object as unknown as { spec: { type: string } }).spec.type;
      expect(real.get(`${object.kind}/${object.metadata.name}`), `${object.kind}/${object.metadata.name}`).toMatchObject(wanted);
    }
    const replicas = Object.fromEntries(deployments.map((d) => [d.metadata?.name, d.spec?.replicas]));
    expect(replicas).toEqual({ 'myredis-chart-test': 2, 'mynode-chart-test': 5 });
  });

  test('tp lab test ckad-helm proves the lab from its reference solution', async () => {
    await proveLabOnKind('ckad-helm');
  }, 1_200_000);
});
