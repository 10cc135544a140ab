// A small valid lab, written as a lab author would, for the loader tests.
// Line numbers matter: tests point at them.
export const SAMPLE_LAB = `# yaml-language-server: $schema=../../schema/lab.schema.json
id: tp9
title: {fr: "TP 9", en: "Lab 9"}
description: {fr: "Étiquettes", en: "Labels"}
variables:
  - name: registry
    default: "registry.example.org"
    description: {fr: "Le registre", en: "The registry"}
answers:
  - key: Answer1
    question: {fr: "Combien ?", en: "How many?"}
  - key: Answer4
    question: {fr: "Sélecteur ?", en: "Selector?"}
exercises:
  - id: contexts
    section: "1"
    title: {fr: "Contextes", en: "Contexts"}
    checks:
      - id: answer1-context-count
        kind: answer
        points: 1
        title: {fr: "Nombre", en: "Count"}
        hint: {fr: "kubectl config", en: "kubectl config"}
        params: {answer: Answer1, expect: contexts}
  - id: labels
    section: 2
    title: {fr: "Labels", en: "Labels"}
    description: {fr: "cm1..cm5", en: "cm1..cm5"}
    checks:
      - id: cm3-labels
        kind: resource
        points: 2.5
        title: {fr: "cm3", en: "cm3"}
        params:
          kind: configmaps
          name: cm3
      - id: answer4-selector
        kind: selector
        points: 1
        title: {fr: "Sélecteur", en: "Selector"}
        params:
          answer: Answer4
          kind: configmaps
          synthetic: [{country: fr}]
mutations:
  - id: cm3-wrong-label
    description: "cm3 loses its label"
    fails: [cm3-labels]
    answers: {Answer4: "country=uk", Answer1: 3}
    delete: ["ConfigMap/cm3"]
    patch: [{target: "Deployment/kubernetes-app", merge: {spec: {replicas: 1}}}]
    apply:
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}
    facts: {contexts: 3, server: "https://10.0.0.1:6443", namespace: "x"}
`;

/** The smallest lab around one exercise: `checks` is pasted under `checks:` (8-space indent). */
export const labWith = (checks: string, tail = ''): string => `id: tp9
title: {fr: T, en: T}
answers:
  - key: Answer1
    question: {fr: q, en: q}
exercises:
  - id: one
    title: {fr: x, en: x}
    checks:
${checks}${tail}`;

/** One valid check reading Answer1, for `labWith`. */
export const ANSWER1_CHECK = `      - id: c1
        kind: answer
        points: 1
        title: {fr: a, en: a}
        params: {answer: Answer1}
`;
