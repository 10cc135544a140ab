// The second pass: rules about the lab as a whole.
import { describe, expect, test } from 'vitest';
import type { AnyCheckKind } from '../../src/checks/define.js';
import { fakeKinds } from './fake-kinds.js';
import { problemsOf } from './problems-of.js';
import { ANSWER1_CHECK, labWith } from './sample-lab.js';

const check = (id: string, kind: string, params: string): string =>
  `      - id: ${id}\n        kind: ${kind}\n        points: 1\n        title: {fr: a, en: a}\n        params: ${params}\n`;

describe('duplicates', () => {
  test('check ids are unique across exercises', () => {
    const tail = '  - id: two\n    title: {fr: x, en: x}\n    checks:\n' + check('c1', 'resource', '{kind: pods, name: p}');
    expect(problemsOf(labWith(ANSWER1_CHECK, tail))).toEqual(['18:13 duplicate check id "c1" (first at line 10)']);
  });

  test('exercise ids, answer keys, variable names and mutation ids', () => {
    const text = `id: tp9
title: {fr: T, en: T}
variables:
  - {name: registry, default: r, description: {fr: d, en: d}}
  - {name: registry, default: s, description: {fr: d, en: d}}
answers:
  - {key: Answer1, question: {fr: q, en: q}}
  - {key: Answer1, question: {fr: q, en: q}}
exercises:
  - id: one
    title: {fr: x, en: x}
    checks:
${ANSWER1_CHECK}  - id: one
    title: {fr: x, en: x}
    checks:
${check('c2', 'resource', '{kind: pods, name: p}')}mutations:
  - {id: m1, fails: [c1], delete: [Pod/p]}
  - {id: m1, fails: [c2], delete: [Pod/p]}
`;
    expect(problemsOf(text)).toEqual([
      '5:12 duplicate variable name "registry" (first at line 4)',
      '8:11 duplicate answer key "Answer1" (first at line 7)',
      '18:9 duplicate exercise id "one" (first at line 10)',
      '28:10 duplicate mutation id "m1" (first at line 27)',
    ]);
  });
});

describe('answers', () => {
  test('an answer a check reads must be declared', () => {
    expect(problemsOf(labWith(ANSWER1_CHECK + check('c2', 'answer', '{answer: Answer2}')))).toEqual([
      '19:17 check "c2" reads Answer2, which is not declared under answers',
    ]);
  });

  test('an answer declared but never checked is an error at its key', () => {
    const text = labWith(ANSWER1_CHECK).replace('exercises:', '  - key: Answer2\n    question: {fr: q, en: q}\nexercises:');
    expect(problemsOf(text)).toEqual(['6:10 Answer2 is declared but no check reads it']);
  });

  test('is not claimed while a check cannot be read (its kind is unknown)', () => {
    expect(problemsOf(labWith(check('c1', 'answr', '{answer: Answer1}')))).toEqual([
      '11:15 unknown check kind "answr" (known: answer, resource, selector)',
    ]);
  });
});

describe('mutations', () => {
  test('fails must name checks of the lab', () => {
    expect(problemsOf(labWith(ANSWER1_CHECK, 'mutations:\n  - id: m1\n    fails: [c1, c9]\n    answers: {Answer1: "2"}\n'))).toEqual([
      '17:17 mutation "m1" fails unknown check "c9"',
    ]);
  });

  test('failsWhenPullFails must name checks of the lab too', () => {
    expect(problemsOf(labWith(ANSWER1_CHECK, 'mutations:\n  - id: m1\n    fails: [c1]\n    failsWhenPullFails: [c7]\n    answers: {Answer1: "2"}\n'))).toEqual([
      '18:26 mutation "m1" fails unknown check "c7"',
    ]);
  });

  test('a mutation that changes nothing, even with empty lists', () => {
    expect(problemsOf(labWith(ANSWER1_CHECK, 'mutations:\n  - id: m1\n    fails: [c1]\n    delete: []\n    answers: {}\n'))).toEqual([
      '16:5 mutation "m1" changes nothing (give it answers, steps, delete, patch, apply, madeWith or facts)',
    ]);
  });

  test('each kind of change counts', () => {
    for (const change of ['delete: [Pod/p]', 'patch: [{target: Deployment/d, merge: {}}]', 'apply: [{apiVersion: v1, kind: Pod, metadata: {name: p}}]', 'facts: {contexts: 2}', 'steps: [01-create.yaml]']) {
      expect(problemsOf(labWith(ANSWER1_CHECK, `mutations:\n  - id: m1\n    fails: [c1]\n    ${change}\n`))).toEqual([]);
    }
  });
});

describe('what checks read', () => {
  const reading = (kind: string) => problemsOf(labWith(ANSWER1_CHECK + check('c2', 'resource', `{kind: ${kind}, name: i}`)));

  test('any kind of Kubernetes, spelled as kubectl accepts it', () => {
    const spellings = [
      'ingresses', 'ingress', 'Ingress', 'ing', 'ingresses.networking.k8s.io', 'Ingress.v1.networking.k8s.io', 'ingresses.v1.networking.k8s.io',
      'statefulsets', 'sts', 'DaemonSet', 'jobs', 'cj', 'pvc', 'netpol', 'sa', 'Role', 'rolebindings', 'hpa', 'HorizontalPodAutoscaler.v1.autoscaling', 'pdb',
      'events', 'ev', 'namespaces', 'clusterroles', 'networkpolicies', 'nodes', 'PODS', 'pods.v1.',
      // An alpha or beta kind is known too: whether the cluster serves it is for the cluster to say.
      'volumeattributesclasses',
    ];
    for (const kind of spellings) expect(reading(kind), kind).toEqual([]);
  });

  test('a custom resource, named with its group, is for the cluster to know', () => {
    for (const kind of ['crontabs.stable.example.com', 'ct.stable.example.com', 'CronTab.v1.stable.example.com', 'pods.metrics.k8s.io']) expect(reading(kind), kind).toEqual([]);
  });

  test('a bare name that no kind has: the closest names', () => {
    expect(reading('ingresss')).toEqual([
      '19:17 check "c2" reads "ingresss": it is not a kind of Kubernetes 1.33–1.36 (did you mean ingress, ingresses?); name a custom resource with its group, as kubectl does (crontabs.stable.example.com)',
    ]);
    expect(reading('crontabs')[0]).toContain('it is not a kind of Kubernetes 1.33–1.36');
  });

  test('a name in a group of Kubernetes that has no such kind, a kind that cannot be listed, a group that is no DNS name', () => {
    expect(reading('widgets.apps')).toEqual(['19:17 check "c2" reads "widgets.apps": the group apps of Kubernetes 1.33–1.36 has no such kind']);
    expect(reading('tokenreviews')).toEqual(['19:17 check "c2" reads "tokenreviews": TokenReview cannot be listed, and tp reads kinds by LIST']);
    expect(reading('widgets.Example_Org')).toEqual(['19:17 check "c2" reads "widgets.Example_Org": "Example_Org" is not an API group name (a DNS name such as stable.example.com)']);
  });

  test('a selector question needs synthetic label sets', () => {
    const text = (synthetic: string) => labWith(ANSWER1_CHECK.replace('Answer1}', `Answer1}\n${check('s1', 'selector', `{answer: Answer1, kind: configmaps${synthetic}}`)}`.replace(/}\n$/, '}')));
    const message = '19:17 selector question without synthetic label sets (check "s1" needs a non-empty params.synthetic)';
    expect(problemsOf(text(''))).toEqual([message]);
    expect(problemsOf(text(', synthetic: []'))).toEqual([message]);
    expect(problemsOf(text(', synthetic: [{country: fr}]'))).toEqual([]);
  });

  test('a kind that throws on params its schema accepts is reported, not a crash', () => {
    const broken: AnyCheckKind = { ...fakeKinds.answer!, needs: () => { throw new Error('boom'); } };
    expect(problemsOf(labWith(ANSWER1_CHECK), { answer: broken })).toEqual(['14:17 check kind "answer" cannot read these params: boom']);
  });

  test('a kind whose params schema is invalid is reported at the kind', () => {
    const broken: AnyCheckKind = { ...fakeKinds.answer!, schema: { type: 'nonsense' } };
    expect(problemsOf(labWith(ANSWER1_CHECK), { answer: broken })[0]).toMatch(/^11:15 check kind "answer" has an invalid params schema: /);
  });
});

describe('exercise undo and requires', () => {
  const exercise = (fields: string) => `  - id: two\n    title: {fr: x, en: x}\n${fields}    checks:\n${check('c2', 'resource', '{kind: pods, name: p}')}`;

  test('requires names known exercises, not itself', () => {
    expect(problemsOf(labWith(ANSWER1_CHECK, exercise('    requires: [two, nope, one]\n')))).toEqual([
      '17:16 exercise "two" requires itself',
      '17:21 exercise "two" requires unknown exercise "nope"',
    ]);
  });

  test('an undo changes something, with declared answers', () => {
    expect(problemsOf(labWith(ANSWER1_CHECK, exercise('    undo: {}\n')))).toEqual(['17:11 the undo of exercise "two" changes nothing (give it steps, delete, patch, apply or answers)']);
    expect(problemsOf(labWith(ANSWER1_CHECK, exercise('    undo: {answers: {Answer9: x}}\n')))).toEqual(['17:22 the undo of exercise "two" sets Answer9, which is not declared under answers']);
  });
});
