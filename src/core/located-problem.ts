// A problem found on the plain value, said by its path; the loader turns the
// path into file:line:col with the YAML positions, in one place.
import type { FileProblem } from './errors.js';
import type { JsonPath, ParsedYaml } from './yaml-positions.js';

export interface LocatedProblem {
  path: JsonPath;
  /** `key`: point at the property name itself (a typo), not at its value. */
  at?: 'value' | 'key';
  message: string;
  severity?: FileProblem['severity'];
}

/** A problem a check kind finds in its own params, at a path under `params`. */
export interface ParamsProblem {
  path: JsonPath;
  message: string;
}

export type Locator = Pick<ParsedYaml, 'positionOf' | 'keyPositionOf'>;

export const toFileProblem = (file: string, locator: Locator, problem: LocatedProblem): FileProblem => {
  const { line, col } = problem.at === 'key' ? locator.keyPositionOf(problem.path) : locator.positionOf(problem.path);
  return { file, line, col, message: problem.message, severity: problem.severity ?? 'error' };
};
