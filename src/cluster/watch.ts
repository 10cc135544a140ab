// Kubernetes watches on the kinds a lab reads: calls `onChange` on every event,
// and re-opens a watch that drops (the API server ends them every few minutes).
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { listPath } from './api-paths.js';
import type { ResourceKind } from '../core/resource-kinds.js';

export interface ClusterWatch {
  stop(): void;
}

const REOPEN_DELAY_MS = 1000;

export const watchKinds = (
  kc: KubeConfig,
  namespace: string,
  kinds: Iterable<ResourceKind>,
  onChange: (kind: ResourceKind) => void,
  onDrop: (kind: ResourceKind, reason: string) => void = () => {},
): ClusterWatch => {
  const watch = new Watch(kc);
  const controllers = new Map<ResourceKind, AbortController>();
  let stopped = false;

  const open = (kind: ResourceKind): void => {
    if (stopped) return;
    watch
      .watch(
        listPath(kind, namespace),
        { allowWatchBookmarks: true },
        (phase) => {
          if (phase !== 'BOOKMARK') onChange(kind);
        },
        (error: unknown) => {
          controllers.delete(kind);
          if (stopped) return;
          onDrop(kind, error instanceof Error ? error.message : 'watch closed');
          // After a drop the next check re-lists everything, so no event is lost.
          onChange(kind);
          setTimeout(() => open(kind), REOPEN_DELAY_MS).unref();
        },
      )
      .then((controller) => {
        if (stopped) controller.abort();
        else controllers.set(kind, controller);
      })
      .catch((error: unknown) => {
        if (stopped) return;
        onDrop(kind, error instanceof Error ? error.message : String(error));
        setTimeout(() => open(kind), REOPEN_DELAY_MS).unref();
      });
  };

  for (const kind of new Set(kinds)) open(kind);
  return {
    stop() {
      stopped = true;
      for (const controller of controllers.values()) controller.abort();
      controllers.clear();
    },
  };
};
