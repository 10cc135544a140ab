// Answers that hold the checked namespace, turned back into the form the lab hashed.
import { describe, expect, it } from 'vitest';
import { namespaceTemplates } from '../../src/answers/namespace-template.js';

describe('the namespace put back as ${namespace}', () => {
  it('where it stands as a whole word', () => {
    expect(namespaceTemplates('ckad/liveness-exec', 'ckad')).toEqual(['${namespace}/liveness-exec']);
    expect(namespaceTemplates('system:serviceaccount:ckad:myuser', 'ckad')).toEqual(['system:serviceaccount:${namespace}:myuser']);
  });

  it('not inside a longer name, and not at all when the answer lacks it', () => {
    expect(namespaceTemplates('ckad-2/liveness-exec', 'ckad')).toEqual([]);
    expect(namespaceTemplates('default/liveness-exec', 'ckad')).toEqual([]);
    expect(namespaceTemplates('anything', '')).toEqual([]);
  });

  it('a namespace named like another word of the answer: every choice of places', () => {
    expect(namespaceTemplates('system:serviceaccount:myuser:myuser', 'myuser')).toEqual([
      'system:serviceaccount:${namespace}:${namespace}',
      'system:serviceaccount:myuser:${namespace}',
      'system:serviceaccount:${namespace}:myuser',
    ]);
  });

  it('stays bounded on an answer that repeats the namespace: one spelling', () => {
    const answer = Array.from({ length: 1000 }, () => 'ns').join('/');
    const spellings = namespaceTemplates(answer, 'ns');
    expect(spellings).toHaveLength(1);
    expect(spellings[0]).toBe(Array.from({ length: 1000 }, () => '${namespace}').join('/'));
  });
});
