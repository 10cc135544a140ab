// One kind followed in one scope (cluster-wide, or one namespace), as
// client-go's Reflector does it: LIST once, then WATCH from the list's
// resourceVersion with bookmarks, and keep the store current from the events.
// A stream the server ends, or a network blip, is watched again from the last
// resourceVersion seen (nothing is missed, nothing is listed again); only a
// 410 Gone (the server no longer has that version) or a stream that made no
// sense makes it LIST again. A server that cannot be reached is retried with
// growing waits, and meanwhile the kind reads as that failure.
import type { ListedKind } from './list-kind.js';
import type { KindStore, Touched } from './kind-store.js';
import type { ReadFailure } from './types.js';
import type { ResolvedKind } from '../discovery/types.js';
import { listPath } from './api-paths.js';
import type { WatchLimits, WatchOpener } from './watch-stream.js';

export interface ReflectorTiming extends Omit<WatchLimits, 'maxStreamMs'> {
  /** The timeoutSeconds asked of the server; each watch asks between this and twice this, as client-go. */
  watchSeconds: number;
  /** First wait after a failure; waits double up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export interface ReflectorOptions {
  kind: ResolvedKind;
  /** The namespace followed; undefined: the whole cluster. */
  namespace?: string;
  list(namespace?: string): Promise<ListedKind>;
  watch: WatchOpener;
  store: KindStore;
  timing: ReflectorTiming;
  /** Objects of these namespaces changed (a LIST's differences, or one event). */
  onTouched(touched: Touched): void;
  /** The kind cannot be read now (why), or can again (undefined). */
  onHealth(failure: ReadFailure | undefined): void;
  /** After each LIST, whatever it gave (`first`: the reflector's first). */
  onListed?(listed: ListedKind, first: boolean): void;
  /** Each request made: a LIST (all its pages) or the opening of a WATCH. */
  onRequest?(request: 'list' | 'watch'): void;
}

export interface Reflector {
  /** Why the kind cannot be read now; undefined when it can. */
  readonly failure: ReadFailure | undefined;
  stop(): void;
  /** Settles once stopped. */
  readonly done: Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const wake = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', wake);
      resolve();
    }, ms);
    signal.addEventListener('abort', wake, { once: true });
  });

/** A stream shorter than this that brought nothing is a server refusing politely: wait before the next. */
const SHORT_STREAM_MS = 1000;
/** Beyond the timeoutSeconds asked, the time a server has to end the stream itself. */
const STREAM_MARGIN_MS = 30_000;

const watchPath = (options: ReflectorOptions, resourceVersion: string, seconds: number): string => {
  const query = new URLSearchParams({ watch: '1', allowWatchBookmarks: 'true', resourceVersion, timeoutSeconds: String(seconds) });
  return `${listPath(options.kind, options.namespace)}?${query}`;
};

export const startReflector = (options: ReflectorOptions): Reflector => {
  const { timing } = options;
  const controller = new AbortController();
  const { signal } = controller;
  let failure: ReadFailure | undefined;
  let backoff = timing.backoffMs;
  const setFailure = (next: ReadFailure | undefined) => {
    if (signal.aborted || failure === next || (failure && next && failure.message === next.message)) return;
    failure = next;
    options.onHealth(next);
  };
  const waitBackoff = async () => {
    await sleep(backoff, signal);
    backoff = Math.min(backoff * 2, timing.maxBackoffMs);
  };

  /** Watches from `resourceVersion` until the server says to LIST again (or the reflector stops). */
  const follow = async (start: string): Promise<void> => {
    let resourceVersion = start;
    while (!signal.aborted) {
      const seconds = Math.round(timing.watchSeconds * (1 + Math.random()));
      const started = Date.now();
      let events = 0;
      options.onRequest?.('watch');
      const end = await options.watch(
        watchPath(options, resourceVersion, seconds),
        { ...timing, maxStreamMs: seconds * 1000 + STREAM_MARGIN_MS },
        {
          onOpen: () => {
            setFailure(undefined);
            backoff = timing.backoffMs;
          },
          onEvent: (event) => {
            events += 1;
            const version = (event.object.metadata as { resourceVersion?: unknown }).resourceVersion;
            if (typeof version === 'string' && version !== '') resourceVersion = version;
            if (event.type !== 'BOOKMARK') {
              const touched = options.store.apply(event.type, event.object);
              if (touched === 'all' || touched.size > 0) options.onTouched(touched);
            }
          },
        },
        signal,
      );
      if (signal.aborted) return;
      if (end.reason === 'gone') return;
      if (end.reason === 'invalid') {
        // An event may be lost: the next LIST says what is true.
        await waitBackoff();
        return;
      }
      if (end.reason === 'refused') {
        setFailure(end.failure);
        await waitBackoff();
      } else if (events === 0 && Date.now() - started < SHORT_STREAM_MS) {
        await waitBackoff();
      }
    }
  };

  const run = async (): Promise<void> => {
    let first = true;
    while (!signal.aborted) {
      options.onRequest?.('list');
      const listed = await options.list(options.namespace);
      if (signal.aborted) return;
      options.onListed?.(listed, first);
      first = false;
      if (signal.aborted) return;
      if (!listed.read.ok) {
        setFailure(listed.read.failure);
        await waitBackoff();
        continue;
      }
      const touched = options.store.replace(listed.read.items, options.namespace);
      setFailure(undefined);
      if (touched === 'all' || touched.size > 0) options.onTouched(touched);
      backoff = timing.backoffMs;
      // A server that gives no resourceVersion cannot be watched: it is listed again now and then instead.
      if (listed.resourceVersion === undefined) await sleep(timing.watchSeconds * 1000, signal);
      else await follow(listed.resourceVersion);
    }
  };

  const done = run().catch((error: unknown) => {
    // A bug of tp's, not the cluster's: said as this kind's failure rather than crashing the class.
    setFailure({ reason: 'other', message: `internal error while following ${options.kind.key}: ${(error as Error).message} (please report it)` });
  });
  return {
    get failure() {
      return failure;
    },
    stop: () => controller.abort(),
    done,
  };
};
