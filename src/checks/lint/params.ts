// What `tp lab lint` says of a check's params beyond their schema, shared by
// the kinds that take label selectors and patterns: said once, at lint time,
// rather than as an `error` in every student's report.
import type { ParamsProblem } from '../../core/located-problem.js';
import { compilePattern } from '../../core/pattern.js';
import { shortened } from '../../core/quote.js';
import { parseSelector } from '../../selector/parse.js';

/** The selector at `path`, if it is a string that does not parse. */
export const selectorProblem = (path: ParamsProblem['path'], selector: unknown): ParamsProblem[] => {
  if (typeof selector !== 'string') return [];
  const parsed = parseSelector(selector);
  return parsed.ok ? [] : [{ path, message: `invalid label selector "${shortened(selector)}": ${parsed.reason}` }];
};

/** The pattern at `path`, if RE2 cannot run it in linear time. */
export const patternProblem = (path: ParamsProblem['path'], pattern: unknown): ParamsProblem[] => {
  if (typeof pattern !== 'string') return [];
  const compiled = compilePattern(pattern);
  return compiled.ok ? [] : [{ path, message: `not a linear-time (RE2) pattern: ${shortened(compiled.reason, 160)} (no backreferences nor lookaround)` }];
};
