// answer: a short answer against accepted literals (plain or hashed) or a fact of the kubeconfig in use.
import { hashAnswer, sha256Answer } from '../../src/checks/answer-hash.js';
import { testCheck } from './test-check.js';

const contexts = { answer: 'Answer1', fact: 'contexts' };
const server = { answer: 'Answer2', fact: 'serverHost' };
const namespace = { answer: 'Answer3', fact: 'namespace' };
const replicaSet = { answer: 'Answer8', accept: ['ReplicaSet', 'rs'] };
// The stored forms `tp lab hash` writes (scrypt), and the first one (sha256), still read.
const REPLICASET_SCRYPT = await hashAnswer('replicaset', '0a1b2c3d4e5f');
const REPLICASET_SHA256 = sha256Answer('replicaset', '0a1b2c');
// Hashed as written in the lab, with the namespace checked as `${namespace}` (here: student).
const LIVENESS_TEMPLATE = await hashAnswer('${namespace}/liveness-exec', '1a2b3c4d5e6f');
const SA_TEMPLATE = await hashAnswer('system:serviceaccount:${namespace}:myuser', '6f5e4d3c2b1a');
const templated = (hash: string) => ({ answer: 'Answer9', acceptHashed: [hash], templated: true });

testCheck('answer', {
  valid: [
    { name: 'the number of contexts, spaces around', params: contexts, answers: { Answer1: ' 2 ' }, data: { answer: 'Answer1', value: '2' }, says: { fr: 'Answer1 : « 2 » est juste', en: 'Answer1: "2" is right' } },
    { name: 'the server as the whole URL', params: server, answers: { Answer2: 'https://127.0.0.1:6443/' }, data: { answer: 'Answer2', value: 'https://127.0.0.1:6443/' } },
    { name: 'the server as host:port', params: server, answers: { Answer2: '127.0.0.1:6443' }, data: { answer: 'Answer2', value: '127.0.0.1:6443' } },
    { name: 'the namespace in capitals', params: namespace, answers: { Answer3: 'DEFAULT' }, data: { answer: 'Answer3', value: 'DEFAULT' } },
    { name: 'a short name the lab accepts', params: replicaSet, answers: { Answer8: '  RS ' }, data: { answer: 'Answer8', value: 'RS' } },
    {
      name: 'a hashed answer in the first format (sha256), still read',
      params: { answer: 'Answer8', acceptHashed: [REPLICASET_SHA256] },
      answers: { Answer8: 'replicaset' },
      data: { answer: 'Answer8', value: 'replicaset' },
    },
    {
      name: 'a hashed answer, written in quotes',
      params: { answer: 'Answer8', acceptHashed: [REPLICASET_SCRYPT] },
      answers: { Answer8: '"ReplicaSet"' },
      data: { answer: 'Answer8', value: '"ReplicaSet"' },
    },
    {
      name: 'the namespace checked in the answer, hashed as ${namespace}',
      params: templated(LIVENESS_TEMPLATE),
      answers: { Answer9: 'Student/liveness-exec' },
      data: { answer: 'Answer9', value: 'Student/liveness-exec' },
    },
    {
      name: 'a ServiceAccount named like nothing else in the answer',
      params: templated(SA_TEMPLATE),
      answers: { Answer9: 'system:serviceaccount:student:myuser' },
      data: { answer: 'Answer9', value: 'system:serviceaccount:student:myuser' },
    },
  ],
  invalid: [
    { name: 'another number of contexts', params: contexts, answers: { Answer1: '3' }, messageId: 'wrong-contexts', data: { answer: 'Answer1', value: '3', context: 'kind-kind' } },
    { name: 'the number in words', params: contexts, answers: { Answer1: 'two' }, messageId: 'wrong-contexts', data: { answer: 'Answer1', value: 'two', context: 'kind-kind' } },
    { name: 'another server', params: server, answers: { Answer2: '10.0.0.1' }, messageId: 'wrong-server', data: { answer: 'Answer2', value: '10.0.0.1', context: 'kind-kind' } },
    {
      name: 'the namespace of another context',
      params: namespace,
      answers: { Answer3: 'default' },
      facts: { context: 'training', namespace: 'alice' },
      messageId: 'wrong-namespace',
      data: { answer: 'Answer3', value: 'default', context: 'training' },
    },
    {
      name: 'a megabyte of escapes is quoted as one short line',
      params: replicaSet,
      answers: { Answer8: `\u001b]0;pwned\u0007${'A'.repeat(1_000_000)}` },
      messageId: 'wrong',
      data: { answer: 'Answer8', value: `\\u001b]0;pwned\\u0007${'A'.repeat(59)}…` },
    },
    { name: 'an answer the lab does not accept', params: replicaSet, answers: { Answer8: 'Deployment' }, messageId: 'wrong', data: { answer: 'Answer8', value: 'Deployment' } },
    {
      name: 'the right word in the wrong case, where case matters',
      params: { answer: 'Answer8', accept: ['ReplicaSet'], caseSensitive: true },
      answers: { Answer8: 'replicaset' },
      messageId: 'wrong',
      data: { answer: 'Answer8', value: 'replicaset' },
    },
    {
      name: 'a hashed answer that is not the one hashed',
      params: { answer: 'Answer8', acceptHashed: [REPLICASET_SCRYPT] },
      answers: { Answer8: 'replica' },
      messageId: 'wrong',
      data: { answer: 'Answer8', value: 'replica' },
    },
    {
      name: 'another namespace than the one checked',
      params: templated(LIVENESS_TEMPLATE),
      answers: { Answer9: 'default/liveness-exec' },
      messageId: 'wrong',
      data: { answer: 'Answer9', value: 'default/liveness-exec' },
    },
    {
      name: 'the placeholder itself is no answer',
      params: templated(LIVENESS_TEMPLATE),
      answers: { Answer9: '${namespace}/liveness-exec' },
      messageId: 'wrong',
      data: { answer: 'Answer9', value: '${namespace}/liveness-exec' },
    },
  ],
  refused: [
    { name: 'nothing to compare with', params: { answer: 'Answer1' } },
    { name: 'a key that is not AnswerN', params: { answer: 'Q1', fact: 'contexts' } },
    { name: 'an unknown fact', params: { answer: 'Answer1', fact: 'users' } },
    { name: 'a hash not made by tp lab hash', params: { answer: 'Answer8', acceptHashed: ['md5:abc'] } },
    { name: 'an unknown property', params: { answer: 'Answer1', fact: 'contexts', expect: '2' } },
  ],
});
