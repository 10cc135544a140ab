// A credential can also hide in a registry name: `user:pass@registry.example.org/app:v1`
// as an image, or `https://user:pass@registry.example.org` as a key of a docker
// config's `auths`. Such strings reach reports (a mismatch shows the image),
// `tp snapshot`, gradebooks and errors, so they are redacted as they are read,
// like the values of Secrets: the `user:pass` part becomes REDACTED.

export const REDACTED_USERINFO = '<redacted>';

// What ends a token of an image reference or URL inside free text (an event message, JSON).
const DELIMITERS = /([\s"'/,;=<>()[\]{}`])/;
const HOST = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/i;
// `app:v1@sha256:…` is an image pinned to a digest, not a credential.
const DIGEST = /^sha\d+:/i;

const redactToken = (token: string): string => {
  const at = token.lastIndexOf('@');
  if (at <= 0) return token;
  const userinfo = token.slice(0, at);
  const host = token.slice(at + 1);
  if (!userinfo.includes(':') || DIGEST.test(host) || !HOST.test(host)) return token;
  return `${REDACTED_USERINFO}@${host}`;
};

/** `text` with every `user:password@host` made `<redacted>@host`. Linear in the length of `text`. */
export const redactCredentialsIn = (text: string): string =>
  text.includes('@') ? text.split(DELIMITERS).map(redactToken).join('') : text;

// A ConfigMap's data is the student's application config, compared as written.
const KEPT = new Set(['data', 'binaryData']);

/** A copy of a read object with credentials in registry names redacted wherever they appear (but its data). */
export const redactObjectCredentials = <T>(value: T, top = true): T => {
  if (typeof value === 'string') return redactCredentialsIn(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactObjectCredentials(item, false)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, top && KEPT.has(key) ? child : redactObjectCredentials(child, false)]),
  ) as T;
};
