// What a report may quote of a log: one line, short, on one line, control
// characters shown, never a secret. A log is the student's program talking;
// it may print a password or a token, so what looks like one is masked.

/** The length of a quoted line, in characters. */
export const EXCERPT_MAX = 160;

// Looked at on a bounded head of one line only, so these patterns cost little whatever the log.
const HEAD = 1000;
const KEYWORD_VALUE = /\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|authorization|credentials?)(["']?\s*[:=]\s*["']?)([^\s"',;]+)/gi;
const BEARER = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----.*/g;

export const REDACTED = '<redacted>';

/** The line of `text` around index `at`, bounded and with what looks like a secret masked. */
export const lineAt = (text: string, at: number): string => {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const end = Math.min(newline === -1 ? text.length : newline, start + HEAD);
  return maskSecrets(text.slice(start, end));
};

/** The last line that is not blank, bounded and masked; '' for an empty log. */
export const lastLine = (text: string): string => {
  const trimmed = text.trimEnd();
  if (trimmed === '') return '';
  return lineAt(trimmed, trimmed.length);
};

export const maskSecrets = (line: string): string =>
  line
    .replace(PRIVATE_KEY, REDACTED)
    .replace(JWT, REDACTED)
    .replace(BEARER, (whole) => `${whole.split(/\s+/)[0] ?? ''} ${REDACTED}`)
    .replace(KEYWORD_VALUE, (_whole, key: string, between: string) => `${key}${between}${REDACTED}`);
