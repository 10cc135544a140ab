// The kubeconfig reader without the YAML library (src/cluster/kubeconfig-plain.ts) must read
// what the library reads, or leave the text to it: compared here with the library itself, on
// the kubeconfigs the usual tools write and on thousands of generated ones full of what YAML
// reads otherwise than it looks (numbers, booleans, quotes, comments, indicators).
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/seeded-random.js';
import { plainKubeconfig } from '../../src/cluster/kubeconfig-plain.js';

/** What the YAML library reads (as tp's positioned parse does), or 'error'. */
const library = (text: string): unknown => {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  return doc.errors.length > 0 ? 'error' : doc.toJS();
};

const kindConfig = [
  'apiVersion: v1',
  'clusters:',
  '- cluster:',
  '    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=',
  '    server: https://127.0.0.1:41234',
  '  name: kind-kind',
  'contexts:',
  '- context:',
  '    cluster: kind-kind',
  '    namespace: tp4',
  '    user: kind-kind',
  '  name: kind-kind',
  'current-context: kind-kind',
  'kind: Config',
  'preferences: {}',
  'users:',
  '- name: kind-kind',
  '  user:',
  '    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUQ=',
  '    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlF',
  '',
].join('\n');

// An EKS-style user (exec plugin, arguments starting with dashes, env null) and a GKE-style one.
const cloudConfig = [
  '# written by hand, with comments',
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '  - name: "prod"   # quoted name',
  '    cluster:',
  "      server: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com'",
  '      certificate-authority: /home/alice/.minikube/ca.crt',
  '',
  'users:',
  '  - name: arn:aws:eks:eu-west-1:123456789012:cluster/prod',
  '    user:',
  '      exec:',
  '        apiVersion: client.authentication.k8s.io/v1beta1',
  '        command: aws',
  '        args:',
  '          - --region',
  '          - eu-west-1',
  '          - eks',
  '          - get-token',
  '        env: null',
  '        interactiveMode: IfAvailable',
  '        provideClusterInfo: false',
  '  - name: gke',
  '    user:',
  '      exec:',
  '        command: gke-gcloud-auth-plugin',
  '        installHint: Install gke-gcloud-auth-plugin for use with kubectl',
  '        provideClusterInfo: true',
  'contexts:',
  '- name: prod',
  '  context: {cluster: prod, user: prod}',
  'current-context: prod',
].join('\r\n');

describe('the kubeconfig read without the YAML library', () => {
  it('reads what kind and kubectl write, as the library does', () => {
    const read = plainKubeconfig(kindConfig);
    expect(read).toEqual(library(kindConfig));
    expect(read?.['current-context']).toBe('kind-kind');
    // A byte-order mark and Windows line ends change nothing.
    expect(plainKubeconfig(`\uFEFF${kindConfig.replace(/\n/g, '\r\n')}`)).toEqual(read);
  });

  it('reads what minikube writes (extensions, a date with colons, a Windows path) as the library does', () => {
    const minikube = [
      'apiVersion: v1',
      'clusters:',
      '- cluster:',
      '    certificate-authority: /home/alice/.minikube/ca.crt',
      '    extensions:',
      '    - extension:',
      '        last-update: Sat, 05 Dec 2026 07:00:00 UTC',
      '        provider: minikube.sigs.k8s.io',
      '        version: v1.32.0',
      '      name: cluster_info',
      '    server: https://192.168.49.2:8443',
      '  name: minikube',
      'current-context: minikube',
      'users:',
      '- name: minikube',
      '  user:',
      '    client-certificate: C:\\Users\\alice\\.minikube\\client.crt',
      '    client-key: /home/alice/.minikube/profiles/minikube/client.key',
    ].join('\n');
    const read = plainKubeconfig(minikube);
    expect(read).toBeDefined();
    expect(read).toEqual(library(minikube));
  });

  it('reads exec plugins, quotes, comments and indented lists as the library does, and leaves it what it does not read', () => {
    // `context: {cluster: prod, …}` is a flow mapping: the library's to read.
    expect(plainKubeconfig(cloudConfig)).toBeUndefined();
    const block = cloudConfig.replace('  context: {cluster: prod, user: prod}', '  context:\r\n    cluster: prod\r\n    user: prod');
    const read = plainKubeconfig(block);
    expect(read).toEqual(library(block));
    expect(JSON.stringify(read)).toContain('["--region","eu-west-1","eks","get-token"]');
  });

  it.each([
    ['an anchor and an alias', 'a: &x b\nc: *x\n'],
    ['a flow list', 'a: [b, c]\n'],
    ['a block scalar', 'a: |\n  b\n'],
    ['an escape in double quotes', 'a: "b\\tc"\n'],
    ['a quoted string on two lines', 'a: "b\n  c"\n'],
    ['a number', 'a: 8080\n'],
    ['a float', 'a: .5\n'],
    ['a boolean key', 'true: a\n'],
    ['a key twice', 'a: b\na: c\n'],
    ['a tab', 'a:\tb\n'],
    ['a document marker', '---\na: b\n'],
    ['a plain scalar on two lines', 'a: b\n  c\n'],
    ['a list at the top', '- a\n'],
    ['a list in a list', 'a:\n- - b\n'],
    ['a complex key', '? a\n: b\n'],
    ['a key with a space', 'a b: c\n'],
    ['__proto__', '__proto__: {}\n'],
    ['a tag', 'a: !!str 1\n'],
    ['nothing', '# only a comment\n'],
    ['a nested mapping on one line', 'a: b: c\n'],
    ['a misaligned key', 'a:\n  b: c\n   d: e\n'],
  ])('leaves %s to the library', (_what, text) => {
    expect(plainKubeconfig(text)).toBeUndefined();
  });

  it('reads a value with a long run of spaces in time linear in it (a student\'s kubeconfig graded by a trainer)', () => {
    // Searching for a comment with a backtracking / +#/ at each of 10^6 spaces takes hours; a linear pass, milliseconds.
    const spaces = ' '.repeat(1_000_000);
    const text = kindConfig.replace('namespace: tp4', `namespace: tp4${spaces}x`);
    expect(plainKubeconfig(text)).toEqual(library(text));
    expect(plainKubeconfig(kindConfig.replace('namespace: tp4', `namespace: tp4${spaces}# a comment`))).toEqual(library(kindConfig));
  });

  it('gives, on generated kubeconfigs, the library\'s value or nothing, and reads most of the usual ones', () => {
    const { random, pick } = seededRandom(22);
    const usual = ['v1', 'kind-kind', 'https://127.0.0.1:6443', 'Config', 'LS0tLS1CRUdJTg==', '/home/a/.kube/ca.crt', 'IfAvailable', 'arn:aws:eks:x', '--region', 'a b', 'é'];
    const tricky = [
      'a  b', 'a#b', 'a #b', 'a: b', 'a:b', 'a,b', 'a]', '[a]', '{a}', '{}', '[]', '{ }', '-a', '- a', '-', '?a', ':a', '~', 'null', 'Null', 'true',
      'False', 'yes', 'no', 'on', '1', '-1', '+1', '1.5', '.5', '0x1F', '0o17', '1e3', '.inf', '-.INF', '.nan', "'q'", "'it''s'", "'a'b'", '"dq"',
      '"a\\"b"', '"a#b"', '"a: b"', "'a' b", '"a" #c', '"a"#c', '@x', '%x', '`x`', '!t x', '&a x', '*a', '|', '>', '', 'a:', '#c', 'x y z ', "''", '""',
    ];
    const keys = ['name', 'server', 'a-b', 'a.b', 'a/b', '_x', 'key', 'constructor', 'true', 'null', '1', 'a b', '"q"', 'name'];
    const comment = () => (random() < 0.1 ? ` # ${pick(['c', '#', ': x', "'"])}` : '');
    const lines: string[] = [];
    const scalar = () => (random() < 0.5 ? pick(usual) : pick(tricky));
    const write = (depth: number, indent: string, style: 'kubectl' | 'indented', prefix = ''): void => {
      const entries = 1 + Math.floor(random() * 3);
      for (let i = 0; i < entries; i += 1) {
        const lead = i === 0 ? prefix : indent;
        const key = random() < 0.85 ? pick(keys.slice(0, 7)) : pick(keys);
        const kind = depth >= 3 ? 0 : Math.floor(random() * 4);
        if (random() < 0.05) lines.push(`${indent}# a comment`);
        if (kind === 0) lines.push(`${lead}${key}: ${scalar()}${comment()}`.trimEnd());
        else if (kind === 1) {
          lines.push(`${lead}${key}:${comment()}`);
          write(depth + 1, `${indent}  `, style);
        } else {
          lines.push(`${lead}${key}:${comment()}`);
          const itemIndent = style === 'kubectl' ? indent : `${indent}  `;
          const items = Math.floor(random() * 3);
          for (let j = 0; j < items; j += 1) {
            if (kind === 2) lines.push(`${itemIndent}- ${scalar()}`.trimEnd());
            else write(depth + 1, `${itemIndent}  `, style, `${itemIndent}- `);
          }
        }
      }
    };
    let read = 0;
    const documents = 3000;
    for (let n = 0; n < documents; n += 1) {
      lines.length = 0;
      write(0, '', random() < 0.5 ? 'kubectl' : 'indented');
      const text = `${lines.join('\n')}\n`;
      const plain = plainKubeconfig(text);
      if (plain === undefined) continue;
      read += 1;
      // Read: then exactly the library's value (and never a text the library refuses).
      expect({ text, value: plain }).toEqual({ text, value: library(text) });
    }
    // The reader is no use if it leaves everything to the library.
    expect(read).toBeGreaterThan(documents / 5);
  });
});
