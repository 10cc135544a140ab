// Kubernetes watches on the kinds a lab reads: calls `onChange` on every event,
// and re-opens a watch that drops (the API server ends them every few minutes).
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { listPath } from './api-paths.js';
import type { ResolvedKind } from '../discovery/types.js';

export interface ClusterWatch {
  stop(): void;
}

const REOPEN_DELAY_MS = 1000;

export const watchKinds = (
  kc: KubeConfig,
  namespace: string,
  kinds: Iterable<ResolvedKind>,
  onChange: (key: string) => void,
  onDrop: (key: string, reason: string) => void = () => {},
): ClusterWatch => {
  const watch = new Watch(kc);
  const controllers = new Map<string, AbortController>();
  let stopped = false;

  const open = (kind: ResolvedKind): void => {
    if (stopped) return;
    watch
      .watch(
        listPath(kind, namespace),
        { allowWatchBookmarks: true },
        (phase) => {
          if (phase !== 'BOOKMARK') onChange(kind.key);
        },
        (error: unknown) => {
          controllers.delete(kind.key);
          if (stopped) return;
          onDrop(kind.key, error instanceof Error ? error.message : 'watch closed');
          // After a drop the next check re-lists everything, so no event is lost.
          onChange(kind.key);
          setTimeout(() => open(kind), REOPEN_DELAY_MS).unref();
        },
      )
      .then((controller) => {
        if (stopped) controller.abort();
        else controllers.set(kind.key, controller);
      })
      .catch((error: unknown) => {
        if (stopped) return;
        onDrop(kind.key, error instanceof Error ? error.message : String(error));
        setTimeout(() => open(kind), REOPEN_DELAY_MS).unref();
      });
  };

  // One watch per key; a kind that cannot be watched is re-read at the next change of another.
  const byKey = new Map([...kinds].filter((kind) => kind.verbs.includes('watch')).map((kind) => [kind.key, kind]));
  for (const kind of byKey.values()) open(kind);
  return {
    stop() {
      stopped = true;
      for (const controller of controllers.values()) controller.abort();
      controllers.clear();
    },
  };
};
