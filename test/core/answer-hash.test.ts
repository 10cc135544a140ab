// Stored answer hashes: a first-format (sha256) hash re-hashed without its
// answer still accepts exactly that answer, and costs a scrypt per guess.
import { describe, expect, test } from 'vitest';
import { hashAnswer, matchesAnyHash, matchesHash, parseStoredHash, rehashSha256, sha256Answer, STORED_HASH_PATTERN } from '../../src/core/answer-hash.js';

describe('scrypt-sha256: a sha256 hash made slow', () => {
  test('accepts the answer the sha256 hash was made from, and nothing else', async () => {
    const old = sha256Answer('country=uk', 'a1b2c3');
    const rehashed = await rehashSha256(old, '00112233445566778899aabbccddeeff');
    expect(rehashed).toMatch(/^scrypt-sha256:N=16384,r=8,p=1:00112233445566778899aabbccddeeff:a1b2c3:[0-9a-f]{64}$/);
    expect(rehashed).not.toContain(old.split(':')[2]);
    expect(await matchesHash('country=uk', rehashed)).toBe(true);
    expect(await matchesHash('country=fr', rehashed)).toBe(false);
  });

  test('is read as scrypt, with its cost, and allowed by the schema pattern', async () => {
    const rehashed = await rehashSha256(sha256Answer('2', 'salt'));
    expect(parseStoredHash(rehashed)).toMatchObject({ scheme: 'scrypt', cost: { N: 16384, r: 8, p: 1 }, innerSalt: 'salt' });
    expect(new RegExp(STORED_HASH_PATTERN).test(rehashed)).toBe(true);
  });

  test('refuses to re-hash what is not a sha256 hash', async () => {
    await expect(rehashSha256('scrypt:N=16384,r=8,p=1:0011223344556677:' + 'a'.repeat(64))).rejects.toThrow(/not a sha256/);
  });
});

describe('an answer against the spellings a lab accepts', () => {
  const cheap = { N: 1024, r: 8, p: 1 };
  const spellings = ['rs', 'replicaset', 'replica set', 'replicasets'];

  test('is accepted whichever spelling it is, and refused when it is none of them', async () => {
    const stored = await Promise.all(spellings.map((spelling, i) => hashAnswer(spelling, `5a17${i}`.padEnd(16, '0'), cheap)));
    for (const spelling of spellings) expect(await matchesAnyHash(spelling, stored)).toBe(true);
    expect(await matchesAnyHash('deployment', stored)).toBe(false);
  });

  test('is refused when the lab accepts no hashed spelling', async () => {
    expect(await matchesAnyHash('rs', [])).toBe(false);
  });
});
