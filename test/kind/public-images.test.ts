// The public images the labs pull on kind are real programs from Debian's
// packages (scripts/kind/public/images.tsv): nginx serves its default page on
// port 80 and logs to stdout, busybox's sh, wget, nslookup and env behave as a
// student's do, perl computes. What a student runs in the CKAD exercises is
// run here the same way, with kubectl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseAnswer } from '../../src/answers/normalise.js';
import { checkKinds } from '../../src/checks/index.js';
import { matchesAnyHash } from '../../src/core/answer-hash.js';
import { loadLabFile } from '../../src/lab/load.js';
import { createTestNamespace, deleteNamespace, waitFor } from '../support/cluster.js';
import { kubectl } from './support/kind.js';

let namespace = '';

const podPhase = async (name: string): Promise<string> => kubectl(namespace, ['get', 'pod', name, '-o', 'jsonpath={.status.phase}']);
/** What a command prints in a container, stdout and stderr together, and how it exited. */
const exec = async (pod: string, script: string): Promise<{ output: string; exitCode: number }> => {
  const output = await kubectl(namespace, ['exec', pod, '--', 'sh', '-c', `${script} 2>&1; echo "exit=$?"`]);
  const exitCode = Number(/exit=(\d+)\s*$/.exec(output)?.[1] ?? -1);
  return { output: output.replace(/exit=\d+\s*$/, ''), exitCode };
};

beforeAll(async () => {
  namespace = await createTestNamespace('kind-images');
  // As the pods lab and the CKAD exercises make them.
  await kubectl(namespace, ['run', 'web', '--image=nginx:1.12.2', '--port=80', '--expose']);
  await kubectl(namespace, ['run', 'box', '--image=busybox:1.28', '--', 'sleep', '3600']);
  await kubectl(namespace, ['run', 'pi', '--image=perl:5.34', '--restart=Never', '--', 'perl', '-Mbignum=bpi', '-wle', 'print bpi(30)']);
  await kubectl(namespace, ['wait', '--for=condition=Ready', 'pod/web', 'pod/box', '--timeout=180s']);
}, 240_000);

afterAll(async () => {
  await deleteNamespace(namespace);
});

describe('nginx from Debian', () => {
  it('serves "Welcome to nginx!" on port 80, through its Service, to busybox wget', async () => {
    for (const name of ['web', `web.${namespace}`]) {
      const { output, exitCode } = await exec('box', `wget -q -T 5 -O- http://${name}`);
      expect(exitCode, name).toBe(0);
      expect(output, name).toContain('<title>Welcome to nginx!</title>');
    }
  });

  it('logs each request to stdout, where kubectl logs reads it', async () => {
    await exec('box', 'wget -q -T 5 -O /dev/null http://web/');
    const logs = await waitFor(async () => {
      const text = await kubectl(namespace, ['logs', 'web']);
      return /"GET \/ HTTP\/1\.1" 200 .*Wget/.test(text) && text;
    }, 30_000, 'the request in the logs');
    expect(logs).toMatch(/"GET \/ HTTP\/1\.1" 200/);
  });

  it('answers nginx -v in the form the pods lab accepts, with the version of the real image its tag names', async () => {
    const { output, exitCode } = await exec('web', 'nginx -v');
    expect(exitCode).toBe(0);
    expect(output.trim()).toMatch(/^nginx version: nginx\/\d+\.\d+\.\d+$/);
    // Debian's nginx prints its own version; the real nginx:1.12.2 prints 1.12.2 in the same words.
    const lab = await loadLabFile('labs/pods/lab.yaml', checkKinds);
    const check = lab.exercises.flatMap((e) => e.checks).find((c) => c.id === 'answer1-nginx-version');
    const accepted = (check?.params as { acceptHashed: string[] }).acceptHashed;
    const asPrinted = (version: string) => normaliseAnswer(output.trim().replace(/\d+\.\d+\.\d+$/, version), { caseSensitive: false, collapseSpaces: true });
    expect(await matchesAnyHash(asPrinted('1.12.2'), accepted)).toBe(true);
    expect(await matchesAnyHash(asPrinted('1.12.3'), accepted)).toBe(false);
  });
});

describe('busybox from Debian', () => {
  it('runs sh, echo, env, date and cat', async () => {
    const { output, exitCode } = await exec('box', 'echo hello world; env | grep ^PATH=; date +%Y; cat /etc/passwd | cut -d: -f1 | head -n1');
    expect(exitCode).toBe(0);
    expect(output).toMatch(/^hello world\nPATH=\S*\/bin\S*\n20\d\d\nroot\n$/);
  });

  it('resolves a Service of its namespace by its short name with nslookup', async () => {
    const serviceIP = await kubectl(namespace, ['get', 'service', 'web', '-o', 'jsonpath={.spec.clusterIP}']);
    // Like every busybox since 1.29, it also asks the other search domains and exits 1 for their NXDOMAIN.
    const { output } = await exec('box', 'nslookup web');
    expect(output).toContain(`Name:\tweb.${namespace}.svc.cluster.local\nAddress: ${serviceIP}`);
  });

  it('wget -T 2 on a closed port fails with busybox\'s message (Debian 12\'s busybox crashed there)', async () => {
    const podIP = await kubectl(namespace, ['get', 'pod', 'web', '-o', 'jsonpath={.status.podIP}']);
    const { output, exitCode } = await exec('box', `wget -T 2 -O- http://${podIP}:81/`);
    expect(exitCode).toBe(1);
    expect(output).toContain("can't connect to remote host");
  });
});

describe('perl from Debian', () => {
  it('computes pi as the CKAD job does, and the log shows it', async () => {
    await waitFor(async () => (await podPhase('pi')) === 'Succeeded', 120_000, 'the perl pod to succeed');
    expect((await kubectl(namespace, ['logs', 'pi'])).trim()).toBe('3.14159265358979323846264338328');
  });
});
