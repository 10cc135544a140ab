// provenance: how an object was made, read from what the API server records —
// its field managers (managedFields: manager, operation, subresource, time) and
// the annotation `kubectl apply` keeps. kubectl names its manager after the
// command: `kubectl apply -f` is kubectl-client-side-apply, `--server-side` is
// kubectl with the operation Apply, then kubectl-create, kubectl-edit,
// kubectl-run, kubectl-label…; kubectl scale writes the subresource scale (as
// the manager kubectl, with no time, in kubectl 1.36: seen on the real API
// server, test/live/provenance.test.ts). Anything else
// that is not a controller is a script or another tool.
//
// One more thing seen on the real API server (1.36): an object created with no
// field at all — an empty ConfigMap, `kubectl create cm cm1` as the course
// has it — gets no managedFields, and the server then records no later Update
// either: the course's `kubectl label` leaves no trace there. Labels written at
// creation (a manifest, applied or created) are always recorded, so labels on
// an object that records no writer and no last-applied annotation were set
// after it was made, by a command the server did not record: `used: [label]`
// accepts that, and says so in words. The message says how
// the object was made and when, relative to the others, for the trainer; it is
// worth points only when the lab gives it some (0 points: evidence only).
import { defineCheck } from './define.js';
import { findObject, kindNameOf, objectsOf, readOf } from './snapshot-read.js';
import type { FieldWriter, KubeObject, Snapshot } from '../cluster/types.js';
import { KIND_NAME_SCHEMA } from './kind-name-schema.js';
import { byCodeUnit } from '../core/code-unit-order.js';

export const METHODS = ['apply', 'server-side-apply', 'create', 'edit', 'run', 'scale', 'label', 'annotate', 'expose', 'set', 'patch', 'replace', 'rollout', 'autoscale', 'script'] as const;
export type Method = (typeof METHODS)[number];

export interface ProvenanceParams {
  resource: string;
  name: string;
  /** How the object must have been created (any of them). */
  made?: Method[];
  /** Commands that must have changed it since (all of them). */
  used?: Method[];
}

/** Managers that are the cluster itself, not the student. */
const CONTROLLERS = /^(kube-controller-manager|kube-scheduler|kubelet|kwok-controller|k3s|kube-apiserver)$/;

const COMMANDS: Record<Method, string> = {
  apply: 'kubectl apply -f',
  'server-side-apply': 'kubectl apply --server-side',
  create: 'kubectl create',
  edit: 'kubectl edit',
  run: 'kubectl run',
  scale: 'kubectl scale',
  label: 'kubectl label',
  annotate: 'kubectl annotate',
  expose: 'kubectl expose',
  set: 'kubectl set',
  patch: 'kubectl patch',
  replace: 'kubectl replace',
  rollout: 'kubectl rollout',
  autoscale: 'kubectl autoscale',
  script: 'a script or another tool',
};
const COMMANDS_FR: Partial<Record<Method, string>> = { script: 'un script ou un autre outil' };

export const methodOf = (writer: FieldWriter): Method | undefined => {
  if (writer.subresource === 'status' || CONTROLLERS.test(writer.manager)) return undefined;
  if (writer.manager === 'kubectl-client-side-apply') return 'apply';
  if (writer.manager === 'kubectl' && writer.operation === 'Apply') return 'server-side-apply';
  // kubectl scale writes the scale subresource; kubectl 1.36 records it as manager kubectl, without a time.
  if (writer.subresource === 'scale' && writer.manager.startsWith('kubectl')) return 'scale';
  // kubectl rollout undo: no field manager sent, so the user agent's name (see the top of this file).
  if (writer.manager === 'kubectl' && writer.operation === 'Update' && writer.subresource === undefined) return 'rollout';
  const sub = /^kubectl-([a-z]+)/.exec(writer.manager)?.[1];
  return (METHODS as readonly string[]).includes(sub ?? '') && sub !== 'script' ? (sub as Method) : 'script';
};

/** Commands that change an object and never make one. */
const CHANGES_ONLY: ReadonlySet<Method> = new Set(['edit', 'scale', 'label', 'annotate', 'set', 'patch', 'rollout']);

/** How the object was made (its oldest writer), and the other commands used on it since. */
export const provenanceOf = (object: KubeObject): { made?: Method; then: Method[]; managers: string[] } => {
  // Oldest first; an entry without a time (kubectl scale's) after those with one. Times count
  // whole seconds and the server sorts entries of one second by manager name (kubectl-label
  // before kubectl-run, seen on the API server when `kubectl run` and `kubectl label` follow
  // each other within a second): in a tie, a command that can make an object comes first.
  const writers = (object.metadata.writers ?? [])
    .filter((w) => methodOf(w) !== undefined)
    .map((w, i) => ({ w, i, changesOnly: CHANGES_ONLY.has(methodOf(w) as Method) ? 1 : 0 }))
    // RFC 3339 times of one server sort as text; compared by code unit, not by locale (a hundred times faster on thousands of writers).
    .sort((a, b) => byCodeUnit(a.w.time ?? '\uffff', b.w.time ?? '\uffff') || a.changesOnly - b.changesOnly || a.i - b.i)
    .map(({ w }) => w);
  const methods = writers.map((w) => methodOf(w) as Method);
  // kubectl apply on an object another command made adds the annotation: applied since.
  if (object.metadata.lastApplied && !methods.includes('apply')) methods.push('apply');
  const [made, ...rest] = methods;
  return { ...(made && { made }), then: [...new Set(rest)].filter((m) => m !== made), managers: writers.map((w) => w.manager) };
};

/** `provenanceOf(object).made !== undefined`, without sorting its writers: asked of every object of the namespace. */
const madeByCommand = (object: KubeObject): boolean => Boolean(object.metadata.lastApplied) || (object.metadata.writers ?? []).some((w) => methodOf(w) !== undefined);

/** An object the API server tracks no field of: no writer at all, not even a controller, and no last-applied annotation. */
const untracked = (object: KubeObject): boolean => (object.metadata.writers ?? []).length === 0 && !object.metadata.lastApplied;

/** Labels set after the object was made, on an object the API server tracks no field of (see the top of this file). */
export const untrackedLabels = (object: KubeObject): boolean => untracked(object) && Object.keys(object.metadata.labels ?? {}).length > 0;

/** The objects a student makes (not those controllers make for them), for the order of the work. */
const OWN_KINDS = ['configmaps', 'secrets', 'deployments', 'services', 'pods'];

/** 1 for the first object the student made in the namespace, among those the snapshot holds. */
const orderOf = (snapshot: Snapshot, object: KubeObject, resource: string): { order: number; count: number } => {
  // Not those the cluster makes by itself (kube-root-ca.crt) nor those controllers make (a Deployment's pods).
  // An object that records no writer at all (an empty ConfigMap) is the student's too: the cluster's own record theirs.
  // The checked kind counts too (an HPA, a Job), read anyway, when it is not one of those kinds already.
  const keyOf = (name: string) => { const resolved = snapshot.names[name]; return resolved?.ok ? resolved.key : name; };
  const kinds = [...new Map([...OWN_KINDS, resource].map((name) => [keyOf(name), name])).values()];
  const own = kinds.flatMap((kind) => (readOf(snapshot, kind)?.ok ? objectsOf(snapshot, kind) : []))
    .filter((o) => !(o.metadata.ownerReferences ?? []).length && (madeByCommand(o) || untracked(o)));
  const created = object.metadata.creationTimestamp ?? '';
  return { order: 1 + own.filter((o) => (o.metadata.creationTimestamp ?? '') < created).length, count: own.length };
};

const words = (made: Method | undefined, then: Method[], expected: Method[]) => ({
  made: { fr: made ? COMMANDS_FR[made] ?? COMMANDS[made] : 'une commande inconnue', en: made ? COMMANDS[made] : 'an unknown command' },
  then: {
    fr: then.length ? `, puis modifié avec ${then.map((m) => COMMANDS_FR[m] ?? COMMANDS[m]).join(', ')}` : '',
    en: then.length ? `, then changed with ${then.map((m) => COMMANDS[m]).join(', ')}` : '',
  },
  expected: { fr: expected.map((m) => COMMANDS_FR[m] ?? COMMANDS[m]).join(' ou '), en: expected.map((m) => COMMANDS[m]).join(' or ') },
});

export const provenanceCheck = defineCheck<ProvenanceParams, 'ok' | 'missing' | 'other-method' | 'not-used' | 'labels-untracked'>({
  kind: 'provenance',
  schema: {
    type: 'object',
    required: ['resource', 'name'],
    additionalProperties: false,
    properties: {
      resource: KIND_NAME_SCHEMA,
      name: { type: 'string', minLength: 1 },
      made: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...METHODS] } },
      used: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...METHODS] } },
    },
    anyOf: [{ required: ['made'] }, { required: ['used'] }],
  },
  messages: {
    ok: { fr: '{kind} {name} : créé avec {made}{then} (objet n° {order} sur {count} dans l\'ordre de création)', en: '{kind} {name}: made with {made}{then} (object {order} of {count} in the order of creation)' },
    missing: { fr: '{kind} {name} introuvable', en: '{kind} {name} not found' },
    'other-method': { fr: '{kind} {name} : créé avec {made}{then}, {expected} attendu', en: '{kind} {name}: made with {made}{then}, {expected} expected' },
    'not-used': { fr: '{kind} {name} : {expected} n\'a pas servi (créé avec {made}{then})', en: '{kind} {name}: {expected} was not used (made with {made}{then})' },
    'labels-untracked': {
      fr: '{kind} {name} : créé vide, ses labels posés ensuite par une commande que le serveur ne trace pas sur un objet vide (kubectl label, ou kubectl edit)',
      en: '{kind} {name}: made empty, its labels set afterwards by a command the server does not record on an empty object (kubectl label, or kubectl edit)',
    },
  },
  needs: (params) => [...new Set([params.resource, ...OWN_KINDS])],
  evaluate(params, { snapshot }) {
    const data = { kind: kindNameOf(snapshot, params.resource), name: params.name };
    const object = findObject(snapshot, params.resource, params.name);
    if (!object) return { status: 'fail', messageId: 'missing', data };
    const { made, then, managers } = provenanceOf(object);
    const details = { made: made ?? '', then: then.join(', '), managers: managers.join(', '), created: object.metadata.creationTimestamp ?? '' };
    const placed = { ...data, ...orderOf(snapshot, object, params.resource) };
    if (params.made && !(made && params.made.includes(made))) {
      return { status: 'fail', messageId: 'other-method', data: placed, words: words(made, then, params.made), details };
    }
    const missing = (params.used ?? []).filter((m) => m !== made && !then.includes(m));
    // kubectl label on an empty object leaves no trace: its labels, set after it was made, are the evidence.
    if (missing.length === 1 && missing[0] === 'label' && !params.made && untrackedLabels(object)) {
      return { status: 'pass', messageId: 'labels-untracked', data, details: { ...details, untracked: 'labels' } };
    }
    if (missing.length > 0) return { status: 'fail', messageId: 'not-used', data: placed, words: words(made, then, missing), details };
    return { status: 'pass', messageId: 'ok', data: placed, words: words(made, then, []), details };
  },
});
