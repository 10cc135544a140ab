// Issue 23, point 5: no check can stall the event loop. A student whose
// objects sit at the size caps — a Deployment of 200,000 volumes and mounts
// (19 MB, under the cap of an API answer), 10,000 ConfigMaps, an answers file
// and a hint state of exactly the bytes tp reads — is graded like any other:
// every check reads what it needs once, so tp grade finishes and writes the
// gradebook, and `--student-timeout` is heard between two checks.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTp } from '../support/run-cli.js';
import { kubeconfigText, listAnswer, listOf, startStubApi, type StubApi } from '../support/stub-api.js';
import { ANSWERS_MAX_BYTES } from '../../src/answers/read-bytes.js';
import { HINT_STATE_MAX_BYTES } from '../../src/answers/hint-file.js';
import { MAX_API_BODY_BYTES } from '../../src/cluster/api-client.js';

const VOLUMES = 200_000;
const dir = mkdtempSync(join(tmpdir(), 'tp-size-caps-'));
let api: StubApi;
let deploymentsBytes = 0;

/** Every volume comes from the ConfigMap the lab asks for; no mount uses one: each mount is compared with every volume by a quadratic check. */
const hugeDeployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'kubernetes-app', namespace: 'alice', labels: { app: 'kubernetes-app' }, generation: 1 },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'kubernetes-app' } },
    template: {
      metadata: { labels: { app: 'kubernetes-app' } },
      spec: {
        volumes: Array.from({ length: VOLUMES }, (_, i) => ({ name: `v${i}`, configMap: { name: 'myapp-config' } })),
        containers: [{
          name: 'kubernetes-app',
          image: 'registry.example.org/dalk/app:v0.2',
          volumeMounts: Array.from({ length: VOLUMES }, (_, i) => ({ name: `m${i}`, mountPath: `/m/${i}` })),
        }],
      },
    },
  },
  status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
});

/** `text` padded with spaces (JSON whitespace) to exactly `bytes`. */
const padded = (text: string, bytes: number): string => `${text.slice(0, -2)}${' '.repeat(bytes - Buffer.byteLength(text))}${text.slice(-2)}`;

beforeAll(async () => {
  const deploymentsAnswer = listAnswer([hugeDeployment()]);
  deploymentsBytes = Buffer.byteLength(JSON.stringify((deploymentsAnswer as { json: unknown }).json));
  const configMaps = listAnswer(Array.from({ length: 10_000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}-${'x'.repeat(200)}`, namespace: 'alice', labels: { country: 'fr' } } })));
  api = await startStubApi(({ path }) => {
    const list = listOf(path);
    if (list?.kind === 'deployments') return deploymentsAnswer;
    if (list?.kind === 'configmaps') return configMaps;
    if (list?.kind === 'nodes') return listAnswer([{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }] } }]);
    if (list) return listAnswer([]);
    return { status: 404, json: { kind: 'Status', reason: 'NotFound', message: 'not found' } };
  });
  writeFileSync(join(dir, 'alice.kubeconfig'), kubeconfigText(api.server, { namespace: 'alice' }));
  const answers = join(dir, 'submissions', 'alice');
  mkdirSync(answers, { recursive: true });
  writeFileSync(join(answers, 'answers_tp4'), padded('{\n  "Answer1": "1",\n  "Answer4": "country=fr"\n}\n', ANSWERS_MAX_BYTES));
  writeFileSync(join(answers, '.tp-hints_tp4.json'), padded('{"version":1,"lab":"tp4","levels":{"cm1-labels":1}}\n', HINT_STATE_MAX_BYTES));
  writeFileSync(join(dir, 'cohort.yaml'), 'lab: tp4\nstudents:\n  - { id: alice, email: alice@example.org, kubeconfig: alice.kubeconfig, namespace: alice, answers: submissions/alice/answers_tp4 }\n');
}, 60_000);

afterAll(async () => {
  await api.stop();
});

describe('a student at every size cap', () => {
  it('sits under the caps tp reads', () => {
    expect(deploymentsBytes).toBeGreaterThan(18_000_000);
    expect(deploymentsBytes).toBeLessThan(MAX_API_BODY_BYTES);
  });

  it('is graded, and the gradebook written, with the mount check said in a line', async () => {
    const out = join(dir, 'grades');
    const run = await runTp(['grade', '--cohort', join(dir, 'cohort.yaml'), '--output', out, '--format', 'json', '--http-via', 'proxy', '--timeout', '20'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    const gradebook = JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8')) as { students: Array<{ status: string; hintsUsed?: number; report: { exercises: Array<{ checks: Array<{ messageId: string; status: string; message: string }> }> } }> };
    const [alice] = gradebook.students;
    expect(alice?.status).toBe('graded');
    expect(alice?.hintsUsed).toBe(1);
    const mount = alice?.report.exercises.flatMap((exercise) => exercise.checks).find((check) => check.messageId.startsWith('configmap-mount.'));
    expect(mount).toMatchObject({ status: 'fail', messageId: 'configmap-mount.not-mounted' });
    expect(mount?.message.length).toBeLessThan(300);
  }, 120_000);
});
