// A nodePort belongs to the whole cluster: two scratch namespaces cannot both
// hold a Service on nodePort 31000. Scenarios that fix the same nodePort take
// turns, and give it back by deleting their Services before the next one starts.
import type { SolutionStep } from './solution.js';
import type { Manifest } from '../cluster/types.js';

const portsOf = (manifest: Manifest): number[] => {
  if (manifest.kind !== 'Service') return [];
  const spec = (manifest.spec ?? {}) as { ports?: Array<{ nodePort?: unknown }> };
  return (spec.ports ?? []).flatMap((port) => (typeof port.nodePort === 'number' ? [port.nodePort] : []));
};

/** The Services of the steps that ask for a given nodePort, with those ports. */
export const fixedNodePorts = (steps: readonly SolutionStep[]): { services: string[]; ports: number[] } => {
  const manifests = steps.flatMap((step) => step.manifests).filter((m) => portsOf(m).length > 0);
  return {
    services: [...new Set(manifests.map((m) => m.metadata.name))],
    ports: [...new Set(manifests.flatMap(portsOf))].sort((a, b) => a - b),
  };
};

/** Runs work holding keys: work holding a key waits for the work that took it earlier. */
export const turns = () => {
  const tails = new Map<string, Promise<void>>();
  return async <T>(keys: readonly string[], work: () => Promise<T>): Promise<T> => {
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const unique = [...new Set(keys)];
    // Reading and replacing the tails without an await between is what makes the queue fair and deadlock-free.
    const earlier = unique.map((key) => tails.get(key));
    for (const key of unique) tails.set(key, done);
    await Promise.all(earlier);
    try {
      return await work();
    } finally {
      release();
      for (const key of unique) if (tails.get(key) === done) tails.delete(key);
    }
  };
};
