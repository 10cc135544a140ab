// Expected literal answers can be stored as salted hashes, so a student who
// reads labs/ does not read the answers there. A hash only hides an answer that
// is hard to guess, so the hash is slow: scrypt, memory-hard, with its cost in
// the stored string (`tp lab hash` writes it; verification reads it back):
//
//   scrypt:N=16384,r=8,p=1:<salt hex>:<32-byte key hex>     (this format)
//   scrypt-sha256:N=…,r=…,p=…:<salt hex>:<sha256 salt>:<key hex>
//       a first-format hash made slow without its answer: the key is scrypt of the
//       sha256 hex digest (scripts/rehash-answer-hashes.mjs), so guessing costs a scrypt each
//   sha256:<salt>:<hex>                                     (the first format: still read; lint warns)
//
// N=2^14, r=8 is 16 MiB of memory and about 30 ms of one core per guess.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_COST: ScryptCost = { N: 16384, r: 8, p: 1 };

/** The costs a lab file may ask: a third-party lab must not make every check allocate gigabytes. */
export const MAX_COST: ScryptCost = { N: 2 ** 20, r: 16, p: 4 };

const KEY_BYTES = 32;

export const SCRYPT_HASH = /^scrypt:N=(\d+),r=(\d+),p=(\d+):([0-9a-f]{8,64}):([0-9a-f]{64})$/;
export const WRAPPED_SHA256_HASH = /^scrypt-sha256:N=(\d+),r=(\d+),p=(\d+):([0-9a-f]{8,64}):([^:]{1,64}):([0-9a-f]{64})$/;
export const SHA256_HASH = /^sha256:[^:]+:[0-9a-f]{64}$/;
/** The pattern of `acceptHashed` items in the answer kind's schema. */
export const STORED_HASH_PATTERN = `${SCRYPT_HASH.source.slice(0, -1)}|${WRAPPED_SHA256_HASH.source.slice(1, -1)}|${SHA256_HASH.source.slice(1)}`;

export type StoredHash =
  /** `innerSalt`: the key was derived from the first format's sha256 digest with that salt. */
  | { scheme: 'scrypt'; cost: ScryptCost; salt: string; key: string; innerSalt?: string }
  | { scheme: 'sha256'; salt: string; digest: string };

/** Why a cost cannot be used (not a power of two, over MAX_COST), or undefined. */
export const costProblem = ({ N, r, p }: ScryptCost): string | undefined => {
  if (N < 2 || (N & (N - 1)) !== 0) return `N=${N} must be a power of two`;
  if (N > MAX_COST.N || r < 1 || r > MAX_COST.r || p < 1 || p > MAX_COST.p) {
    return `cost N=${N},r=${r},p=${p} is over what tp computes (N≤${MAX_COST.N}, r≤${MAX_COST.r}, p≤${MAX_COST.p})`;
  }
  return undefined;
};

export const parseStoredHash = (stored: string): StoredHash | undefined => {
  const scryptParts = SCRYPT_HASH.exec(stored);
  if (scryptParts) {
    const [, N, r, p, salt = '', key = ''] = scryptParts;
    return { scheme: 'scrypt', cost: { N: Number(N), r: Number(r), p: Number(p) }, salt, key };
  }
  const wrapped = WRAPPED_SHA256_HASH.exec(stored);
  if (wrapped) {
    const [, N, r, p, salt = '', innerSalt = '', key = ''] = wrapped;
    return { scheme: 'scrypt', cost: { N: Number(N), r: Number(r), p: Number(p) }, salt, key, innerSalt };
  }
  if (!SHA256_HASH.test(stored)) return undefined;
  const [, salt = '', digest = ''] = stored.split(':');
  return { scheme: 'sha256', salt, digest };
};

let derivations = 0;

/** The scrypt derivations this process has made (benchmarks, and the tests of kept verdicts). */
export const derivationCount = (): number => derivations;

const derive = (normalised: string, salt: string, cost: ScryptCost): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    derivations += 1;
    // 128·N·r bytes, plus room: the default maxmem (32 MiB) is below what MAX_COST needs.
    const maxmem = 256 * cost.N * cost.r + 1024 * 1024;
    scrypt(normalised, salt, KEY_BYTES, { ...cost, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });

/** The stored form of a normalised answer, in the scrypt format. */
export const hashAnswer = async (normalised: string, salt: string = randomBytes(16).toString('hex'), cost: ScryptCost = DEFAULT_COST): Promise<string> =>
  `scrypt:N=${cost.N},r=${cost.r},p=${cost.p}:${salt}:${(await derive(normalised, salt, cost)).toString('hex')}`;

const sha256Digest = (normalised: string, salt: string): string => createHash('sha256').update(`${salt}:${normalised}`).digest('hex');

/** The first format, kept for labs written before scrypt (and for tests of them). */
export const sha256Answer = (normalised: string, salt: string): string => `sha256:${salt}:${sha256Digest(normalised, salt)}`;

/** A first-format hash made slow without knowing its answer: scrypt of its digest. */
export const rehashSha256 = async (stored: string, salt: string = randomBytes(16).toString('hex'), cost: ScryptCost = DEFAULT_COST): Promise<string> => {
  const parsed = parseStoredHash(stored);
  if (parsed?.scheme !== 'sha256') throw new Error('not a sha256 answer hash');
  return `scrypt-sha256:N=${cost.N},r=${cost.r},p=${cost.p}:${salt}:${parsed.salt}:${(await derive(parsed.digest, salt, cost)).toString('hex')}`;
};

// A cohort asks the same questions of every student: each (answer, stored hash) is derived once.
const verdicts = new Map<string, Promise<boolean>>();
const VERDICTS_MAX = 10_000;

const verify = async (normalised: string, stored: string): Promise<boolean> => {
  const parsed = parseStoredHash(stored);
  if (parsed === undefined) return false;
  if (parsed.scheme === 'sha256') return sha256Answer(normalised, parsed.salt) === stored;
  if (costProblem(parsed.cost) !== undefined) return false;
  const input = parsed.innerSalt === undefined ? normalised : sha256Digest(normalised, parsed.innerSalt);
  const key = await derive(input, parsed.salt, parsed.cost);
  return timingSafeEqual(key, Buffer.from(parsed.key, 'hex'));
};

/** Verdicts kept beyond the process (`tp check` keeps them in the user's cache folder), by the id of an (answer, hash) pair. */
export interface VerdictMemory {
  recall(id: string): boolean | undefined;
  remember(id: string, verdict: boolean): void;
}

let memory: VerdictMemory | undefined;

/** Where the verdicts of this process are also looked for and kept (undefined: this process only). */
export const keepVerdictsIn = (kept: VerdictMemory | undefined): void => {
  memory = kept;
};

const verifyOrRecall = (id: string, normalised: string, stored: string): Promise<boolean> => {
  const kept = memory;
  const recalled = kept?.recall(id);
  if (recalled !== undefined) return Promise.resolve(recalled);
  const verdict = verify(normalised, stored);
  // A derivation that failed is not kept (its rejection reaches the caller through `verdict`).
  if (kept) verdict.then((matched) => kept.remember(id, matched), () => undefined);
  return verdict;
};

/** True when `normalised` is the answer `stored` was made from; the cost is read from `stored`. */
export const matchesHash = (normalised: string, stored: string): Promise<boolean> => {
  const id = `${stored}\u0000${normalised}`;
  let verdict = verdicts.get(id);
  if (verdict === undefined) {
    if (verdicts.size >= VERDICTS_MAX) verdicts.clear();
    verdict = verifyOrRecall(id, normalised, stored);
    verdicts.set(id, verdict);
  }
  return verdict;
};

/**
 * True when `normalised` is the answer of one of `stored`, tried in the lab's order until one
 * matches: a right answer, most often the first spelling a lab lists, costs one derivation
 * instead of one per spelling (a wrong one costs them all, one after the other).
 */
export const matchesAnyHash = async (normalised: string, stored: readonly string[]): Promise<boolean> => {
  for (const one of stored) {
    if (await matchesHash(normalised, one)) return true;
  }
  return false;
};
