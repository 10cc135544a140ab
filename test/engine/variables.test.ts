// Check params with the lab's variables and ${namespace} filled: what every check of every student reads.
import { describe, expect, it } from 'vitest';
import { fillVariables, fillVariablesShared } from '../../src/engine/variables.js';

const variables = { registry: 'registry.example.org', namespace: 'alice' };

describe('check params filled', () => {
  it('fill every ${name} they hold, leave unknown ones visible, and leave the lab\'s params as they were', () => {
    const params = { service: 'web', expect: { spec: { containers: [{ image: '${registry}/app:v1' }, { image: 'nginx' }] } }, path: '/${unknown}', points: 2, ok: true, none: null };
    const before = JSON.stringify(params);
    for (const fill of [fillVariables, fillVariablesShared]) {
      expect(fill(params, variables)).toEqual({ ...params, expect: { spec: { containers: [{ image: 'registry.example.org/app:v1' }, { image: 'nginx' }] } } });
    }
    expect(JSON.stringify(params)).toBe(before);
  });

  it('shared: what holds no variable is the lab\'s own, not a copy for each student', () => {
    const params = { resource: 'deployments', name: 'web', expect: { spec: { replicas: 2 } }, list: ['a', 'b'] };
    expect(fillVariablesShared(params, variables)).toBe(params);
    const some = { name: '${namespace}-web', expect: { spec: { replicas: 2 } } };
    const filled = fillVariablesShared(some, variables);
    expect(filled).toEqual({ name: 'alice-web', expect: { spec: { replicas: 2 } } });
    expect(filled.expect).toBe(some.expect);
  });
});
