// Loads a cohort file: YAML with positions, then its shape (the JSON Schema),
// then the semantic rules, every problem reported at once as file:line:col.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CohortError, TpError, formatProblem } from '../core/errors.js';
import type { FileProblem } from '../core/errors.js';
import { cohortShapeProblems } from './cohort-schema.js';
import { readStudents } from './cohort-students.js';
import { isMoodleIdentifier } from './moodle-identifier.js';
import type { Cohort } from './types.js';
import { parseYaml } from '../core/yaml-positions.js';
import { toFileProblem } from '../core/located-problem.js';

const inFileOrder = (a: FileProblem, b: FileProblem): number => a.line - b.line || a.col - b.col;

const variablesOf = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).map(([name, v]) => [name, String(v)]));

/** Reads a cohort from its text; throws CohortError listing every problem. `file` is used in positions and for relative paths. */
export const parseCohort = (text: string, file: string, homeDir: string, options: { answersRequired?: boolean } = {}): Cohort => {
  const yaml = parseYaml(text, file);
  const errors = yaml.problems.filter((p) => p.severity === 'error');
  // Broken YAML has no value worth validating: its syntax errors come alone.
  if (errors.length > 0) throw new CohortError(errors);
  const shape = cohortShapeProblems(yaml.value).map((problem) => toFileProblem(file, yaml, problem));
  if (shape.length > 0) throw new CohortError(shape.sort(inFileOrder));
  const value = yaml.value as Record<string, unknown>;
  const reading = readStudents(value, { baseDir: dirname(file), homeDir, answersRequired: options.answersRequired ?? true });
  const semantic = reading.problems.map((problem) => toFileProblem(file, yaml, problem));
  if (semantic.length > 0) throw new CohortError(semantic.sort(inFileOrder));
  return {
    file,
    ...(typeof value['lab'] === 'string' ? { lab: value['lab'] } : {}),
    ...(isMoodleIdentifier(value['moodleIdentifier']) ? { moodleIdentifier: value['moodleIdentifier'] } : {}),
    variables: variablesOf(value['variables']),
    students: reading.students,
    warnings: [...yaml.problems.filter((p) => p.severity === 'warning').map(formatProblem), ...reading.warnings],
  };
};

export const loadCohortFile = async (file: string, homeDir: string, options: { answersRequired?: boolean } = {}): Promise<Cohort> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TpError('COHORT_INVALID', `cannot read cohort file ${file}: ${(error as Error).message}`, 'Pass --cohort <file>, a YAML file listing the students (see docs/grading.md).');
  }
  return parseCohort(text, file, homeDir, options);
};
