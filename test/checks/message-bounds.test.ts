// Issue 23, point 9: every message is bounded. A namespace of 10,000 objects
// with long names, a Secret with credentials for 10,000 registries, objects
// with thousands of labels, writers and ports: every check of every lab, of
// every check kind, says what it found in a message of a few hundred
// characters ("cm-1, cm-2, cm-3, cm-4, cm-5 and 9995 more"), and a student's
// report stays small.
import { describe, expect, it } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { LISTED_MAX, listed, renderMessage } from '../../src/checks/message.js';
import { evaluateLab, kindsNeeded } from '../../src/engine/evaluate.js';
import { labFromText, loadLabFile } from '../../src/lab/load.js';
import { readFileSync } from 'node:fs';
import { listLabFiles } from '../../src/lab/find.js';
import type { Lab } from '../../src/lab/types.js';
import type { AnswerValue } from '../../src/answers/types.js';
import type { KubeObject, Snapshot } from '../../src/cluster/types.js';
import type { HttpProbe } from '../../src/cluster/http-types.js';
import type { LogReader } from '../../src/cluster/log-types.js';
import { FACTS } from './test-check.js';
import { resolveBuiltins } from '../support/kinds.js';
import { kindsToList, namesOf } from '../../src/cluster/snapshot.js';

const FLOOD = 10_000;
const LONG = 'n'.repeat(240);
/** What one message may hold: its template and a few bounded placeholders. */
const MESSAGE_MAX = 2_000;
/** A whole report of a lab (a few dozen checks), messages and details. */
const REPORT_MAX = 256 * 1024;

/** The course's labs, and docs/lab-format.md's examples: they are where the check kinds no course lab uses yet (events, logs, access, reach) are written. */
const docExamples = [...readFileSync('docs/lab-format.md', 'utf8').matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '').filter((text) => /^exercises:/m.test(text));
const labs: Lab[] = [
  ...(await Promise.all(listLabFiles('labs').map((file) => loadLabFile(file, checkKinds)))),
  ...docExamples.map((text, index) => labFromText(text, `docs/lab-format.md#example-${index + 1}`, checkKinds)),
];

const many = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));
const manyLabels = (count: number): Record<string, string> => Object.fromEntries(many(count, (i) => [`k${i}.example.org/${LONG.slice(0, 40)}`, `v${i}`]));

/** The names a lab's checks look objects up by: each becomes an object of every kind, as large as a student can make it. */
const namesIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(namesIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    typeof item === 'string' && ['name', 'deployment', 'service', 'secret', 'configMap', 'container', 'pod'].includes(key) ? [item] : namesIn(item));
};

/** The large parts of a monster object, made once and shared: what they hold matters, not their copies. */
const LABELS = manyLabels(1_000);
const WRITERS = many(1_000, (i) => ({ manager: `script-${i}-${LONG}`, operation: 'Update', time: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` }));
const REGISTRIES = many(FLOOD, (i) => `registry-${i}.${LONG}.example.org`);
const PORTS = many(2_000, (i) => ({ name: `p${i}`, port: i + 1, containerPort: 1000 + i }));
const MOUNTS = many(2_000, (i) => ({ name: `v${i}`, mountPath: `/m/${i}` }));
const VOLUMES = many(2_000, (i) => ({ name: `v${i}`, configMap: { name: `cm${i}` } }));
const ADDRESSES = many(2_000, (i) => ({ type: 'InternalIP', address: `10.0.${i % 250}.${i % 250}` }));
const ENDPOINTS = many(2_000, (i) => ({ addresses: [`10.1.${i % 250}.1`] }));
// What RBAC objects, NetworkPolicies and Events hold, each as long as a student can make it.
const SUBJECTS = many(1_000, (i) => ({ kind: 'ServiceAccount', name: `sa-${i}-${LONG}`, namespace: 'student' }));
const RULES = many(1_000, (i) => ({ apiGroups: ['', 'apps'], resources: [`r${i}-${LONG}`], verbs: ['get', 'list'] }));
const PEERS = many(200, (i) => ({ podSelector: { matchLabels: { [`k${i}`]: LONG.slice(0, 60) } } }));
const POLICY_RULES = many(50, () => ({ from: PEERS, to: PEERS, ports: [{ port: 1, endPort: 65535 }] }));


const monster = (kind: string, name: string, containerNames: string[]): KubeObject => {
  const containers = [...containerNames, ...many(20, (i) => `c${i}`)].map((container) => ({
    name: container,
    image: `evil.example.org/${LONG}:v${container}`,
    ports: PORTS,
    volumeMounts: MOUNTS,
  }));
  const template = { metadata: { labels: LABELS }, spec: { containers, volumes: VOLUMES } };
  return {
    apiVersion: 'v1',
    kind,
    metadata: { name, namespace: 'student', uid: `uid-${name}`, labels: LABELS, annotations: LABELS, writers: WRITERS, creationTimestamp: '2026-01-01T00:00:00Z' },
    data: LABELS,
    registries: REGISTRIES,
    spec: {
      replicas: 3, selector: { matchLabels: LABELS, ...LABELS }, template, ports: PORTS, type: 'NodePort', containers, volumes: VOLUMES,
      podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: POLICY_RULES, egress: POLICY_RULES,
    },
    subjects: SUBJECTS,
    rules: RULES,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    // An Event about the object of this name, of a reason no lab names, with a long message.
    involvedObject: { kind: 'Pod', name, namespace: 'student', uid: `uid-${name}` },
    reason: `Reason${LONG}`,
    message: `${LONG}\n`.repeat(100),
    status: { replicas: 3, readyReplicas: 1, addresses: ADDRESSES },
    endpoints: ENDPOINTS,
  };
};

/** Every kind the lab reads: 10,000 objects with long names that every selector `a` picks, and a monster per name the lab uses. */
const floodedSnapshot = (lab: Lab): Snapshot => {
  const names = [...new Set(lab.exercises.flatMap((exercise) => exercise.checks.flatMap((check) => namesIn(check.params))))];
  const resolved = resolveBuiltins([...kindsNeeded(lab, {})]);
  const kinds = Object.fromEntries(
    kindsToList(resolved).map(({ key: kind }) => [
      kind,
      {
        ok: true as const,
        items: [
          ...names.map((name) => monster(kind, name, names)),
          // Labels the docs' selectors pick (app=web, role=front…), so every pod and policy is judged, not skipped.
          ...many(FLOOD, (i) => ({
            apiVersion: 'v1', kind,
            metadata: { name: `${LONG}-${i}`, namespace: 'student', uid: `uid-${i}`, labels: { a: 'x', app: ['web', 'api', 'worker'][i % 3] ?? 'web', role: i % 2 ? 'front' : 'back', 'kubernetes.io/service-name': names[0] ?? '' } },
            // Events of 10,000 reasons about the first name the lab uses.
            involvedObject: { kind: 'Pod', name: names[0] ?? '', namespace: 'student', uid: `uid-${names[0] ?? ''}` },
            reason: `R${i}-${LONG}`,
          })),
        ],
      },
    ]),
  );
  return { namespace: 'student', facts: FACTS, kinds, names: namesOf(resolved) };
};

/** Every answer the lab reads is `a`: a selector picking all 10,000 objects, a wrong short answer elsewhere. */
const floodedAnswers = (lab: Lab): Map<string, AnswerValue> =>
  new Map(lab.answers.map((answer, index) => [answer.key, { state: 'answered', value: 'a', line: index + 2 }]));

const floodingApp: HttpProbe = {
  via: 'nodeport',
  get: async (request) => ({ reached: true, via: 'nodeport', url: `http://127.0.0.1:${request.nodePort}${request.path}`, status: 500, body: `${LONG} `.repeat(200) }),
};

/** Every log is 1 MiB of one long line holding every word a lab looks for, and control characters. */
const floodingLogs: LogReader = {
  read: async (request) => ({ ok: true, truncated: true, text: `\u001b[2J${'Listening on :8080 missing env variable panic: '.repeat(Math.ceil(request.limitBytes / 48))}`.slice(0, request.limitBytes) }),
};

describe('listed: a few items, then how many more', () => {
  it('names the first items and counts the rest, in both languages', () => {
    const names = many(FLOOD, (i) => `cm${i}`);
    expect(listed(names)).toEqual({ fr: 'cm0, cm1, cm2, cm3, cm4 et 9995 autres', en: 'cm0, cm1, cm2, cm3, cm4 and 9995 more' });
    expect(listed(names.slice(0, LISTED_MAX + 1))).toEqual({ fr: 'cm0, cm1, cm2, cm3, cm4 et 1 autre', en: 'cm0, cm1, cm2, cm3, cm4 and 1 more' });
    expect(listed(names.slice(0, 2))).toEqual({ fr: 'cm0, cm1', en: 'cm0, cm1' });
    expect(listed([])).toEqual({ fr: '∅', en: '∅' });
    // Each item on one short line, whatever its length.
    expect(listed([`${LONG}\n2/2 students graded`]).en).toMatch(/^n{63}…$/);
  });

  it('keeps any placeholder of any message to a bounded line', () => {
    const message = renderMessage({ fr: 'trouvé {found}', en: 'found {found}' }, { data: { found: `x\n${'y'.repeat(1_000_000)}` } }, 'en');
    expect(message.length).toBeLessThan(500);
    expect(message).not.toContain('\n');
  });
});

describe('every check kind, on a namespace flooded at the caps', () => {
  it('covers every registered check kind', () => {
    const used = new Set(labs.flatMap((lab) => lab.exercises.flatMap((exercise) => exercise.checks.map((check) => check.kind))));
    expect([...used].sort()).toEqual(Object.keys(checkKinds).sort());
  });

  for (const lab of labs) {
    it(`${lab.id}: every message is a few hundred characters, the report a few kilobytes`, async () => {
      for (const lang of ['fr', 'en'] as const) {
        const report = await evaluateLab({
          lab,
          snapshot: floodedSnapshot(lab),
          answers: floodedAnswers(lab),
          variables: { registry: 'registry.example.org' },
          http: floodingApp,
          logs: floodingLogs,
          lang,
          target: { context: FACTS.context, namespace: 'student', answers: 'answers' },
        });
        for (const check of report.exercises.flatMap((exercise) => exercise.checks)) {
          expect(check.message, check.id).not.toMatch(/[\n\u001b]/);
          expect(check.message.length, `${check.id}: ${check.message.slice(0, 200)}`).toBeLessThan(MESSAGE_MAX);
          for (const [key, value] of Object.entries(check.details ?? {})) expect(String(value).length, `${check.id} details.${key}`).toBeLessThan(MESSAGE_MAX);
        }
        expect(JSON.stringify(report).length).toBeLessThan(REPORT_MAX);
      }
    }, 120_000);
  }

  it('says how many more a selector picks, rather than naming them all', async () => {
    const tp4 = labs.find((lab) => lab.id === 'tp4') as Lab;
    const report = await evaluateLab({
      lab: tp4, snapshot: floodedSnapshot(tp4), answers: floodedAnswers(tp4), variables: { registry: 'registry.example.org' }, http: floodingApp, logs: floodingLogs, lang: 'en',
      target: { context: FACTS.context, namespace: 'student', answers: 'answers' },
    });
    const selector = report.exercises.flatMap((exercise) => exercise.checks).find((check) => check.messageId === 'selector.live-mismatch');
    expect(selector?.message).toMatch(/^Answer\d: "a" selects .+ and \d+ more; expected .+/);
  });
});
