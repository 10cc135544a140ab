// The semantic rules of a lab file, run once its shape is known: each rule is a
// small function that looks at the whole lab and reports what does not hold together.
import type { CheckReading } from './check-params.js';
import type { Lab, SolutionChange } from './types.js';
import { kindNameProblem } from '../discovery/lint-kind-name.js';
import type { JsonPath, LineCol } from '../core/yaml-positions.js';
import type { LocatedProblem } from '../core/located-problem.js';
import { isPlainObject } from '../core/json-shape.js';
import { compilePattern } from '../core/pattern.js';
import { shortened } from '../core/quote.js';
import { hashProblems } from './hash-strength.js';
import { unwritableChanges } from './unwritable-changes.js';
import { NAMESPACE_VARIABLE } from '../core/namespace-variable.js';
import { secretComparisonConflicts } from './secret-comparisons-agree.js';

export interface SemanticInput {
  lab: Lab;
  /** Where a part of `lab` (exercise, check, answer, variable, mutation) was written. */
  pathOf(part: object): JsonPath;
  positionOf(path: JsonPath): LineCol;
  readings: CheckReading[];
  /** False when the lab schema found errors: parts may be missing, so rules that conclude from absence stay quiet. */
  complete: boolean;
}

type Report = (problem: LocatedProblem) => void;
type Rule = (input: SemanticInput, report: Report) => void;

const reportDuplicates = <T extends object>(input: SemanticInput, report: Report, what: string, parts: T[], field: keyof T & string): void => {
  const first = new Map<string, JsonPath>();
  for (const part of parts) {
    const value = part[field];
    // An empty name is a missing or invalid one: the schema said so already.
    if (typeof value !== 'string' || value === '') continue;
    const path = [...input.pathOf(part), field];
    const earlier = first.get(value);
    if (earlier) report({ path, message: `duplicate ${what} "${value}" (first at line ${input.positionOf(earlier).line})` });
    else first.set(value, path);
  }
};

const duplicateIds: Rule = (input, report) => {
  const { lab } = input;
  reportDuplicates(input, report, 'variable name', lab.variables, 'name');
  reportDuplicates(input, report, 'answer key', lab.answers, 'key');
  reportDuplicates(input, report, 'exercise id', lab.exercises, 'id');
  // Check ids are unique across the lab, not per exercise: reports and mutations name checks by id alone.
  reportDuplicates(input, report, 'check id', lab.exercises.flatMap((exercise) => exercise.checks), 'id');
  reportDuplicates(input, report, 'mutation id', lab.mutations, 'id');
};

// `${namespace}` is the namespace checked, in every lab: a variable of that name would hide it.
const namespaceIsReserved: Rule = (input, report) => {
  for (const variable of input.lab.variables.filter((v) => v.name === NAMESPACE_VARIABLE)) {
    report({ path: [...input.pathOf(variable), 'name'], message: `variable "${NAMESPACE_VARIABLE}" is reserved: \${${NAMESPACE_VARIABLE}} is the namespace being checked` });
  }
};

const declaredKeys = (lab: Lab): Set<string> => new Set(lab.answers.map((answer) => answer.key));

const answersReadAreDeclared: Rule = ({ lab, readings }, report) => {
  const declared = declaredKeys(lab);
  for (const { check, path, reads } of readings) {
    for (const key of reads?.answers ?? []) {
      if (!declared.has(key)) report({ path: [...path, 'params'], message: `check "${check.id}" reads ${key}, which is not declared under answers` });
    }
  }
};

// Every answer a student is asked for must earn or lose points somewhere.
const answersDeclaredAreRead: Rule = ({ lab, readings, pathOf, complete }, report) => {
  // A check whose reads are unknown (unknown kind, bad params) or lost to a shape error might read
  // any answer: say nothing rather than something wrong.
  if (!complete || readings.some((reading) => !reading.reads)) return;
  const read = new Set(readings.flatMap((reading) => reading.reads?.answers ?? []));
  for (const answer of lab.answers) {
    if (answer.key !== '' && !read.has(answer.key)) report({ path: [...pathOf(answer), 'key'], message: `${answer.key} is declared but no check reads it` });
  }
};

// Kubernetes' own kinds are known without a cluster; a group-qualified name of another group is a custom resource.
const resourceKindsAreKnown: Rule = ({ readings }, report) => {
  for (const { check, path, reads } of readings) {
    for (const kind of reads?.resourceKinds ?? []) {
      const problem = kindNameProblem(kind);
      if (problem === undefined) continue;
      const at = check.params.resource === kind ? [...path, 'params', 'resource'] : [...path, 'params'];
      report({ path: at, message: `check "${check.id}" reads "${shortened(kind)}": ${problem}` });
    }
  }
};

// A selector right by luck on one cluster must still be judged on label sets the lab chose.
const selectorsHaveSyntheticSets: Rule = ({ readings }, report) => {
  for (const { check, path, reads } of readings) {
    if (check.kind !== 'selector' || !reads) continue;
    const synthetic = check.params.synthetic;
    if (!Array.isArray(synthetic) || synthetic.length === 0) {
      report({ path: [...path, 'params'], message: `selector question without synthetic label sets (check "${check.id}" needs a non-empty params.synthetic)` });
    }
  }
};

const changesSomething = (mutation: SolutionChange & { facts?: object; madeWith?: object }): boolean =>
  Object.keys(mutation.madeWith ?? {}).length > 0 ||
  Object.keys(mutation.answers ?? {}).length > 0 ||
  (mutation.steps ?? []).length > 0 ||
  (mutation.delete ?? []).length > 0 ||
  (mutation.patch ?? []).length > 0 ||
  (mutation.apply ?? []).length > 0 ||
  Object.keys(mutation.facts ?? {}).length > 0;

const mutationsMakeSense: Rule = ({ lab, pathOf }, report) => {
  const checkIds = new Set(lab.exercises.flatMap((exercise) => exercise.checks.map((check) => check.id)));
  const declared = declaredKeys(lab);
  for (const mutation of lab.mutations) {
    const path = pathOf(mutation);
    for (const field of ['fails', 'failsWhenPullFails'] as const) {
      (mutation[field] ?? []).forEach((id, index) => {
        if (!checkIds.has(id)) report({ path: [...path, field, index], message: `mutation "${mutation.id}" fails unknown check "${id}"` });
      });
    }
    if (!changesSomething(mutation)) {
      report({ path, message: `mutation "${mutation.id}" changes nothing (give it answers, steps, delete, patch, apply, madeWith or facts)` });
    }
    for (const key of Object.keys(mutation.answers ?? {})) {
      if (!declared.has(key)) report({ path: [...path, 'answers', key], at: 'key', message: `mutation "${mutation.id}" sets ${key}, which is not declared under answers` });
    }
  }
};

// `requires` names earlier exercises; `undo` must change the solution, with declared answers.
const exerciseUndosMakeSense: Rule = ({ lab, pathOf }, report) => {
  const exerciseIds = new Set(lab.exercises.map((exercise) => exercise.id));
  const declared = declaredKeys(lab);
  for (const exercise of lab.exercises) {
    const path = pathOf(exercise);
    (exercise.requires ?? []).forEach((id, index) => {
      if (id === exercise.id) report({ path: [...path, 'requires', index], message: `exercise "${exercise.id}" requires itself` });
      else if (id !== '' && !exerciseIds.has(id)) report({ path: [...path, 'requires', index], message: `exercise "${exercise.id}" requires unknown exercise "${id}"` });
    });
    if (!exercise.undo) continue;
    if (!changesSomething(exercise.undo)) report({ path: [...path, 'undo'], message: `the undo of exercise "${exercise.id}" changes nothing (give it steps, delete, patch, apply or answers)` });
    for (const key of Object.keys(exercise.undo.answers ?? {})) {
      if (!declared.has(key)) report({ path: [...path, 'undo', 'answers', key], at: 'key', message: `the undo of exercise "${exercise.id}" sets ${key}, which is not declared under answers` });
    }
  }
};

/** Every `$regex` under `value`, with its path. */
const regexesIn = (value: unknown, path: JsonPath): Array<{ source: unknown; path: JsonPath }> => {
  if (Array.isArray(value)) return value.flatMap((item, index) => regexesIn(item, [...path, index]));
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$regex' ? [{ source: child, path: [...path, key] }] : regexesIn(child, [...path, key]),
  );
};

// A lab's pattern runs on student strings: only what RE2 runs in linear time is allowed.
const patternsAreLinear: Rule = ({ lab, pathOf }, report) => {
  const checks = lab.exercises.flatMap((exercise) => exercise.checks);
  for (const check of checks) {
    for (const { source, path } of regexesIn(check.params, [...pathOf(check), 'params'])) {
      const compiled = typeof source === 'string' ? compilePattern(source) : { ok: false as const, reason: 'not a string' };
      if (!compiled.ok) {
        report({ path, message: `$regex of check "${check.id}" is not a linear-time (RE2) pattern: ${shortened(compiled.reason, 160)} (no backreferences nor lookaround)` });
      }
    }
  }
};

// What only the kind knows of its params: a selector that does not parse, a pattern RE2 refuses.
const kindParamsHold: Rule = ({ readings }, report) => {
  for (const { check, path, kind, reads } of readings) {
    if (!kind?.lint || !reads) continue;
    for (const problem of kind.lint(check.params)) report({ path: [...path, 'params', ...problem.path], message: `check "${check.id}": ${problem.message}` });
  }
};

const hashesResistGuessing: Rule = ({ lab, pathOf }, report) => {
  for (const check of lab.exercises.flatMap((exercise) => exercise.checks)) {
    if (check.kind === 'answer') hashProblems(check, pathOf(check)).forEach(report);
  }
};

const changesWriteOnlyOwnNamespaces: Rule = ({ lab, pathOf }, report) => {
  for (const mutation of lab.mutations) unwritableChanges(mutation, pathOf(mutation)).forEach(report);
  for (const exercise of lab.exercises) if (exercise.undo) unwritableChanges(exercise.undo, [...pathOf(exercise), 'undo']).forEach(report);
};

const secretComparisonsAgree: Rule = ({ readings }, report) => {
  secretComparisonConflicts(readings).forEach(report);
};

const RULES: Rule[] = [secretComparisonsAgree, patternsAreLinear, kindParamsHold, hashesResistGuessing, duplicateIds, namespaceIsReserved, answersReadAreDeclared, answersDeclaredAreRead, resourceKindsAreKnown, selectorsHaveSyntheticSets, mutationsMakeSense, exerciseUndosMakeSense, changesWriteOnlyOwnNamespaces];

export const semanticProblems = (input: SemanticInput): LocatedProblem[] => {
  const problems: LocatedProblem[] = [];
  for (const rule of RULES) rule(input, (problem) => problems.push(problem));
  return problems;
};
