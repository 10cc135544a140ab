// How tp reaches a real cluster: kubeconfigs read as kubectl reads them (exec
// credential plugins on the student's own machine, $KUBECONFIG lists), cohort
// kubeconfigs that may not run plugins unless trusted, durations for --timeout,
// and LIST answers over the size cap reported, never parsed half.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, deleteNamespace, testKubeconfigPath } from '../support/cluster.js';
import { answersFileText, tp4Answers } from '../support/tp4-solution.js';
import { runTp } from '../support/run-cli.js';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { listKind } from '../../src/cluster/list-kind.js';
import { builtinKind } from '../support/kinds.js';

const admin = testKubeconfigPath();
const work = mkdtempSync(join(tmpdir(), 'tp-transport-'));
const ranMarker = join(work, 'plugin-ran');
let namespace = '';

/** The admin kubeconfig with its client certificate handed out by an exec credential plugin instead. */
const execKubeconfig = (): string => {
  const config = parse(readFileSync(admin, 'utf8')) as {
    users: Array<{ name: string; user: Record<string, unknown> }>;
  };
  const user = config.users[0]?.user ?? {};
  const credential = {
    apiVersion: 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    status: {
      clientCertificateData: Buffer.from(String(user['client-certificate-data']), 'base64').toString('utf8'),
      clientKeyData: Buffer.from(String(user['client-key-data']), 'base64').toString('utf8'),
    },
  };
  const plugin = join(work, 'credential-plugin.mjs');
  writeFileSync(plugin, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(ranMarker)}, 'ran');\nprocess.stdout.write(${JSON.stringify(JSON.stringify(credential))});\n`);
  const users = config.users.map(({ name }) => ({
    name,
    user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' } },
  }));
  const file = join(work, 'exec.kubeconfig');
  writeFileSync(file, JSON.stringify({ ...config, users }));
  return file;
};

beforeAll(async () => {
  namespace = await createTestNamespace('transport');
});
afterAll(async () => {
  await deleteNamespace(namespace);
});

describe("a student's own machine: tp check reads kubeconfigs as kubectl does", () => {
  it('an exec credential plugin gives the credentials, as with kubectl', async () => {
    const kubeconfig = execKubeconfig();
    const run = await runTp(['snapshot', '4', '--kubeconfig', kubeconfig, '-n', namespace, '--request-timeout', '10s']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    // Every namespace holds kube-root-ca.crt: the read went through with the plugin's certificate.
    expect(run.stdout).toContain('kube-root-ca.crt');
    expect(existsSync(ranMarker)).toBe(true);
  });

  it('a KUBECONFIG list with a missing file and a repeat reads the files that exist', async () => {
    const run = await runTp(['snapshot', '4', '-n', namespace, '--timeout', '10s'], {
      env: { LANG: 'en_US.UTF-8', NO_COLOR: '1', KUBECONFIG: `${join(work, 'missing')}:${admin}:${admin}` },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('kube-root-ca.crt');
  });

  it('--timeout takes a duration, and a bad one is a usage error', async () => {
    const answers = join(work, 'answers');
    writeFileSync(answers, answersFileText(tp4Answers(admin)));
    const ok = await runTp(['check', '4', '--kubeconfig', admin, '-n', namespace, '--answers', answers, '--format', 'json', '--http-via', 'nodeport', '--timeout', '1m']);
    expect(ok.exitCode).toBe(1);
    expect(JSON.parse(ok.stdout)).toMatchObject({ lab: 'tp4', target: { namespace } });
    const bad = await runTp(['check', '4', '--kubeconfig', admin, '-n', namespace, '--answers', answers, '--request-timeout', '5 parsecs']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--request-timeout 5 parsecs: expected a duration');
  });
});

describe('tp grade: kubeconfigs handed in by students', () => {
  const grade = async (extra: string[], studentExtra = '') => {
    const answers = join(work, 'answers');
    writeFileSync(answers, answersFileText(tp4Answers(admin)));
    const out = join(work, `out-${extra.length}-${studentExtra.length}`);
    writeFileSync(join(work, 'cohort.yaml'), [
      'lab: tp4',
      `defaults: { answers: ${answers}, namespace: ${namespace} }`,
      'students:',
      `  - { id: alice, kubeconfig: ${admin} }`,
      `  - { id: bob, kubeconfig: ${execKubeconfig()}${studentExtra} }`,
      '',
    ].join('\n'));
    const run = await runTp(['grade', 'tp4', '--cohort', join(work, 'cohort.yaml'), '--output', out, '--http-via', 'nodeport', '--timeout', '15s', ...extra]);
    const { students } = JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8')) as { students: Array<{ id: string; status: string; reason?: string }> };
    return { run, students: Object.fromEntries(students.map((s) => [s.id, s])) };
  };

  it('a credential plugin is refused for that student alone, with the reason; the others are graded', async () => {
    const { run, students } = await grade([]);
    expect(run.exitCode).toBe(2);
    expect(students['alice']?.status).toBe('graded');
    expect(students['bob']?.status).toBe('error');
    expect(students['bob']?.reason).toContain(`run the credential plugin "${process.execPath}" (exec)`);
  });

  it('the trainer may trust them: --trust-kubeconfigs, or trustKubeconfig in the cohort file', async () => {
    for (const [flags, field] of [[['--trust-kubeconfigs'], ''], [[], ', trustKubeconfig: true']] as const) {
      const { students } = await grade([...flags], field);
      expect(students['alice']?.status).toBe('graded');
      expect(students['bob']?.status).toBe('graded');
    }
  });
});

describe('LIST answers over the cap', () => {
  it('are an error naming the kind and the cap, never a truncated JSON parsed as if whole', async () => {
    const reader = loadKubeconfig({ kubeconfig: admin, env: {}, homeDir: work }).connection.reader({ maxBodyBytes: 512 });
    const read = await listKind(reader, builtinKind('configmaps'), namespace);
    expect(read).toEqual({ ok: false, failure: { reason: 'other', overCap: true, message: `list configmaps in ${namespace}: the answer is over 512 bytes, more than tp reads; nothing of it was graded` } });
  });
});
