// A credential written inside a registry name — an image `user:pass@host/app:tag`,
// a docker config `auths` key `https://user:pass@host` — is redacted like a
// Secret's values: on the real cluster, no report, snapshot, gradebook file or
// error holds it, and the registry is still recognised by its host.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KubernetesObject } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers, tp4Manifests, TEST_REGISTRY } from '../support/tp4-solution.js';
import type { Report } from '../../src/engine/types.js';

const PASSWORD = 'Hunter2-In-The-Name';
const USERINFO = `student:${PASSWORD}`;
const kubeconfig = testKubeconfigPath();
const kc = makeKubeConfig();
const work = mkdtempSync(join(tmpdir(), 'tp-registry-credentials-'));
const answers = join(work, 'answers_tp4');
let namespace = '';

const dockerConfig = JSON.stringify({ auths: { [`https://${USERINFO}@${TEST_REGISTRY}`]: { auth: Buffer.from(USERINFO).toString('base64') } } });

// The student wrote the credentials in the image, and an old tag, so the image check fails and shows the image.
const withCredentials = (object: KubernetesObject): KubernetesObject => {
  if (object.kind === 'Secret') return { ...object, stringData: { '.dockerconfigjson': dockerConfig } } as KubernetesObject;
  if (object.kind !== 'Deployment') return object;
  const text = JSON.stringify(object).replace(`"image":"${TEST_REGISTRY}/`, `"image":"${USERINFO}@${TEST_REGISTRY}/`).replace(':v0.2"', ':v0.1"');
  return JSON.parse(text) as KubernetesObject;
};

beforeAll(async () => {
  writeFileSync(answers, answersFileText(tp4Answers(kubeconfig)));
  namespace = await createTestNamespace('registry-credentials', kc);
  await applyManifests(namespace, tp4Manifests().map(withCredentials), kc);
});
afterAll(async () => {
  await deleteNamespace(namespace, kc);
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));

it('no output holds the password written in a registry name', async () => {
  const outputs: Array<{ label: string; text: string }> = [];
  const check = (format: string) => runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--http-via', 'nodeport', '--timeout', '1', '--format', format, '--lang', 'en']);
  for (const format of ['pretty', 'json', 'junit']) {
    const run = await check(format);
    outputs.push({ label: `check ${format}`, text: run.stdout + run.stderr });
  }
  const snapshot = await runTp(['snapshot', '4', '--kubeconfig', kubeconfig, '-n', namespace]);
  expect(snapshot.exitCode, snapshot.stderr).toBe(0);
  outputs.push({ label: 'snapshot', text: snapshot.stdout + snapshot.stderr });
  const cohort = join(work, 'cohort.yaml');
  writeFileSync(cohort, `lab: tp4\ndefaults: { kubeconfig: ${kubeconfig}, answers: ${answers} }\nstudents:\n  - { id: s1, namespace: ${namespace} }\n`);
  const grade = await runTp(['grade', 'tp4', '--cohort', cohort, '--output', join(work, 'grades'), '--http-via', 'nodeport', '--timeout', '1']);
  outputs.push({ label: 'grade', text: grade.stdout + grade.stderr });
  for (const file of filesUnder(join(work, 'grades'))) outputs.push({ label: file, text: readFileSync(file, 'utf8') });

  expect(outputs.filter(({ text }) => text.includes(PASSWORD)).map(({ label }) => label)).toEqual([]);

  // What is left says where the credentials were, and the registry is still known by its host.
  const report = JSON.parse(outputs.find((o) => o.label === 'check json')?.text ?? '{}') as Report;
  const checks = new Map(report.exercises.flatMap((e) => e.checks).map((c) => [c.id, c]));
  expect(checks.get('regsec-registry')).toMatchObject({ status: 'pass', message: expect.stringContaining(TEST_REGISTRY) });
  expect(checks.get('image-v0-2')?.message).toContain(`<redacted>@${TEST_REGISTRY}/`);
});
