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

/**
 * The most work (text length × automaton states) given to simple-pattern.ts, a few milliseconds.
 * Both are linear in the text, but RE2 first looks for what a match cannot do without (a log of
 * 1 MB without the `c` a pattern of 360 characters ends with: 2 ms for RE2, 8 s stepping every
 * state at every character). Longer runs are RE2's.
 */
export const SIMPLE_PATTERN_WORK_MAX = 200_000;

const cache = new Map<string, CompiledPattern>();

type Matching = { test: (text: string) => boolean; search: (text: string) => number };

const re2Matching = (source: string): Matching => {
  const pattern = RE2JS.compile(source);
  // `find`, as RegExp.prototype.test does: the pattern anchors itself with ^ and $ if it wants to.
  return {
    test: (text) => pattern.matcher(text).find(),
    search: (text) => {
      const matcher = pattern.matcher(text);
      return matcher.find() ? matcher.start() : -1;
    },
  };
};

const compile = (source: string): CompiledPattern => {
  if (source.length > PATTERN_MAX_LENGTH) return { ok: false, reason: `longer than ${PATTERN_MAX_LENGTH} characters` };
  // Most labs' patterns are simple, and most texts short (an image, a label): matched without
  // loading RE2 (simple-pattern.ts), as RE2 would; RE2 is compiled for the first long text.
  const simple = simplePattern(source);
  if (simple !== undefined) {
    let re2: Matching | undefined;
    const forText = (text: string): Matching => (text.length * simple.states <= SIMPLE_PATTERN_WORK_MAX ? simple : (re2 ??= re2Matching(source)));
    return { ok: true, test: (text) => forText(text).test(text), search: (text) => forText(text).search(text) };
  }
  try {
    return { ok: true, ...re2Matching(source) };
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
