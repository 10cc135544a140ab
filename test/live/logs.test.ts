// `logs` on the KWOK tier's real API server, where pods run nothing: the log of a
// pod on a simulated node is `skip` with the reason, never a pass nor a fail; a
// user who may list pods but not read their logs gets `error` saying `get
// pods/log` is needed, and exit 2. Real logs are read on the kind tier
// (test/kind/new-checks.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { createTestNamespace, deleteNamespace, makeKubeConfig, testKubeconfigPath, waitFor } from '../support/cluster.js';
import { writeServiceAccountKubeconfig } from '../support/service-account.js';
import { runTp } from '../support/run-cli.js';
import type { CheckResult, Report } from '../../src/engine/types.js';
import { Writable } from 'node:stream';
import { checkKinds } from '../../src/checks/index.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLabFile } from '../../src/lab/load.js';
import { LOG_RECHECK_MS, watchCheck } from '../../src/cli/watch/watch-check.js';
import { formatPretty } from '../../src/report/pretty.js';

const kc = makeKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const work = mkdtempSync(join(tmpdir(), 'tp-logs-'));
let namespace = '';

const LAB = `id: logs-probe
title: { fr: Journaux, en: Logs }
exercises:
  - id: app
    title: { fr: App, en: App }
    checks:
      - { id: listening, kind: logs, points: 1, title: { fr: écoute, en: listens }, params: { pod: web, contains: "Listening on" } }
      - { id: no-sidecar, kind: logs, points: 1, title: { fr: sidecar, en: sidecar }, params: { pod: web, container: sidecar, contains: x } }
`;

const grade = async (kubeconfig: string, lang: 'fr' | 'en' = 'en') => {
  const run = await runTp(['check', join(work, 'lab.yaml'), '--kubeconfig', kubeconfig, '-n', namespace, '--answers', join(work, 'answers'), '--format', 'json', '--lang', lang, '--timeout', '5']);
  const report = JSON.parse(run.stdout) as Report;
  return { exitCode: run.exitCode, byId: (id: string) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id) as CheckResult };
};

beforeAll(async () => {
  namespace = await createTestNamespace('logs');
  writeFileSync(join(work, 'lab.yaml'), LAB);
  writeFileSync(join(work, 'answers'), '{}\n');
  await core.createNamespacedPod({ namespace, body: { metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } });
  await waitFor(async () => (await core.readNamespacedPod({ name: 'web', namespace })).status?.phase === 'Running', 30_000, 'pod web to run');
  // A reader of pods that may not read their logs.
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  await rbac.createNamespacedRole({ namespace, body: { metadata: { name: 'pods-only' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] } });
  await writeServiceAccountKubeconfig(kc, namespace, 'no-logs', join(work, 'no-logs.kubeconfig'));
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: { metadata: { name: 'no-logs' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pods-only' }, subjects: [{ kind: 'ServiceAccount', name: 'no-logs', namespace }] },
  });
}, 120_000);

afterAll(() => deleteNamespace(namespace));

describe('logs on simulated nodes and without the right to read them', () => {
  it('a pod on a KWOK node: skip, with the reason; a container the pod does not have: fail', async () => {
    const { exitCode, byId } = await grade(testKubeconfigPath());
    expect(byId('listening')).toMatchObject({ status: 'skip', messageId: 'logs.simulated', message: 'cannot be checked here: pod web runs on a simulated (KWOK) node, whose containers write no log' });
    expect(byId('no-sidecar')).toMatchObject({ status: 'fail', messageId: 'logs.no-container', message: 'pod web has no container sidecar' });
    expect(exitCode).toBe(1);
  });

  it('without get pods/log: error naming the right to ask for, exit 2, in both languages', async () => {
    const kubeconfig = join(work, 'no-logs.kubeconfig');
    const en = await grade(kubeconfig, 'en');
    expect(en.exitCode).toBe(2);
    expect(en.byId('listening')).toMatchObject({ status: 'error', messageId: 'logs.forbidden' });
    expect(en.byId('listening').message).toMatch(new RegExp(`^tp may not read the log of pod web \\(forbidden: get pods/log in ${namespace} \\(.*cannot get resource "pods/log".*\\)\\): it needs get on pods/log$`));
    const fr = await grade(kubeconfig, 'fr');
    expect(fr.byId('listening').message).toMatch(/^tp ne peut pas lire le journal du pod web \(forbidden: get pods\/log in .*\) : il faut le droit get sur pods\/log$/);
  });
});

describe('tp check --watch on a lab that reads logs', () => {
  it('re-checks on its own, as a log grows with no object changing', async () => {
    const lab = await loadLabFile(join(work, 'lab.yaml'), checkKinds);
    const kubeconfig = { ...loadKubeconfig({ kubeconfig: testKubeconfigPath(), env: {}, homeDir: '/nonexistent' }), namespace };
    const reports: Report[] = [];
    const stop = new AbortController();
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    const finished = watchCheck(
      { lab, kubeconfig, answersFile: join(work, 'answers'), variables: {}, httpVia: 'nodeport', timeoutMs: 5000, lang: 'en', now: () => new Date() },
      (report, color) => formatPretty(report, { color }),
      { stdout: quiet, stderr: quiet, env: { NO_COLOR: '1' }, cwd: process.cwd(), homeDir: '/nonexistent', now: () => new Date() },
      { signal: stop.signal, onReport: (report) => reports.push(report) },
    );
    // Nothing changes in the namespace nor in the answers file: only the log timer re-checks.
    await waitFor(() => reports.length >= 3, LOG_RECHECK_MS * 4, 'three checks without any change', 200);
    stop.abort();
    expect(await finished).toBe(1);
  });
});
