// Garbled kubeconfigs given to `tp check 4 --kubeconfig`: whatever the file
// holds, tp exits 2 with a message on stderr (file:line:col when the file
// itself is wrong), prints no report and no stack trace, and writes no
// --output file. Every server a generated kubeconfig names is a loopback
// port where nothing listens; inputs that could reach further (a proxy, an
// auth plugin, /dev files) are never run (see `staysLocal`).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { TpError } from '../../src/core/errors.js';
import { runTp } from '../support/run-cli.js';
import { staysLocal } from './stays-local.js';

// Through the CLI a run costs ~60 ms (the lab is loaded each time); loading the kubeconfig alone, ~1 ms.
const RUNS = { bytes: 150, text: 150, fragments: 300, shaped: 200, edited: 300, loader: 5000 };
// 300 runs of a whole tp process each: minutes on a loaded two-core machine.
const TIMEOUT = 300_000;

const work = mkdtempSync(join(tmpdir(), 'tp-kubeconfig-fuzz-'));
const answers = join(work, 'answers_tp4');
writeFileSync(answers, '{ "Answer1": "1" }\n');

// A process warning (the YAML library's, say) would reach the user's terminal beside tp's message.
const warnings = vi.spyOn(process, 'emitWarning');
afterAll(() => {
  warnings.mockRestore();
  rmSync(work, { recursive: true, force: true });
});

/** How each run ended, so the test can show the fuzz got past the parser too. */
const outcomes = { located: 0, cluster: 0 };

const SERVERS = ['https://127.0.0.1:1', 'http://127.0.0.1:1', 'https://[::1]:1', 'https://127.0.0.1:1/prefix/', '127.0.0.1:1', '', 'not a url', 'https://127.0.0.1:99999'];

const runsCleanly = async (text: string | Uint8Array, toFile: boolean): Promise<void> => {
  const kubeconfig = join(work, 'kubeconfig');
  const output = join(work, 'report.json');
  writeFileSync(kubeconfig, text);
  rmSync(output, { force: true });
  const extra = toFile ? ['--format', 'json', '--output', output] : [];
  const { exitCode, stdout, stderr } = await runTp(['check', '4', '--kubeconfig', kubeconfig, '--answers', answers, '--timeout', '1', ...extra]);
  expect(exitCode, stderr).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
  expect(stderr.trim().length).toBeGreaterThan(0);
  expect(existsSync(output)).toBe(false);
  if (/^\S*kubeconfig:\d+:\d+ /.test(stderr)) outcomes.located += 1;
  else {
    expect(stderr).toMatch(/^tp: (cluster|kubeconfig)/);
    outcomes.cluster += 1;
  }
};

const property = <T>(arbitrary: fc.Arbitrary<T>, text: (value: T) => string | Uint8Array) =>
  fc.asyncProperty(arbitrary, fc.boolean(), async (value, toFile) => {
    const content = text(value);
    fc.pre(staysLocal(content));
    await runsCleanly(content, toFile);
  });

// The lines kubeconfigs are made of, with values that go wrong in every way client-node knows.
const fragment = fc.constantFrom(
  'apiVersion: v1\n', 'kind: Config\n', 'clusters:\n', 'contexts:\n', 'users:\n', 'current-context: c\n', 'current-context: 5\n',
  '- name: c\n', '- name: x\n', '- name: u\n', '- name:\n', '  cluster:\n', '  context:\n', '  user:\n',
  ...SERVERS.map((server) => `    server: ${JSON.stringify(server)}\n`), '    server: 12\n', '    server: [a]\n',
  '    cluster: x\n', '    user: u\n', '    namespace: alice\n', '    insecure-skip-tls-verify: true\n', '    certificate-authority-data: "!!notbase64"\n',
  '    certificate-authority: /nonexistent/ca.crt\n', '    client-certificate: /nonexistent/client.crt\n', '    client-key-data: 5\n', '    token: abc\n',
  '    token-file: /nonexistent/token\n', '    token-file: 5\n', '    exec: {command: /nonexistent/tp-fuzz-plugin, apiVersion: client.authentication.k8s.io/v1beta1}\n',
  '    tls-server-name: localhost\n', '  - ', '{', '}', '[', ']', ': ', '"', "'", '&a ', '*a', '<<: *a\n', '!!binary ', '---\n', '\t', '  ', '\n', '#', '\uFEFF', '\u0000',
);

const VALID = `apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:1
    certificate-authority-data: bm90IGEgY2VydA==
contexts:
- name: local
  context:
    cluster: local
    user: admin
    namespace: alice
current-context: local
users:
- name: admin
  user:
    token: not-a-secret
`;

// Kubeconfig-shaped values whose fields hold anything: right keys, wrong types.
const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...SERVERS));
const shaped = fc.record(
  {
    'current-context': fc.oneof(fc.constantFrom('c', 'x', ''), anything),
    clusters: fc.oneof(anything, fc.array(fc.record({ name: fc.oneof(fc.constantFrom('x', 'c'), anything), cluster: fc.oneof(fc.record({ server: fc.oneof(fc.constantFrom(...SERVERS), anything), 'insecure-skip-tls-verify': anything }, { requiredKeys: [] }), anything) }, { requiredKeys: [] }), { maxLength: 3 })),
    contexts: fc.oneof(anything, fc.array(fc.record({ name: fc.oneof(fc.constantFrom('c'), anything), context: fc.oneof(fc.record({ cluster: fc.oneof(fc.constantFrom('x'), anything), user: anything, namespace: anything }, { requiredKeys: [] }), anything) }, { requiredKeys: [] }), { maxLength: 3 })),
    users: fc.oneof(anything, fc.array(fc.record({ name: anything, user: fc.oneof(fc.record({ token: anything, username: anything, password: anything }, { requiredKeys: [] }), anything) }, { requiredKeys: [] }), { maxLength: 3 })),
  },
  { requiredKeys: [] },
);

describe('tp check with a garbled kubeconfig: exit 2, a message, nothing else', () => {
  it(`random bytes (${RUNS.bytes} runs)`, async () => {
    await fc.assert(property(fc.uint8Array({ maxLength: 300 }), (bytes) => bytes), { numRuns: RUNS.bytes });
  }, TIMEOUT);

  it(`random text (${RUNS.text} runs)`, async () => {
    await fc.assert(property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => text), { numRuns: RUNS.text });
  }, TIMEOUT);

  it(`texts made of kubeconfig lines (${RUNS.fragments} runs)`, async () => {
    await fc.assert(property(fc.array(fragment, { maxLength: 40 }), (parts) => parts.join('')), { numRuns: RUNS.fragments });
  }, TIMEOUT);

  it(`kubeconfig-shaped values whose fields hold anything (${RUNS.shaped} runs)`, async () => {
    await fc.assert(property(shaped, (value) => stringify(value)), { numRuns: RUNS.shaped });
  }, TIMEOUT);

  it(`a valid kubeconfig with a slice cut out or a line pasted in (${RUNS.edited} runs)`, async () => {
    const edit = fc.tuple(fc.nat(VALID.length), fc.nat(30), fc.option(fragment, { nil: '' }));
    await fc.assert(property(edit, ([start, cut, pasted]) => VALID.slice(0, start) + pasted + VALID.slice(start + cut)), { numRuns: RUNS.edited });
  }, TIMEOUT);

  it('got past the parser too: some inputs were refused by place, some reached the (absent) cluster; no process warning', () => {
    expect(outcomes.located).toBeGreaterThan(100);
    expect(outcomes.cluster).toBeGreaterThan(100);
    expect(warnings).not.toHaveBeenCalled();
  });
});

describe('loading a kubeconfig never throws anything but a TpError', () => {
  const loads = (text: string): void => {
    const file = join(work, 'loaded-kubeconfig');
    writeFileSync(file, text);
    try {
      loadKubeconfig({ kubeconfig: file, env: {}, homeDir: '/nonexistent-home' });
    } catch (error) {
      if (!(error instanceof TpError)) throw error;
      expect(error.message).toMatch(/loaded-kubeconfig/);
    }
  };
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join('')),
    shaped.map((value) => stringify(value)),
  );

  it(`on text, kubeconfig lines and kubeconfig-shaped values (${RUNS.loader} runs)`, () => {
    // Loading reads token-file: the same guard as above keeps /dev files out.
    fc.assert(fc.property(anyText, (text) => {
      fc.pre(staysLocal(text));
      loads(text);
    }), { numRuns: RUNS.loader });
    expect(warnings).not.toHaveBeenCalled();
  }, TIMEOUT);
});
