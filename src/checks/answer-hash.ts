// Expected literal answers can be stored as salted hashes, so a student who
// reads labs/ learns nothing from them. Format: `sha256:<salt>:<hex>` of the
// normalised answer; `tp lab hash` makes them.
import { createHash, randomBytes } from 'node:crypto';

export const hashAnswer = (normalised: string, salt: string = randomBytes(6).toString('hex')): string =>
  `sha256:${salt}:${createHash('sha256').update(`${salt}:${normalised}`).digest('hex')}`;

export const matchesHash = (normalised: string, stored: string): boolean => {
  const [scheme, salt, digest] = stored.split(':');
  if (scheme !== 'sha256' || salt === undefined || digest === undefined) return false;
  return hashAnswer(normalised, salt) === stored;
};
