// A credential can also hide in a registry name: `user:pass@registry.example.org/app:v1`
// as an image, or `https://user:pass@registry.example.org` as a key of a docker
// config's `auths`. Such strings reach reports (a mismatch shows the image),
// `tp snapshot`, gradebooks and errors, so they are redacted as they are read,
// like the values of Secrets: the whole `user:pass` part becomes <redacted>.
//
// A password is often pasted raw, not percent-encoded, so it may hold `/`, `#`,
// `?`, `@`, `=` or `,`: the userinfo is found from its `@host` back to where the
// word began, never cut at one of those characters. Only what can never be in a
// reference (whitespace, quotes, `<>`) ends a word.

import { mapStrings } from '../core/map-strings.js';

export const REDACTED_USERINFO = '<redacted>';

const WORD_END = /([\s"'`<>]+)/;
const HOST_CHAR = /[A-Za-z0-9.:-]/;
const HOST_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i;
const PORT = /^\d{1,5}$/;
// `app:v1@sha256:…` is an image pinned to a digest, not a credential.
const DIGEST = /^sha\d+:/i;
// A user name starts after `key=`, a bracket or a list separator written before it.
const BEFORE_USER = new Set(['=', '(', '[', '{', ',', ';']);

// The host written right after the `@` at `at`, or undefined when none is (a digest, nothing, a bad port).
const hostAfter = (word: string, at: number): string | undefined => {
  let end = at + 1;
  while (end < word.length && HOST_CHAR.test(word.charAt(end))) end += 1;
  // A sentence may end right after the host: `…@registry.example.org.`
  while (end > at + 1 && ':.'.includes(word.charAt(end - 1))) end -= 1;
  const host = word.slice(at + 1, end);
  if (DIGEST.test(word.slice(at + 1, at + 12))) return undefined;
  const colon = host.indexOf(':');
  const name = colon === -1 ? host : host.slice(0, colon);
  const port = colon === -1 ? undefined : host.slice(colon + 1);
  return HOST_NAME.test(name) && (port === undefined || PORT.test(port)) ? host : undefined;
};

// The `@` that ends the userinfo: the last one followed by a host. Host runs stop at
// the next `@`, so every character is looked at a bounded number of times.
const userinfoEnd = (word: string): number => {
  for (let at = word.lastIndexOf('@'); at > 0; at = word.lastIndexOf('@', at - 1)) {
    if (hostAfter(word, at) !== undefined) return at;
  }
  return -1;
};

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;

// Where what follows `scheme://` begins, or -1 when the word has no URL scheme before
// `at`. A scheme starts the word (or follows `=`, a bracket…) and is letters, digits and
// `+.-` only: in `user:QQ://KK@host` the `://` is inside a raw password, not a scheme's.
const schemeEnd = (word: string, at: number): number => {
  const slashes = word.indexOf('://');
  if (slashes <= 0 || slashes > at) return -1;
  let start = slashes;
  while (start > 0 && SCHEME_CHAR.test(word.charAt(start - 1))) start -= 1;
  const atWordStart = start === 0 || BEFORE_USER.has(word.charAt(start - 1));
  return start < slashes && /[A-Za-z]/.test(word.charAt(start)) && atWordStart ? slashes + 3 : -1;
};

// Where the userinfo ending at `at` starts, or -1 when what is before the `@` is no
// `user:password` (no colon, or a path: a `/` between the word's start and the colon).
const userinfoStart = (word: string, at: number): number => {
  const scheme = schemeEnd(word, at);
  const from = scheme === -1 ? 0 : scheme;
  const colon = word.indexOf(':', from);
  if (colon === -1 || colon > at) return -1;
  for (let i = colon - 1; i >= from; i--) {
    const char = word.charAt(i);
    if (char === '/') return -1;
    if (BEFORE_USER.has(char)) return i + 1;
  }
  return from;
};

const redactWord = (word: string): string => {
  const at = userinfoEnd(word);
  if (at === -1) return word;
  const start = userinfoStart(word, at);
  return start === -1 ? word : `${word.slice(0, start)}${REDACTED_USERINFO}${word.slice(at)}`;
};

/** `text` with every `user:password@host` made `<redacted>@host`. Linear in the length of `text`. */
export const redactCredentialsIn = (text: string): string =>
  text.includes('@') ? text.split(WORD_END).map(redactWord).join('') : text;

// A ConfigMap's data is the student's application config, compared as written.
const KEPT = new Set(['data', 'binaryData']);

/**
 * The read object with credentials in registry names redacted wherever they appear (but its data).
 * Copy on write: a part with no credential is the same part, so a LIST of thousands of objects
 * costs one walk, not a second copy of each.
 */
export const redactObjectCredentials = <T>(value: T): T => mapStrings(value, redactCredentialsIn, { keptAtTop: KEPT });
