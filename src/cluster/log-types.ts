// How a `logs` check reads a container's log; implemented in cluster/log-reader.ts.

export interface LogRequest {
  namespace: string;
  pod: string;
  container: string;
  /** The instance before the last restart (`kubectl logs --previous`). */
  previous: boolean;
  /** The last lines only, when given. */
  tailLines?: number;
  /** The most bytes read, already within tp's own cap. */
  limitBytes: number;
  /** The pod's node, to tell a simulated (KWOK) node when the log cannot be had. */
  node?: string;
}

export type LogAnswer =
  /** `truncated`: the log is longer than `limitBytes`; `text` is its first bytes. */
  | { ok: true; text: string; truncated: boolean }
  | {
      ok: false;
      /**
       * forbidden: no `get pods/log`; no-previous: the container has not restarted; waiting: it
       * has not started; gone: no such pod or container any more; simulated: a KWOK node, whose
       * pods run nothing; unavailable: anything else (the kubelet unreachable, a timeout…).
       */
      reason: 'forbidden' | 'no-previous' | 'waiting' | 'gone' | 'simulated' | 'unavailable';
      message: string;
    };

export interface LogReader {
  read(request: LogRequest): Promise<LogAnswer>;
}
