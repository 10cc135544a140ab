// Lint on hashed answers: the fast first format is flagged, a cost tp would not
// compute is refused, and a declared answer space small enough to try is flagged.
import { describe, expect, test } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { hashAnswer, sha256Answer } from '../../src/checks/answer-hash.js';
import { parseLab } from '../../src/lab/load.js';
import { labWith } from './sample-lab.js';

const lintOf = (acceptHashed: string, extra = '') => {
  const text = labWith(`      - id: c1
        kind: answer
        points: 1
        title: {fr: a, en: a}
        params:
          answer: Answer1
          acceptHashed:
            - "${acceptHashed}"
${extra}`);
  const { problems, warnings } = parseLab(text, 'lab.yaml', checkKinds);
  return { problems: problems.map((p) => `${p.line}:${p.col} ${p.message}`), warnings: warnings.map((p) => `${p.line}:${p.col} ${p.message}`) };
};

const SCRYPT = await hashAnswer('3', 'aabbccddeeff0011');

describe('hashed answers in a lab file', () => {
  test('the scrypt format tp lab hash writes is clean', () => {
    expect(lintOf(SCRYPT)).toEqual({ problems: [], warnings: [] });
  });

  test('the first format (sha256) is still read, with a warning', () => {
    expect(lintOf(sha256Answer('3', 'abc'))).toEqual({ problems: [], warnings: ['17:15 check "c1": a sha256 answer hash is fast to enumerate; re-hash it with `tp lab hash` (scrypt)'] });
  });

  test('a declared space small enough to try is a warning; a large one is not', () => {
    const digits = lintOf(SCRYPT, '          answerSpace: {alphabet: "0123456789", maxLength: 3}\n');
    expect(digits.problems).toEqual([]);
    expect(digits.warnings).toEqual([expect.stringMatching(/^17:15 check "c1": its answer space \(1110 candidates\) is tried in about \d+ s of one core at this cost/)]);
    expect(lintOf(SCRYPT, '          answerSpace: {candidates: 1000000000}\n').warnings).toEqual([]);
  });

  test('a cost tp would not compute is refused', () => {
    const huge = SCRYPT.replace('N=16384', 'N=1073741824');
    expect(lintOf(huge).problems).toEqual([expect.stringContaining('cost N=1073741824,r=8,p=1 is over what tp computes')]);
  });
});
