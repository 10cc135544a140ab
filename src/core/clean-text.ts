// The one definition of "clean text": what may reach a terminal, a log, a file
// or a browser from strings tp did not write (student objects, answers, HTTP
// bodies, API errors, kubeconfig names, lab texts). Every output path goes
// through it once: formatters get reports and gradebooks cleaned by
// report/index.ts, and the CLI's stdout/stderr clean whatever else is written
// (cli/clean-io.ts). Only tp's own colour and redraw sequences bypass it.
import { mapStrings } from './map-strings.js';

// C0 controls but tab and line feed, DEL, C1 controls (CSI U+009B and OSC
// U+009D included), bidi embeddings, overrides and isolates (a reversed
// "Trojan Source" text), line/paragraph separators some terminals and editors
// treat as breaks, and BOM/zero-width no-break space. ESC (U+001B) is a C0
// control: without it CSI and OSC sequences are inert text.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;

// Lone surrogates cannot be encoded as UTF-8 (they become U+FFFD, or an XML
// parser rejects the file): dropped too.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Any character the replacements below could touch (a CR is a C0 control; any surrogate, paired or
// not): text without one, which is nearly all text, is returned as it is, at the cost of one scan.
const SUSPECT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF\uD800-\uDFFF]/;

/** Tabs and line feeds kept; a CR becomes a line feed when it ends a line, else goes; every other control goes. */
export const cleanText = (text: string): string =>
  SUSPECT.test(text) ? text.replace(/\r\n/g, '\n').replace(CONTROL, '').replace(LONE_SURROGATE, '') : text;

/** True when `cleanText` would change nothing: what the fuzz tests assert of every output. */
export const isCleanText = (text: string): boolean => cleanText(text) === text;

/**
 * Every string inside a plain value (objects, arrays) cleaned, keys included;
 * numbers, booleans and the rest kept. Reports and gradebooks are plain data,
 * so a formatter handed the result cannot print a control character it read.
 * Copy on write: a part with nothing to clean is returned as it is, so a clean
 * gradebook of a thousand students costs one walk, not a copy of every string and object.
 */
export const cleanDeep = <T>(value: T): T => mapStrings(value, cleanText, { keys: true });

// Every way text may break a line: LF, CR, CRLF, NEL, line and paragraph separators, vertical tab, form feed.
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029\u000B\u000C]+/g;

/**
 * Text quoted inside one line of output (an API server's message, a reason, a
 * name a student chose): cleaned, and its line breaks made spaces, so it cannot
 * start a line of its own ("2/2 students graded") on a terminal or in a log.
 */
export const oneLine = (text: string): string => cleanText(text.replace(LINE_BREAKS, ' '));
