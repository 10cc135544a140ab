// When tp lab test may change a bare pod (kubectl set image, once it started) and
// delete one run with --rm (once it finished).
import { describe, expect, it } from 'vitest';
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { podFinished, podStarted } from '../../src/cluster/pod-waits.js';

const pod = (phase: string, statuses: Array<Partial<V1ContainerStatus>> = []): V1Pod => ({ status: { phase, containerStatuses: statuses as V1ContainerStatus[] } });
const status = (state: V1ContainerStatus['state'], lastState: V1ContainerStatus['lastState'] = {}): Partial<V1ContainerStatus> => ({ name: 'c', state, lastState });

describe('pod waits', () => {
  it('started: every container running or done, or one that ran before (a restart loop)', () => {
    expect(podStarted(pod('Running', [status({ running: {} })]))).toBe(true);
    expect(podStarted(pod('Succeeded'))).toBe(true);
    expect(podStarted(pod('Running', [status({ waiting: { reason: 'CrashLoopBackOff' } }, { terminated: { exitCode: 0 } })]))).toBe(true);
  });

  it('not started: no status yet, a container still being made, one of two waiting', () => {
    expect(podStarted(pod('Pending'))).toBe(false);
    expect(podStarted(pod('Pending', [status({ waiting: { reason: 'ContainerCreating' } })]))).toBe(false);
    expect(podStarted(pod('Running', [status({ running: {} }), status({ waiting: { reason: 'ErrImagePull' } })]))).toBe(false);
  });

  it('finished: Succeeded or Failed only', () => {
    expect(podFinished(pod('Succeeded'))).toBe(true);
    expect(podFinished(pod('Failed'))).toBe(true);
    expect(podFinished(pod('Running', [status({ terminated: { exitCode: 0 } })]))).toBe(false);
  });
});
