// Loads a lab file: YAML with positions, then two passes — the shape (the lab
// schema, then each check's params against its kind's schema) and the semantic
// rules — so every problem of the file is reported at once, as file:line:col.
import { LabError } from '../core/errors.js';
import type { FileProblem } from '../core/errors.js';
import { labShapeErrors } from './ajv.js';
import { buildLab } from './build.js';
import { readChecks } from './check-params.js';
import type { KindSource } from './kinds.js';
import { semanticProblems } from './semantics.js';
import type { Lab } from './types.js';
import { readLabText } from './read-lab-text.js';

export type { KindLookup, KindSource } from './kinds.js';
import { parseYaml } from '../core/yaml-positions.js';
import { toFileProblem, type LocatedProblem } from '../core/located-problem.js';
import { describeAjvError } from '../core/ajv-messages.js';

export interface ParsedLab {
  /** Present only when the file has no errors. */
  lab?: Lab;
  /** The errors, in file order. */
  problems: FileProblem[];
  warnings: FileProblem[];
}

const inFileOrder = (a: FileProblem, b: FileProblem): number => a.line - b.line || a.col - b.col;

// Two rules may see the same fault from two sides; say it once.
const once = (problems: FileProblem[]): FileProblem[] => {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.col}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const result = (lab: Lab | undefined, all: FileProblem[]): ParsedLab => {
  const sorted = once([...all].sort(inFileOrder));
  const problems = sorted.filter((p) => p.severity === 'error');
  const warnings = sorted.filter((p) => p.severity === 'warning');
  return problems.length === 0 && lab ? { lab, problems, warnings } : { problems, warnings };
};

/** Reads a lab from its text; never throws for anything written in the file. `file` is used in positions. */
export const parseLab = (text: string, file: string, kinds: KindSource): ParsedLab => {
  const yaml = parseYaml(text, file);
  // Broken YAML has no trustworthy value to validate: its syntax errors come first, alone.
  if (yaml.problems.some((p) => p.severity === 'error')) return result(undefined, yaml.problems);

  const shape = labShapeErrors(yaml.value).flatMap((error) => describeAjvError(error) ?? []);
  const built = buildLab(yaml.value, file, yaml.positionOf);
  const checks = readChecks(built, yaml.value, kinds);
  const semantics = semanticProblems({ ...built, positionOf: yaml.positionOf, readings: checks.readings, complete: shape.length === 0 });
  const located: LocatedProblem[] = [...shape, ...checks.problems, ...semantics];
  return result(built.lab, [...yaml.problems, ...located.map((problem) => toFileProblem(file, yaml, problem))]);
};

/** A Lab already known for exactly this text (the labs the build validated), or undefined. */
export type KnownLab = (text: string, file: string) => Lab | undefined;

/** Reads and validates a lab file; throws LabError with every problem of the file. Warnings are dropped. */
export const loadLabFile = async (file: string, kinds: KindSource, known?: KnownLab): Promise<Lab> => {
  const text = await readLabText(file);
  return known?.(text, file) ?? labFromText(text, file, kinds);
};

/** The Lab of a lab file's text; throws LabError with every problem of the file. Warnings are dropped. */
export const labFromText = (text: string, file: string, kinds: KindSource): Lab => {
  const { lab, problems } = parseLab(text, file, kinds);
  if (!lab) throw new LabError(problems);
  return lab;
};
