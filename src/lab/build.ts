// Builds the Lab from the plain value of a lab file, remembering where each part
// was written. It tolerates a wrong shape (ajv has reported it already), so the
// semantic rules can still look at the rest of the file.
import { resolve } from 'node:path';
import type { AnswerSpec, CheckSpec, Exercise, Lab, LabVariable, Mutation, SolutionChange, SourcePosition } from './types.js';
import { recipeOf } from '../core/made-with-recipe.js';
import { listOf, optionalTextOf, scalarText, stringOf, stringsOf, textOf } from './raw.js';
import type { JsonPath, LineCol } from '../core/yaml-positions.js';
import { isPlainObject, type PlainObject } from '../core/json-shape.js';

export interface BuiltLab {
  lab: Lab;
  /** The path in the file of an exercise, check, answer, variable or mutation of `lab`. */
  pathOf(part: object): JsonPath;
}

/** Each map item of a list, with its path; items that are not maps are left to the schema errors. */
const mapsIn = (value: unknown, path: JsonPath): Array<{ item: PlainObject; path: JsonPath }> =>
  listOf(value).flatMap((item, index) => (isPlainObject(item) ? [{ item, path: [...path, index] }] : []));

const recordOf = (value: unknown): Record<string, unknown> => (isPlainObject(value) ? { ...value } : {});

const mutationAnswers = (value: unknown): Record<string, string> | undefined =>
  isPlainObject(value)
    ? Object.fromEntries(Object.entries(value).flatMap(([key, answer]) => { const text = scalarText(answer); return text === undefined ? [] : [[key, text]]; }))
    : undefined;

const mutationPatches = (value: unknown): Mutation['patch'] =>
  value === undefined ? undefined : mapsIn(value, []).map(({ item }) => ({ target: stringOf(item.target), merge: recordOf(item.merge) }));

const mutationFacts = (value: unknown): Mutation['facts'] => {
  if (!isPlainObject(value)) return undefined;
  const { contexts, server, namespace } = value;
  return {
    ...(typeof contexts === 'number' && { contexts }),
    ...(typeof server === 'string' && { server }),
    ...(typeof namespace === 'string' && { namespace }),
  };
};

/** The fields a mutation and an exercise's `undo` share. */
const solutionChange = (item: PlainObject): SolutionChange => {
  const answers = mutationAnswers(item.answers);
  const patch = mutationPatches(item.patch);
  return {
    ...(typeof item.description === 'string' && { description: item.description }),
    ...(item.steps !== undefined && { steps: stringsOf(item.steps) }),
    ...(answers && { answers }),
    ...(item.delete !== undefined && { delete: stringsOf(item.delete) }),
    ...(patch && { patch }),
    ...(item.apply !== undefined && { apply: listOf(item.apply).filter(isPlainObject) }),
  };
};

export const buildLab = (value: unknown, file: string, positionOf: (path: JsonPath) => LineCol): BuiltLab => {
  const paths = new WeakMap<object, JsonPath>();
  const located = <T extends object>(part: T, path: JsonPath): T => {
    paths.set(part, path);
    return part;
  };
  const positionAt = (path: JsonPath): SourcePosition => ({ file, ...positionOf(path) });
  const root = isPlainObject(value) ? value : {};

  const check = (item: PlainObject, path: JsonPath): CheckSpec => {
    // `hint` is a list of one level; `hints` climbs (lint refuses both at once).
    const hints = Array.isArray(item.hints) ? item.hints.flatMap((h: unknown) => optionalTextOf(h) ?? []) : [];
    const hint = hints[0] ?? optionalTextOf(item.hint);
    return located(
      {
        id: stringOf(item.id),
        kind: stringOf(item.kind),
        points: typeof item.points === 'number' ? item.points : 0,
        title: textOf(item.title),
        ...(hint && { hint }),
        ...(hint && { hints: hints.length > 0 ? hints : [hint] }),
        params: recordOf(item.params),
        position: positionAt(path),
      },
      path,
    );
  };

  const exercise = (item: PlainObject, path: JsonPath): Exercise => {
    const section = scalarText(item.section);
    const description = optionalTextOf(item.description);
    return located(
      {
        id: stringOf(item.id),
        title: textOf(item.title),
        ...(section !== undefined && { section }),
        ...(description && { description }),
        checks: mapsIn(item.checks, [...path, 'checks']).map((c) => check(c.item, c.path)),
        ...(item.requires !== undefined && { requires: stringsOf(item.requires) }),
        ...(isPlainObject(item.undo) && { undo: solutionChange(item.undo) }),
        position: positionAt(path),
      },
      path,
    );
  };

  const mutation = (item: PlainObject, path: JsonPath): Mutation => {
    const facts = mutationFacts(item.facts);
    return located(
      {
        id: stringOf(item.id),
        fails: stringsOf(item.fails),
        ...(item.failsWhenPullFails !== undefined && { failsWhenPullFails: stringsOf(item.failsWhenPullFails) }),
        ...solutionChange(item),
        ...(isPlainObject(item.madeWith) && {
          madeWith: Object.fromEntries(Object.entries(item.madeWith).flatMap(([ref, how]) => {
            const recipe = recipeOf(how);
            return recipe ? [[ref, recipe] as const] : [];
          })),
        }),
        ...(facts && { facts }),
        position: positionAt(path),
      },
      path,
    );
  };

  const variable = (item: PlainObject, path: JsonPath): LabVariable =>
    located({ name: stringOf(item.name), default: scalarText(item.default) ?? '', description: textOf(item.description) }, path);

  const answer = (item: PlainObject, path: JsonPath): AnswerSpec => located({ key: stringOf(item.key), question: textOf(item.question) }, path);

  const description = optionalTextOf(root.description);
  const lab: Lab = {
    id: stringOf(root.id),
    title: textOf(root.title),
    ...(description && { description }),
    file: resolve(file),
    variables: mapsIn(root.variables, ['variables']).map((v) => variable(v.item, v.path)),
    answers: mapsIn(root.answers, ['answers']).map((a) => answer(a.item, a.path)),
    exercises: mapsIn(root.exercises, ['exercises']).map((e) => exercise(e.item, e.path)),
    mutations: mapsIn(root.mutations, ['mutations']).map((m) => mutation(m.item, m.path)),
  };
  return { lab, pathOf: (part) => paths.get(part) ?? [] };
};
