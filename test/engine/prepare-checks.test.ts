// A hashed answer's scrypt is started before the snapshot is taken (prepareChecks);
// the verdict is the one evaluate alone gives, whatever the answer.
import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../src/answers/types.js';
import { answerCheck } from '../../src/checks/answer.js';
import { hashAnswer } from '../../src/checks/answer-hash.js';
import type { Snapshot } from '../../src/cluster/types.js';
import { prepareChecks } from '../../src/engine/evaluate.js';
import type { Lab } from '../../src/lab/types.js';

const cheap = { N: 1024, r: 8, p: 1 };
const facts = { contexts: 1, context: 'kind-kind', server: 'https://127.0.0.1:6443', serverHost: '127.0.0.1', namespace: 'default' };
const snapshot: Snapshot = { namespace: 'default', facts, kinds: {}, names: {} };
const http = { get: () => Promise.reject(new Error('no HTTP in an answer check')) } as never;

const answers = (value: string | undefined): ReadonlyMap<string, AnswerValue> =>
  new Map(value === undefined ? [] : [['Answer8', value === '<fix me>' ? { state: 'placeholder', line: 2 } : { state: 'answered', value, line: 2 }]]);

describe('prepared answer checks', () => {
  it('give the verdict of evaluate: the first spelling, another one, a wrong answer', async () => {
    const acceptHashed = await Promise.all(['replicaset', 'rs'].map((spelling, i) => hashAnswer(spelling, `ab${i}`.padEnd(16, '0'), cheap)));
    const params = { answer: 'Answer8', acceptHashed };
    const lab = { exercises: [{ checks: [{ id: 'answer8', kind: 'answer', points: 1, params }] }] } as unknown as Lab;
    for (const [value, status] of [['ReplicaSet', 'pass'], ['RS', 'pass'], ['Deployment', 'fail']] as const) {
      prepareChecks(lab, answers(value), {});
      const outcome = await answerCheck.evaluate(params, { snapshot, facts, answers: answers(value), variables: {}, http });
      expect(outcome.status).toBe(status);
    }
  });

  it('start nothing, and throw nothing, for an answer missing or left at <fix me>, or a lab without answers', () => {
    const lab = { exercises: [{ checks: [{ id: 'answer8', kind: 'answer', points: 1, params: { answer: 'Answer8', acceptHashed: ['scrypt:N=3,r=8,p=1:00:' + '0'.repeat(64)] } }, { id: 'x', kind: 'no-such-kind', points: 1, params: {} }] }] } as unknown as Lab;
    expect(() => prepareChecks(lab, answers(undefined), {})).not.toThrow();
    expect(() => prepareChecks(lab, answers('<fix me>'), {})).not.toThrow();
    expect(() => prepareChecks(lab, answers('rs'), {})).not.toThrow();
  });
});
