// Why the kubelet cannot pull an image, from what it wrote in the container's
// waiting state (containerd's and Docker's words): the image does not exist,
// the registry wants credentials the pod does not give, refuses those it gives,
// or cannot be reached at all. What the registry said is quoted, without the
// layers of "failed to pull and unpack image …: failed to resolve reference …"
// around it.
import { shortened } from '../../core/quote.js';
import { registryOf } from '../registry-secret.js';
import { fewOf } from './explain.js';
import type { Diagnosis } from './types.js';

/** What a message quotes of the kubelet's words. */
const SAID_MAX = 160;

/** The wrappers the kubelet and the runtimes put around the registry's answer, outermost first. */
const WRAPPERS = [
  /^Back-off pulling image "[^"]*":\s*/,
  /^(ErrImagePull|ImagePullBackOff):\s*/,
  /^rpc error: code = \w+ desc = /,
  /^failed to pull and unpack image "[^"]*":\s*/,
  /^failed to pull image "[^"]*":\s*/,
  /^failed to resolve reference "[^"]*":\s*/,
  /^failed to resolve image "[^"]*":\s*/,
  /^failed to do request: \w+ "[^"]*":\s*/,
  /^unexpected status from \w+ request to \S+:\s*/,
  /^Error response from daemon:\s*/,
];

/** The registry's own answer inside the kubelet's message: `not found`, `401 Unauthorized`, `dial tcp …: connection refused`. */
export const registryAnswer = (message: string, image: string): string => {
  let rest = message.slice(0, 2000).trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const wrapper of WRAPPERS) {
      const stripped = rest.replace(wrapper, '');
      if (stripped !== rest) [rest, changed] = [stripped, true];
    }
    if (image !== '' && rest.startsWith(`${image}: `)) [rest, changed] = [rest.slice(image.length + 2), true];
  }
  return shortened(rest === '' ? message : rest, SAID_MAX);
};

const UNREACHABLE = /no such host|connection refused|i\/o timeout|network is unreachable|no route to host|server gave HTTP response to HTTPS client|x509:|tls: |certificate/i;
const NOT_FOUND = /: not found$|code = NotFound|manifest unknown|name unknown|not found: manifest/i;
const AUTH = /\b401\b|unauthorized|\b403\b|forbidden|authentication required|no basic auth credentials|authorization failed|insufficient_scope|denied/i;
const NO_CREDENTIALS = /no basic auth credentials|authentication required/i;

export interface PullFacts {
  /** The image as the pod asks for it. */
  image: string;
  /** What the kubelet wrote (the container's waiting message, or its latest pull failure event). */
  message: string;
  /** The pull Secrets the pod names (`imagePullSecrets`). */
  pullSecrets: readonly string[];
  /** Those of them the kubelet could not find (its FailedToRetrieveImagePullSecret event). */
  absentSecrets: readonly string[];
}

export const pullDiagnosis = ({ image, message, pullSecrets, absentSecrets }: PullFacts): Diagnosis => {
  const registry = registryOf(image);
  const said = registryAnswer(message, image);
  const data = { image: shortened(image, 120), registry: shortened(registry, 80), said };
  // The names for tools (a few), and for the message a few then "and N more".
  const secrets = (names: readonly string[]) => ({ data: { ...data, secrets: names.slice(0, 3).join(', ') }, words: { secrets: fewOf(names) } });
  if (UNREACHABLE.test(message)) return { id: 'registry-unreachable', data };
  if (NOT_FOUND.test(message)) return { id: 'image-not-found', data };
  if (AUTH.test(message)) {
    if (absentSecrets.length > 0) return { id: 'pull-secret-absent', ...secrets(absentSecrets) };
    if (pullSecrets.length === 0) return { id: 'pull-no-secret', data };
    if (NO_CREDENTIALS.test(message)) return { id: 'pull-secret-no-entry', ...secrets(pullSecrets) };
    return { id: 'pull-credentials-refused', ...secrets(pullSecrets) };
  }
  if (/repository does not exist|pull access denied/i.test(message)) return { id: 'pull-denied', data };
  return { id: 'pull-failed', data };
};
