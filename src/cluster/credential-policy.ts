// What a kubeconfig handed in by a student may make tp do on the trainer's
// machine. A credential plugin (`exec`, `auth-provider`) runs a program; a file
// reference (token-file, certificate and key files) reads any file the trainer
// can read, and sends it to the student's server. For cohort kubeconfigs tp
// refuses both unless the trainer trusts them; on a student's own machine
// (`tp check`) everything works as with kubectl.
import { isPlainObject } from '../core/json-shape.js';
import { text, type Fields } from './kubeconfig-model.js';

/** `all`: as kubectl (the default); `inline`: only credentials written in the kubeconfig itself. */
export type CredentialPolicy = 'all' | 'inline';

const MAX_QUOTED = 80;

/** A student's string, quoted on one line, short and free of control characters. */
const quoted = (value: string): string => {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return `"${clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED)}…` : clean}"`;
};

const FILE_FIELDS = [
  ['user', 'token-file'],
  ['user', 'tokenFile'],
  ['user', 'client-certificate'],
  ['user', 'client-key'],
  ['cluster', 'certificate-authority'],
] as const;

/** What the kubeconfig asks for that the policy forbids, in words ("run the credential plugin …"). */
export const credentialRefusals = (cluster: Fields, user: Fields, policy: CredentialPolicy = 'all'): string[] => {
  if (policy === 'all') return [];
  const refusals: string[] = [];
  const exec = user['exec'];
  if (exec !== undefined) {
    const command = isPlainObject(exec) && typeof exec['command'] === 'string' ? ` ${quoted(exec['command'])}` : '';
    refusals.push(`run the credential plugin${command} (exec)`);
  }
  const provider = user['auth-provider'];
  if (provider !== undefined) {
    const name = isPlainObject(provider) && typeof provider['name'] === 'string' ? ` ${quoted(provider['name'])}` : '';
    refusals.push(`use the auth-provider${name}`);
  }
  for (const [where, field] of FILE_FIELDS) {
    const file = text(where === 'user' ? user : cluster, field);
    if (file !== undefined) refusals.push(`read the file ${quoted(file)} (${field})`);
  }
  return refusals;
};
