// No output of any command, in any format or language, holds a Secret's value:
// neither the known password of regsec, nor its base64 at any alignment (the
// auth field, the whole .dockerconfigjson as the API stores it). Messages about
// a Secret name its keys and registry hosts only.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath } from '../support/cluster.js';
import { runTp, type CliRun } from '../support/run-cli.js';
import { filesUnder, recordedOutputs } from '../support/recorded-outputs.js';
import { answersFileText, tp4Answers, tp4Manifests, TEST_REGISTRY } from '../support/tp4-solution.js';
import { solvedTp4Namespace, type SolvedTp4 } from '../support/tp4-namespace.js';
import type { Report } from '../../src/engine/types.js';

const PASSWORD = 'S3cr3t-Regsec-Pa55';
const OTHER_REGISTRY = 'other-registry.example.net';
const kubeconfig = testKubeconfigPath();
const kc = makeKubeConfig();
const work = mkdtempSync(join(tmpdir(), 'tp-secrets-'));
const answers = join(work, 'answers_tp4');
let solved: SolvedTp4 | undefined;
/** A namespace whose regsec names another registry than the image's: the registry check fails and talks about the Secret. */
let wrongRegistry = '';

const dockerConfig = (registry: string) => JSON.stringify({ auths: { [registry]: { username: 'student', password: PASSWORD, auth: Buffer.from(`student:${PASSWORD}`).toString('base64') } } });

/** What must never be printed: the password, and the stored values in base64 (the API returns Secret data so). */
const FORBIDDEN = [PASSWORD, Buffer.from(PASSWORD).toString('base64'), Buffer.from(`student:${PASSWORD}`).toString('base64'), ...[TEST_REGISTRY, OTHER_REGISTRY].map((r) => Buffer.from(dockerConfig(r)).toString('base64'))];

/** The password hidden in any base64 run of the text, whatever its alignment. */
const decodedPassword = (text: string): boolean =>
  [...text.matchAll(/[A-Za-z0-9+/]{16,}={0,2}/g)].some(([run]) =>
    [0, 1, 2, 3].some((skip) => Buffer.from(run.slice(skip), 'base64').toString('latin1').includes(PASSWORD)),
  );

const leaks = (label: string, text: string): string[] => [
  ...FORBIDDEN.filter((value) => text.includes(value)).map((value) => `${label}: contains ${value.slice(0, 12)}…`),
  ...(decodedPassword(text) ? [`${label}: holds the password in base64`] : []),
];

const { outputs, record } = recordedOutputs();

beforeAll(async () => {
  writeFileSync(answers, answersFileText(tp4Answers(kubeconfig)));
  solved = await solvedTp4Namespace('secrets', kc);
  wrongRegistry = await createTestNamespace('secrets-wrong-registry', kc);
  const manifests = tp4Manifests().map((object): KubernetesObject =>
    object.kind === 'Secret' ? { ...object, stringData: { '.dockerconfigjson': dockerConfig(OTHER_REGISTRY) } } as KubernetesObject : object,
  );
  await applyManifests(wrongRegistry, manifests, kc);
});

afterAll(async () => {
  await Promise.all([solved?.remove(), wrongRegistry && deleteNamespace(wrongRegistry, kc)]);
});

describe('Secret values never reach an output', () => {
  const namespaces = () => [solved?.namespace ?? '', wrongRegistry];

  it('tp check, every format, both languages, on a right and on a wrong regsec', async () => {
    for (const namespace of namespaces()) {
      for (const format of ['pretty', 'json', 'junit', 'github']) {
        for (const lang of ['fr', 'en']) {
          record(`check ${namespace} ${format} ${lang}`, await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--http-via', 'nodeport', '--timeout', '2', '--format', format, '--lang', lang]));
        }
      }
      const output = join(work, `report-${namespace}.json`);
      record(`check --output ${namespace}`, await runTp(['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', answers, '--timeout', '2', '--format', 'json', '--output', output]));
      outputs.push({ label: output, text: readFileSync(output, 'utf8') });
    }
  });

  it('tp snapshot (what tp reads of the namespace), plain and --stable', async () => {
    for (const namespace of namespaces()) {
      const run = record(`snapshot ${namespace}`, await runTp(['snapshot', '4', '--kubeconfig', kubeconfig, '-n', namespace]));
      expect(run.exitCode, run.stderr).toBe(0);
      // The Secret is there, as its type, keys and registries only.
      const secret = (JSON.parse(run.stdout) as { kinds: { secrets: { items: Array<Record<string, unknown>> } } }).kinds.secrets.items.find((s) => (s.metadata as { name: string }).name === 'regsec');
      expect(secret).toMatchObject({ type: 'kubernetes.io/dockerconfigjson', dataKeys: ['.dockerconfigjson'] });
      expect(secret).not.toHaveProperty('data');
      record(`snapshot --stable ${namespace}`, await runTp(['snapshot', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--stable']));
    }
  });

  it('tp grade: every file of the gradebook', async () => {
    const cohort = join(work, 'cohort.yaml');
    writeFileSync(cohort, `lab: tp4\ndefaults: { kubeconfig: ${kubeconfig}, answers: ${answers} }\nstudents:\n${namespaces().map((ns, i) => `  - { id: s${i}, namespace: ${ns}, lang: ${i === 0 ? 'fr' : 'en'} }`).join('\n')}\n`);
    const out = join(work, 'grades');
    record('grade', await runTp(['grade', 'tp4', '--cohort', cohort, '--output', out, '--http-via', 'nodeport', '--timeout', '2']));
    for (const file of filesUnder(out)) outputs.push({ label: file, text: readFileSync(file, 'utf8') });
  });

  it('tp list, tp explain, tp lab hash', async () => {
    for (const lang of ['fr', 'en']) {
      record(`list ${lang}`, await runTp(['list', '--lang', lang]));
      record(`explain ${lang}`, await runTp(['explain', '4', '--lang', lang]));
    }
    record('lab hash', await runTp(['lab', 'hash', 'ReplicaSet']));
  });

  it('tp lab test 4 (its mutations re-create regsec with the password)', async () => {
    const run = record('lab test', await runTp(['lab', 'test', '4', '--kubeconfig', kubeconfig, '--timeout', '2']));
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  }, 300_000);

  it('a message about a Secret names its registry hosts, not its content', () => {
    const report = JSON.parse(outputs.find((o) => o.label === `check ${wrongRegistry} json en (stdout)`)?.text ?? '{}') as Report;
    const message = report.exercises.flatMap((e) => e.checks).find((c) => c.id === 'regsec-registry');
    expect(message?.status).toBe('fail');
    expect(message?.message).toContain(OTHER_REGISTRY);
    expect(message?.message).toContain(TEST_REGISTRY);
  });

  it('in all of the above', () => {
    expect(outputs.length).toBeGreaterThan(40);
    expect(outputs.flatMap(({ label, text }) => leaks(label, text))).toEqual([]);
  });
});
