// One call of a Moodle web service function through its REST server
// (webservice/rest/server.php): a POST of the token, the function and its
// parameters, answered in JSON. Moodle says it refused with HTTP 200 and a body
// {"exception", "errorcode", "message"[, "debuginfo"]}: that is an error here,
// never a result. The token goes in the body (never a URL, a message or a log),
// redirects are refused (a redirect would carry the POST to another address),
// and answers are bounded in time and size.
import { TpError } from '../core/errors.js';
import { isPlainObject } from '../core/json-shape.js';
import { encodeMoodleParams, type MoodleParam } from './moodle-params.js';

/** A Moodle site and the web service token tp calls it with. */
export interface MoodleSite {
  /** The site's root URL, without a trailing slash (`https://moodle.example.org`, `https://example.org/moodle`). */
  url: string;
  token: string;
}

export interface MoodleCallOptions {
  timeoutMs: number;
  /** Bytes of answer read at most (a site listing thousands of assignments is a few MB). */
  maxBytes?: number;
  /** Settings of the REST server (`moodlewssettingraw`: texts as stored, not formatted for display). */
  settings?: Readonly<Record<string, string>>;
}

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/** Moodle's error, as its REST server writes it (webservice/rest/locallib.php, generate_error). */
export class MoodleError extends TpError {
  constructor(
    readonly wsfunction: string,
    readonly errorcode: string,
    message: string,
    advice?: string,
  ) {
    super('MOODLE', message, advice);
    this.name = 'MoodleError';
  }
}

/** What a text from the server may not carry out of tp: the token, were Moodle ever to quote it. */
const withoutToken = (text: string, token: string): string => (token === '' ? text : text.split(token).join('[token]'));

const short = (text: string, max = 300): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const ADVICE: Readonly<Record<string, string>> = {
  invalidtoken: 'Check TP_MOODLE_TOKEN: a token of the "Moodle web services" your site administrator made for you (Site administration → Server → Web services → Manage tokens).',
  accessexception: 'The token\'s service does not allow this function: add it to the service (Site administration → Server → Web services → External services → Functions).',
  servicenotavailable: 'The token\'s service is disabled or REST is not enabled on this site (Site administration → Server → Web services).',
  nopermissions: 'The token\'s user lacks a capability for this (a teacher of the course can grade: mod/assign:grade).',
};

const readBounded = async (response: Response, maxBytes: number, wsfunction: string): Promise<string> => {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      throw new MoodleError(wsfunction, 'toolarge', `Moodle's answer to ${wsfunction} is over ${maxBytes} bytes: more than tp reads`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/** The JSON an answer holds, or a MoodleError saying what came instead (a login page, a proxy's error). */
const parseAnswer = (text: string, status: number, wsfunction: string, token: string): unknown => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const start = withoutToken(text.replace(/\s+/g, ' ').trim(), token);
    throw new MoodleError(wsfunction, 'notjson', `Moodle's REST server did not answer ${wsfunction} in JSON (HTTP ${status}): ${short(start, 120)}`, 'Check the Moodle address, and that the REST protocol is enabled (Site administration → Server → Web services → Manage protocols).');
  }
  if (isPlainObject(value) && typeof value['exception'] === 'string') {
    const errorcode = typeof value['errorcode'] === 'string' ? value['errorcode'] : value['exception'];
    const message = typeof value['message'] === 'string' ? value['message'] : errorcode;
    const debug = typeof value['debuginfo'] === 'string' && value['debuginfo'].trim() !== '' ? ` (${short(value['debuginfo'].trim())})` : '';
    throw new MoodleError(wsfunction, errorcode, withoutToken(`Moodle refused ${wsfunction}: ${message} [${errorcode}]${debug}`, token), ADVICE[errorcode]);
  }
  if (status !== 200) throw new MoodleError(wsfunction, 'httpstatus', `Moodle answered ${wsfunction} with HTTP ${status}`);
  return value;
};

export const callMoodle = async (
  site: MoodleSite,
  wsfunction: string,
  params: Readonly<Record<string, MoodleParam>>,
  options: MoodleCallOptions,
): Promise<unknown> => {
  const body = encodeMoodleParams(params);
  body.set('wstoken', site.token);
  body.set('wsfunction', wsfunction);
  body.set('moodlewsrestformat', 'json');
  for (const [name, value] of Object.entries(options.settings ?? {})) body.set(name, value);
  let response: Response;
  try {
    response = await fetch(`${site.url}/webservice/rest/server.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    const reason = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? `no answer within ${options.timeoutMs / 1000} s` : cause;
    throw new MoodleError(wsfunction, 'unreachable', withoutToken(`cannot reach Moodle at ${site.url} (${wsfunction}): ${reason}`, site.token));
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    const where = response.headers.get('location') ?? 'another address';
    throw new MoodleError(wsfunction, 'redirect', `Moodle at ${site.url} redirects to ${short(where, 200)}: tp does not follow redirects with your token`, 'Give the address Moodle redirects to (https, with or without www, its subfolder).');
  }
  return parseAnswer(await readBounded(response, options.maxBytes ?? DEFAULT_MAX_BYTES, wsfunction), response.status, wsfunction, site.token);
};
