// How tp finds and reads kubeconfigs, as kubectl does (client-go's loading
// rules): $KUBECONFIG lists merged (first file wins a name, first current-context
// wins, missing and repeated files skipped), relative paths resolved per file,
// and only regular files under a size cap read. Cohort kubeconfigs may not run
// credential plugins or read files unless trusted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKubeconfig, MAX_KUBECONFIG_BYTES, type KubeconfigOptions } from '../../src/cluster/kubeconfig.js';
import { kubeconfigList } from '../../src/cluster/kubeconfig-model.js';
import { ClusterError } from '../../src/core/errors.js';

const work = mkdtempSync(join(tmpdir(), 'tp-kubeconfig-loading-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const file = (name: string, text: string): string => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

interface Entry {
  name: string;
  server?: string;
  namespace?: string;
  user?: Record<string, unknown>;
  cluster?: Record<string, unknown>;
}

/** A kubeconfig with one context, cluster and user per entry, all named alike. */
const kubeconfig = (entries: Entry[], current?: string): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    ...(current ? { 'current-context': current } : {}),
    clusters: entries.map((e) => ({ name: e.name, cluster: { server: e.server ?? `https://${e.name}.example.org:6443`, ...e.cluster } })),
    contexts: entries.map((e) => ({ name: e.name, context: { cluster: e.name, user: e.name, ...(e.namespace ? { namespace: e.namespace } : {}) } })),
    users: entries.map((e) => ({ name: e.name, user: e.user ?? { token: 'not-a-secret' } })),
  });

const load = (options: Partial<KubeconfigOptions>) => loadKubeconfig({ env: {}, homeDir: join(work, 'no-home'), ...options });

const failure = (work: () => unknown): ClusterError => {
  try {
    work();
  } catch (error) {
    if (error instanceof ClusterError) return error;
    throw error;
  }
  throw new Error('expected a ClusterError');
};

describe('$KUBECONFIG lists, merged as kubectl merges them', () => {
  const first = file('first.yaml', kubeconfig([{ name: 'shared', server: 'https://first.example.org:6443', namespace: 'from-first' }, { name: 'only-first' }]));
  const second = file('second.yaml', kubeconfig([{ name: 'shared', server: 'https://second.example.org:6443' }, { name: 'only-second' }], 'shared'));
  const third = file('third.yaml', kubeconfig([{ name: 'only-third' }], 'only-third'));

  it('the first file that names a context, cluster or user wins it; current-context from the first file that sets one', () => {
    const loaded = load({ env: { KUBECONFIG: [first, second, third].join(':') } });
    // first.yaml sets no current-context, second.yaml's wins over third.yaml's.
    expect(loaded.facts.context).toBe('shared');
    expect(loaded.facts.server).toBe('https://first.example.org:6443');
    expect(loaded.namespace).toBe('from-first');
    // shared, only-first, only-second, only-third: the duplicate counts once.
    expect(loaded.facts.contexts).toBe(4);
    expect(loaded.source).toBe([first, second, third].join(':'));
  });

  it('skips files that do not exist, empty entries and repeats', () => {
    const missing = join(work, 'missing.yaml');
    const loaded = load({ env: { KUBECONFIG: `${missing}::${second}:${second}:${first}` } });
    expect(loaded.facts.server).toBe('https://second.example.org:6443');
    expect(loaded.facts.contexts).toBe(3);
    expect(loaded.source).toBe(`${second}:${first}`);
  });

  it('splits on the platform delimiter: ";" on Windows', () => {
    expect(kubeconfigList('C:\\a\\config;C:\\b\\config;;C:\\a\\config', ';')).toEqual(['C:\\a\\config', 'C:\\b\\config']);
    const loaded = load({ env: { KUBECONFIG: `${third};${first}` }, pathDelimiter: ';' });
    expect(loaded.facts.context).toBe('only-third');
  });

  it('a list of files none of which exists is a clear error, not an internal one', () => {
    const error = failure(() => load({ env: { KUBECONFIG: `${join(work, 'a')}:${join(work, 'b')}` } }));
    expect(error.code).toBe('KUBECONFIG_INVALID');
    expect(error.message).toContain('none of the KUBECONFIG files exist');
  });

  it('--context picks a context of any file of the list', () => {
    expect(load({ env: { KUBECONFIG: `${first}:${third}` }, context: 'only-third' }).facts.server).toBe('https://only-third.example.org:6443');
  });

  it('a broken file of the list is reported with its place', () => {
    const broken = file('broken.yaml', 'clusters: [ { name: x, cluster: { server: 7 } } ]\n');
    expect(() => load({ env: { KUBECONFIG: `${first}:${broken}` } })).toThrow(/broken\.yaml:1:\d+ .*server: expected a string/);
  });
});

describe('kubeconfig files tp reads', () => {
  it('refuses a file bigger than the cap before reading it', () => {
    const big = file('big.yaml', `${kubeconfig([{ name: 'a' }], 'a')}\n#${'x'.repeat(MAX_KUBECONFIG_BYTES)}\n`);
    const error = failure(() => load({ kubeconfig: big }));
    expect(error.message).toMatch(/more than the \d+ bytes tp reads/);
  });

  it('refuses what is not a regular file (a FIFO would block the run forever)', () => {
    const fifo = join(work, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(failure(() => load({ kubeconfig: fifo })).message).toContain('is not a regular file');
    expect(failure(() => load({ kubeconfig: work })).message).toContain('is not a regular file');
  });
});

describe('credentials a cohort kubeconfig may use (credentials: inline)', () => {
  const withUser = (name: string, user: Record<string, unknown>, cluster: Record<string, unknown> = {}) =>
    file(`${name}.yaml`, kubeconfig([{ name, user, cluster }], name));

  it.each([
    ['an exec credential plugin', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'touch', args: ['/tmp/pwned'] } }, {}, 'run the credential plugin "touch" (exec)'],
    ['an auth-provider', { 'auth-provider': { name: 'oidc', config: {} } }, {}, 'use the auth-provider "oidc"'],
    ['a token file', { 'token-file': '/etc/shadow' }, {}, 'read the file "/etc/shadow" (token-file)'],
    ['a client certificate and key file', { 'client-certificate': 'cert.pem', 'client-key': 'key.pem' }, {}, '(client-certificate)'],
    ['a CA file', { token: 't' }, { 'certificate-authority': '/root/.ssh/id_rsa' }, 'read the file "/root/.ssh/id_rsa" (certificate-authority)'],
  ])('%s is refused with what it asked for', (_what, user, cluster, said) => {
    const path = withUser(`refused-${_what.replace(/\W+/g, '-')}`, user, cluster);
    const error = failure(() => load({ kubeconfig: path, credentials: 'inline' }));
    expect(error.code).toBe('KUBECONFIG_INVALID');
    expect(error.message).toContain(said);
    expect(error.advice).toContain('--trust-kubeconfigs');
    // As on the student's own machine (tp check), kubectl's behaviour when trusted.
    expect(load({ kubeconfig: path }).facts.context).toBe(`refused-${_what.replace(/\W+/g, '-')}`);
  });

  it('inline credentials are fine', () => {
    const path = withUser('inline', { token: 'x', 'client-certificate-data': 'Y2VydA==', 'client-key-data': 'a2V5' }, { 'certificate-authority-data': 'Y2E=' });
    expect(load({ kubeconfig: path, credentials: 'inline' }).facts.context).toBe('inline');
  });

  it('a student string in the message is shortened and free of control characters', () => {
    const path = withUser('escape', { exec: { command: `\u001b]0;pwned\u0007${'a'.repeat(500)}` } });
    const message = failure(() => load({ kubeconfig: path, credentials: 'inline' })).message;
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(message.length).toBeLessThan(400);
  });
});
