// Scenarios that fix the same nodePort (vote-service on 31000) take turns; the others run side by side.
import { describe, expect, test } from 'vitest';
import { fixedNodePorts, turns } from '../../src/labtest/node-ports.js';
import type { SolutionStep } from '../../src/labtest/solution.js';

const serviceStep = (name: string, ports: Array<{ port: number; nodePort?: number }>): SolutionStep => ({
  file: `${name}.yaml`,
  manifests: [{ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type: 'NodePort', ports } }],
});

describe('fixedNodePorts', () => {
  test('Services asking for a nodePort, and those ports', () => {
    const steps = [
      serviceStep('vote-service', [{ port: 80, nodePort: 31000 }]),
      serviceStep('other', [{ port: 8080 }]),
      serviceStep('vote-service', [{ port: 80, nodePort: 31000 }, { port: 443, nodePort: 31443 }]),
    ];
    expect(fixedNodePorts(steps)).toEqual({ services: ['vote-service'], ports: [31000, 31443] });
  });

  test('a nodePort left to the cluster holds nothing', () => {
    expect(fixedNodePorts([serviceStep('kubernetes-bootcamp', [{ port: 8080 }])])).toEqual({ services: [], ports: [] });
  });
});

describe('turns', () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  test('work holding the same key runs one at a time, in the order it came', async () => {
    const takeTurn = turns();
    const log: string[] = [];
    const work = (id: string) => async () => {
      log.push(`start ${id}`);
      await tick();
      log.push(`end ${id}`);
      return id;
    };
    const results = await Promise.all([takeTurn(['31000'], work('a')), takeTurn(['31000'], work('b')), takeTurn(['31000', '31443'], work('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  test('work without keys, or with other keys, does not wait', async () => {
    const takeTurn = turns();
    const log: string[] = [];
    const work = (id: string) => async () => {
      log.push(`start ${id}`);
      await tick();
      log.push(`end ${id}`);
    };
    await Promise.all([takeTurn(['31000'], work('a')), takeTurn([], work('b')), takeTurn(['32000'], work('c'))]);
    expect(log.slice(0, 3).sort()).toEqual(['start a', 'start b', 'start c']);
  });

  test('a failing turn hands the key on', async () => {
    const takeTurn = turns();
    const first = takeTurn(['31000'], async () => {
      throw new Error('apply failed');
    });
    await expect(first).rejects.toThrow('apply failed');
    expect(await takeTurn(['31000'], async () => 'next')).toBe('next');
  });
});
