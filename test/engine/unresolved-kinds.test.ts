// A kind name that resolves to nothing tp can read makes the checks that need it
// `error`, naming the kind, in the student's language; the other checks are graded.
import { describe, expect, it } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import type { Snapshot } from '../../src/cluster/types.js';
import { evaluateLab } from '../../src/engine/evaluate.js';
import { labFromText } from '../../src/lab/load.js';
import type { Lang } from '../../src/core/text.js';

const check = (id: string, resource: string) =>
  `      - { id: ${id}, kind: resource, points: 1, title: { fr: t, en: t }, params: { resource: ${resource}, name: x } }\n`;

const lab = labFromText(
  `id: unresolved\ntitle: { fr: t, en: t }\nexercises:\n  - id: e\n    title: { fr: t, en: t }\n    checks:\n${check('served', 'configmaps')}${check('crd', 'widgets.example.org')}${check('flaky', 'gadgets.example.org')}${check('unlistable', 'reviews.example.org')}`,
  'lab.yaml',
  checkKinds,
);

const snapshot: Snapshot = {
  namespace: 'alice',
  facts: { contexts: 1, context: 'c', server: 'https://127.0.0.1:6443', serverHost: '127.0.0.1', namespace: 'default' },
  kinds: { configmaps: { ok: true, items: [{ metadata: { name: 'x' } }] } },
  names: {
    configmaps: { ok: true, key: 'configmaps', kind: 'ConfigMap', namespaced: true },
    'widgets.example.org': { ok: false, why: 'not-served' },
    'gadgets.example.org': { ok: false, why: 'discovery-failed', reason: 'GET /apis answered 503' },
    // Served, but only to create (a review): tp reads by LIST.
    'reviews.example.org': { ok: false, why: 'not-listable', kind: 'Review' },
  },
};

const results = async (lang: Lang) => {
  const report = await evaluateLab({
    lab, snapshot, answers: new Map(), variables: {}, lang,
    http: { via: 'auto', get: () => Promise.reject(new Error('no HTTP here')) },
    target: { context: 'c', namespace: 'alice', answers: 'answers' },
  });
  return Object.fromEntries(report.exercises.flatMap((e) => e.checks).map((c) => [c.id, { status: c.status, messageId: c.messageId, message: c.message }]));
};

describe('a kind that resolves to nothing', () => {
  it('is an error naming it, the other checks graded (en)', async () => {
    expect(await results('en')).toEqual({
      served: { status: 'pass', messageId: 'resource.ok', message: 'ConfigMap x as expected' },
      crd: { status: 'error', messageId: 'engine.kind-not-served', message: 'the cluster does not serve the kind "widgets.example.org" (a CRD not installed?): this check cannot be made' },
      flaky: { status: 'error', messageId: 'engine.discovery-failed', message: 'cannot tell whether the cluster serves the kind "gadgets.example.org": GET /apis answered 503' },
      unlistable: { status: 'error', messageId: 'engine.kind-not-listable', message: 'the kind "reviews.example.org" (Review) cannot be listed: tp cannot read it' },
    });
  });

  it('in French too', async () => {
    const fr = await results('fr');
    expect(fr.crd?.message).toBe('le cluster ne sert pas le type « widgets.example.org » (une CRD non installée ?) : cette vérification ne peut pas être faite');
    expect(fr.flaky?.message).toBe('impossible de savoir si le cluster sert le type « gadgets.example.org » : GET /apis answered 503');
    expect(fr.unlistable?.message).toBe('le type « reviews.example.org » (Review) ne se liste pas : tp ne peut pas le lire');
  });
});
