import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LabError } from '../../src/core/errors.js';
import { loadLabFile, parseLab } from '../../src/lab/load.js';
import type { Lab } from '../../src/lab/types.js';
import { fakeKinds, fakeLookup } from './fake-kinds.js';
import { SAMPLE_LAB } from './sample-lab.js';

const at = (line: number, col: number) => ({ file: 'labs/tp9/lab.yaml', line, col });

const expectedLab: Lab = {
  id: 'tp9',
  title: { fr: 'TP 9', en: 'Lab 9' },
  description: { fr: 'Étiquettes', en: 'Labels' },
  file: resolve('labs/tp9/lab.yaml'),
  variables: [{ name: 'registry', default: 'registry.example.org', description: { fr: 'Le registre', en: 'The registry' } }],
  answers: [
    { key: 'Answer1', question: { fr: 'Combien ?', en: 'How many?' } },
    { key: 'Answer4', question: { fr: 'Sélecteur ?', en: 'Selector?' } },
  ],
  exercises: [
    {
      id: 'contexts',
      section: '1',
      title: { fr: 'Contextes', en: 'Contexts' },
      checks: [
        {
          id: 'answer1-context-count',
          kind: 'answer',
          points: 1,
          title: { fr: 'Nombre', en: 'Count' },
          hint: { fr: 'kubectl config', en: 'kubectl config' },
          // A single `hint` is a list of one level of hints that climb.
          hints: [{ fr: 'kubectl config', en: 'kubectl config' }],
          params: { answer: 'Answer1', expect: 'contexts' },
          position: at(19, 9),
        },
      ],
      position: at(15, 5),
    },
    {
      id: 'labels',
      section: '2',
      title: { fr: 'Labels', en: 'Labels' },
      description: { fr: 'cm1..cm5', en: 'cm1..cm5' },
      checks: [
        { id: 'cm3-labels', kind: 'resource', points: 2.5, title: { fr: 'cm3', en: 'cm3' }, params: { kind: 'configmaps', name: 'cm3' }, position: at(30, 9) },
        {
          id: 'answer4-selector',
          kind: 'selector',
          points: 1,
          title: { fr: 'Sélecteur', en: 'Selector' },
          params: { answer: 'Answer4', kind: 'configmaps', synthetic: [{ country: 'fr' }] },
          position: at(37, 9),
        },
      ],
      position: at(25, 5),
    },
  ],
  mutations: [
    {
      id: 'cm3-wrong-label',
      description: 'cm3 loses its label',
      fails: ['cm3-labels'],
      answers: { Answer4: 'country=uk', Answer1: '3' },
      delete: ['ConfigMap/cm3'],
      patch: [{ target: 'Deployment/kubernetes-app', merge: { spec: { replicas: 1 } } }],
      apply: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }],
      facts: { contexts: 3, server: 'https://10.0.0.1:6443', namespace: 'x' },
      position: at(46, 5),
    },
  ],
};

describe('parseLab on a valid lab', () => {
  test('gives exactly the Lab the file describes, with no problems', () => {
    const result = parseLab(SAMPLE_LAB, 'labs/tp9/lab.yaml', fakeKinds);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    // toStrictEqual: optional fields the file leaves out are absent, not undefined.
    expect(result.lab).toStrictEqual(expectedLab);
  });

  test('works the same with a lookup function instead of the registry object', () => {
    expect(parseLab(SAMPLE_LAB, 'labs/tp9/lab.yaml', fakeLookup).lab).toStrictEqual(expectedLab);
  });

  test('keeps YAML warnings apart from errors, and still gives the lab', () => {
    const result = parseLab(SAMPLE_LAB.replace('id: tp9', 'id: !custom tp9'), 'labs/tp9/lab.yaml', fakeKinds);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([{ ...at(2, 5), message: 'Unresolved tag: !custom', severity: 'warning' }]);
    expect(result.lab?.id).toBe('tp9');
  });
});

describe('loadLabFile', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('reads a lab file and gives its absolute path', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tp-lab-'));
    const file = join(dir, 'lab.yaml');
    await writeFile(file, SAMPLE_LAB);
    const lab = await loadLabFile(file, fakeKinds);
    expect(lab.file).toBe(file);
    expect(lab.exercises.map((e) => e.id)).toEqual(['contexts', 'labels']);
  });

  test('throws a LabError listing every problem as file:line:col', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tp-lab-'));
    const file = join(dir, 'lab.yaml');
    await writeFile(file, SAMPLE_LAB.replace('points: 2.5', 'points: -1').replace('kind: selector', 'kind: selektor'));
    const error = await loadLabFile(file, fakeKinds).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect(error instanceof LabError && error.problems.map((p) => [p.line, p.col, p.message])).toEqual([
      [32, 17, 'points must be a number >= 0'],
      [38, 15, 'unknown check kind "selektor" (known: answer, resource, selector)'],
    ]);
    expect(error instanceof LabError && error.message.split('\n')[0]).toBe(`${file}:32:17 points must be a number >= 0`);
  });

  test('a missing file is LAB_NOT_FOUND, not a crash', async () => {
    await expect(loadLabFile('/nonexistent/lab.yaml', fakeKinds)).rejects.toMatchObject({ code: 'LAB_NOT_FOUND' });
  });
});
