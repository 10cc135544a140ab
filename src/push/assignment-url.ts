// The Moodle assignment to push to, named as the trainer sees it: the address of
// its page, `https://moodle.example.org/mod/assign/view.php?id=42` (Moodle may
// live in a subfolder). The site's root and the course module id are read from it.
import { TpError } from '../core/errors.js';

export interface AssignmentAddress {
  /** The site's root, no trailing slash. */
  site: string;
  /** The course module id (`?id=`). */
  cmid: number;
}

const PAGE = '/mod/assign/view.php';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export const parseAssignmentUrl = (text: string): AssignmentAddress => {
  const usage = (why: string) =>
    new TpError('USAGE', `--moodle-assignment ${text}: ${why}`, 'Give the address of the assignment\'s page, as your browser shows it: https://moodle.example.org/mod/assign/view.php?id=42');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage('not a URL');
  }
  // The token travels with every call: never in clear over a network.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) throw usage('not an https address (the token would travel in clear)');
  if (url.username !== '' || url.password !== '') throw usage('a user name or password in the address is not how Moodle is reached (the token is in TP_MOODLE_TOKEN)');
  if (!url.pathname.endsWith(PAGE)) throw usage(`not the page of an assignment (…${PAGE}?id=N)`);
  const id = url.searchParams.get('id') ?? '';
  if (!/^[1-9][0-9]{0,17}$/.test(id)) throw usage('no assignment id (?id=N)');
  return { site: `${url.origin}${url.pathname.slice(0, -PAGE.length)}`, cmid: Number(id) };
};
