// The `$regex` of a lab, run on strings a student controls (an image name, an
// annotation). JavaScript's RegExp backtracks: `(a+)+$` on forty `a`s and a `!`
// takes longer than a grading run. RE2 (here re2js, pure JavaScript, no native
// add-on) matches in time linear in the string, and refuses what cannot be
// matched so — backreferences, lookaround — so `tp lab lint` refuses those too.
import { RE2JS } from 're2js';
import { simplePattern } from './simple-pattern.js';

export type CompiledPattern =
  | {
      ok: true;
      test: (text: string) => boolean;
      /** Where the first match starts (a UTF-16 index), or -1: to quote the line it is on. */
      search: (text: string) => number;
    }
  | { ok: false; reason: string };

/** A lab pattern longer than this is a lab file gone wrong, not a check. */
export const PATTERN_MAX_LENGTH = 1000;

const cache = new Map<string, CompiledPattern>();

const compile = (source: string): CompiledPattern => {
  if (source.length > PATTERN_MAX_LENGTH) return { ok: false, reason: `longer than ${PATTERN_MAX_LENGTH} characters` };
  // Most labs' patterns are simple: matched without loading RE2 (simple-pattern.ts), as RE2 would.
  const simple = simplePattern(source);
  if (simple !== undefined) return { ok: true, ...simple };
  try {
    const pattern = RE2JS.compile(source);
    // `find`, as RegExp.prototype.test does: the pattern anchors itself with ^ and $ if it wants to.
    return {
      ok: true,
      test: (text) => pattern.matcher(text).find(),
      search: (text) => {
        const matcher = pattern.matcher(text);
        return matcher.find() ? matcher.start() : -1;
      },
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
};

/** The pattern compiled once for the process (labs name few), or why RE2 refuses it. */
export const compilePattern = (source: string): CompiledPattern => {
  let compiled = cache.get(source);
  if (compiled === undefined) {
    compiled = compile(source);
    cache.set(source, compiled);
  }
  return compiled;
};
