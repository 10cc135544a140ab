// Issue 11's done-when on the real cluster: a namespace whose objects carry
// terminal escapes, bidi overrides, CRs and workflow commands in every field the
// API server lets a student write (annotations on every object, ConfigMap
// values, container images' tags stay valid), an app that answers with them, and
// an answers file full of them. Every format of tp check and every file of tp
// grade comes out free of control characters.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { applyManifests, createTestNamespace, deleteNamespace, makeKubeConfig, startStandInServer, testKubeconfigPath } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';
import { answersFileText, tp4Answers, tp4Manifests } from '../support/tp4-solution.js';
import { formatNames } from '../../src/report/index.js';
import { isCleanText } from '../../src/core/clean-text.js';

const HOSTILE = '\u001b[2J\u001b]0;owned\u0007\r\n::error file=/etc/passwd::pwned\u202eevil\u009b31m\u0000=cmd|"/c calc"!A1';

const kubeconfig = testKubeconfigPath();
const workDir = mkdtempSync(join(tmpdir(), 'tp-hostile-'));
let namespace = '';
let stopServer: (() => Promise<void>) | undefined;

const hostileManifests = (): KubernetesObject[] =>
  tp4Manifests().map((object) => {
    const metadata = { ...object.metadata, annotations: { ...object.metadata?.annotations, note: HOSTILE, [`tp.example.org/x`]: HOSTILE } };
    const data = (object as { data?: Record<string, string> }).data;
    return {
      ...object,
      metadata,
      ...(object.kind === 'ConfigMap' && data ? { data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, `${value}${HOSTILE}`])) } : {}),
    } as KubernetesObject;
  });

const SGR = /\u001b\[\d+(;\d+)*m/g;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

beforeAll(async () => {
  const kc = makeKubeConfig();
  namespace = await createTestNamespace('tp-hostile', kc);
  await applyManifests(namespace, hostileManifests(), kc);
  const service = await kc.makeApiClient(CoreV1Api).readNamespacedService({ name: 'kubernetes-app', namespace });
  const nodePort = service.spec?.ports?.[0]?.nodePort ?? 0;
  stopServer = await startStandInServer(nodePort, { '/': `Hello${HOSTILE}\n`, '/config': HOSTILE });
  writeFileSync(join(workDir, 'answers'), answersFileText(tp4Answers(kubeconfig, { Answer1: HOSTILE, Answer4: HOSTILE, Answer8: `x${HOSTILE}` })));
}, 120_000);

afterAll(async () => {
  await stopServer?.();
  await deleteNamespace(namespace);
});

describe('a hostile namespace on the real cluster', () => {
  it('reaches the report, and leaves every format of tp check clean, colours included', async () => {
    for (const format of formatNames) {
      const run = await runTp(
        ['check', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--answers', join(workDir, 'answers'), '--http-via', 'nodeport', '--timeout', '2', '--format', format],
        { env: { LANG: 'en_US.UTF-8', FORCE_COLOR: '1' } },
      );
      expect(run.exitCode, run.stderr).toBeLessThan(3);
      // The hostile text is there, inert: its printable part reached the report.
      if (format !== 'junit') expect(run.stdout, format).toMatch(/owned|pwned|calc/);
      expect(isCleanText(run.stdout.replace(SGR, '')), format).toBe(true);
      expect(isCleanText(run.stderr), format).toBe(true);
    }
  }, 120_000);

  it('leaves every file of tp grade clean', async () => {
    const cohort = join(workDir, 'cohort.yaml');
    writeFileSync(
      cohort,
      `lab: tp4\nstudents:\n  - id: mallory\n    name: ${JSON.stringify(HOSTILE)}\n    email: mallory@example.org\n    kubeconfig: ${kubeconfig}\n    namespace: ${namespace}\n    answers: answers\n`,
    );
    const out = join(workDir, 'grades');
    const run = await runTp(['grade', '--cohort', cohort, '--output', out, '--http-via', 'nodeport', '--timeout', '2'], { cwd: workDir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(isCleanText(run.stderr)).toBe(true);
    const files = filesUnder(out);
    expect(files.map((file) => file.slice(out.length + 1)).sort()).toEqual(['feedback/mallory.md', 'grades-not-imported.csv', 'grades.csv', 'grades.json', 'report.html']);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(isCleanText(file.endsWith('.csv') ? text.replace(/\r\n/g, '\n') : text), file).toBe(true);
    }
    expect(readFileSync(join(out, 'grades.csv'), 'utf8').split('\r\n')[1]).toMatch(/^mallory,"\[2J\]0;owned ::error/);
  }, 120_000);
});
