// How the cost of the events, logs, access and reach checks grows with what a
// student's namespace holds: each is timed on synthetic snapshots of growing
// size (no cluster needed). A cost that grows as the input does is linear;
// the figures are in bench/README.md.
//
//   node bench/new-checks.mjs            # BENCH_RUNS=5: the median of 5 evaluations per size
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const dir = mkdtempSync(join(tmpdir(), 'tp-bench-checks-'));
const entry = join(dir, 'entry.ts');
writeFileSync(entry, `export { accessCheck } from '${process.cwd()}/src/checks/access.ts';
export { reachCheck } from '${process.cwd()}/src/checks/reach.ts';
export { eventsCheck } from '${process.cwd()}/src/checks/events.ts';
export { logsCheck } from '${process.cwd()}/src/checks/logs.ts';
`);
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: join(dir, 'checks.mjs'), logLevel: 'warning' });
const { accessCheck, reachCheck, eventsCheck, logsCheck } = await import(pathToFileURL(join(dir, 'checks.mjs')).href);

const NS = 'student';
const facts = { contexts: 1, context: 'bench', server: 'https://127.0.0.1', serverHost: '127.0.0.1', namespace: NS };
const context = (kinds, logs) => ({
  snapshot: { namespace: NS, facts, kinds: Object.fromEntries(Object.entries(kinds).map(([kind, items]) => [kind, { ok: true, items }])) },
  facts,
  answers: new Map(),
  variables: {},
  http: { via: 'auto', get: () => Promise.reject(new Error('no HTTP')) },
  logs: { read: async () => logs },
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = async (evaluate) => {
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await evaluate();
    runs.push(performance.now() - started);
  }
  return median(runs);
};
const row = (...cells) => console.log(`| ${cells.join(' | ')} |`);

// access: N RoleBindings and Roles, N ClusterRoleBindings and ClusterRoles, none of them the subject's
// (so every binding is looked at when indexed), and one that grants. Each size is a new snapshot:
// the index is built in the time measured.
console.log('\naccess: can ServiceAccount ci list pods (one grant among N bindings of each kind)\n');
row('bindings of each kind', 'first evaluation (index built)', 'next evaluations (index kept)');
row('---', '---', '---');
for (const n of [1_000, 10_000, 100_000]) {
  const rule = { apiGroups: [''], resources: ['pods'], verbs: ['list'] };
  const meta = (name, namespace) => ({ name, ...(namespace ? { namespace } : {}) });
  const roles = Array.from({ length: n }, (_, i) => ({ metadata: meta(`role-${i}`, NS), rules: [rule] }));
  const roleBindings = Array.from({ length: n }, (_, i) => ({ metadata: meta(`rb-${i}`, NS), roleRef: { kind: 'Role', name: `role-${i}` }, subjects: [{ kind: 'User', name: `user-${i}` }] }));
  roleBindings.push({ metadata: meta('ci', NS), roleRef: { kind: 'Role', name: `role-${n - 1}` }, subjects: [{ kind: 'ServiceAccount', name: 'ci' }] });
  const clusterRoles = Array.from({ length: n }, (_, i) => ({ metadata: meta(`cr-${i}`), rules: [rule] }));
  const clusterRoleBindings = Array.from({ length: n }, (_, i) => ({ metadata: meta(`crb-${i}`), roleRef: { kind: 'ClusterRole', name: `cr-${i}` }, subjects: [{ kind: 'Group', name: `group-${i}` }] }));
  const ctx = context({ roles, rolebindings: roleBindings, clusterroles: clusterRoles, clusterrolebindings: clusterRoleBindings });
  const params = { subject: { kind: 'ServiceAccount', name: 'ci' }, verb: 'list', resource: 'pods' };
  const started = performance.now();
  const outcome = await accessCheck.evaluate(params, ctx);
  const first = performance.now() - started;
  if (outcome.status !== 'pass') throw new Error(`access: ${outcome.messageId}`);
  row(n.toLocaleString('en'), `${first.toFixed(1)} ms`, `${(await time(() => accessCheck.evaluate(params, ctx))).toFixed(3)} ms`);
}

// reach: P pods per side, alike (a Deployment's replicas) or each labelled its own way (every pair
// is judged), and Q policies isolating the destinations.
console.log('\nreach: pods labelled role=client to pods labelled app=web\n');
row('pods per side', 'kinds of pods per side', 'policies', 'pairs judged', 'median');
row('---', '---', '---', '---', '---');
for (const [p, alike, q] of [[200, true, 100], [2000, true, 100], [10, false, 10], [50, false, 10], [100, false, 10], [100, false, 100]]) {
  const pod = (name, labels, ip) => ({ metadata: { name, namespace: NS, labels }, spec: { containers: [{ name: 'main', ports: [{ name: 'http', containerPort: 8080 }] }] }, status: { phase: 'Running', podIP: ip } });
  const own = (i) => (alike ? {} : { index: String(i) });
  const pods = [
    ...Array.from({ length: p }, (_, i) => pod(`client-${i}`, { role: 'client', ...own(i) }, `10.1.${i >> 8}.${i & 255}`)),
    ...Array.from({ length: p }, (_, i) => pod(`web-${i}`, { app: 'web', ...own(i) }, `10.2.${i >> 8}.${i & 255}`)),
  ];
  // Q policies isolate web; the last lets clients in on the named port, so every pair looks at all of them.
  const policies = Array.from({ length: q }, (_, i) => ({
    metadata: { name: `np-${i}`, namespace: NS },
    spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { role: i === q - 1 ? 'client' : `nobody-${i}` } } }], ports: [{ port: 'http' }] }] },
  }));
  const ctx = context({ pods, networkpolicies: policies, namespaces: [{ metadata: { name: NS, labels: {} } }] });
  const params = { from: 'role=client', to: 'app=web', port: 8080 };
  const outcome = await reachCheck.evaluate(params, ctx);
  if (outcome.status !== 'pass') throw new Error(`reach: ${outcome.messageId}`);
  const kinds = alike ? 1 : p;
  row(p, kinds, q, (kinds * kinds).toLocaleString('en'), `${(await time(() => reachCheck.evaluate(params, ctx))).toFixed(1)} ms`);
}

// events: E Events in the namespace, about 100 pods; the check asks about one of them.
console.log('\nevents: pod web-7 had no BackOff, among E events about 100 pods\n');
row('events', 'first evaluation (index built)', 'next evaluations');
row('---', '---', '---');
for (const e of [1_000, 5_000, 20_000]) {
  const pods = Array.from({ length: 100 }, (_, i) => ({ metadata: { name: `web-${i}`, namespace: NS, uid: `uid-${i}`, creationTimestamp: '2026-01-01T00:00:00Z' } }));
  const events = Array.from({ length: e }, (_, i) => ({
    metadata: { name: `ev-${i}`, namespace: NS },
    involvedObject: { kind: 'Pod', name: `web-${i % 100}`, namespace: NS, uid: `uid-${i % 100}` },
    reason: i % 100 === 7 ? 'Started' : 'BackOff',
    message: 'Back-off restarting failed container',
    count: 3,
    lastTimestamp: '2026-01-01T00:10:00Z',
  }));
  const ctx = context({ pods, events });
  const params = { resource: 'pods', name: 'web-7', reasons: { noneOf: ['BackOff'] } };
  const started = performance.now();
  const outcome = await eventsCheck.evaluate(params, ctx);
  const first = performance.now() - started;
  if (outcome.status !== 'pass') throw new Error(`events: ${outcome.messageId}`);
  row(e.toLocaleString('en'), `${first.toFixed(1)} ms`, `${(await time(() => eventsCheck.evaluate(params, ctx))).toFixed(3)} ms`);
}

// logs: a log of L bytes (1 MiB is the most a lab may read), searched for text that is not there,
// with a plain text and with a pattern that backtracking engines take exponential time on.
console.log('\nlogs: a text absent from a log of L bytes\n');
row('log bytes', '`contains`', '`matches: (a+)+$` (RE2)');
row('---', '---', '---');
for (const bytes of [64 * 1024, 256 * 1024, 1024 * 1024]) {
  const text = `${'a'.repeat(bytes - 2)}!\n`;
  const pod = { metadata: { name: 'web', namespace: NS }, spec: { containers: [{ name: 'main' }] } };
  const ctx = context({ pods: [pod] }, { ok: true, text, truncated: false });
  const contains = await time(() => logsCheck.evaluate({ pod: 'web', contains: 'Listening on', limitBytes: bytes }, ctx));
  const matches = await time(() => logsCheck.evaluate({ pod: 'web', matches: '(a+)+$', limitBytes: bytes }, ctx));
  row(`${bytes / 1024} KiB`, `${contains.toFixed(1)} ms`, `${matches.toFixed(1)} ms`);
}
