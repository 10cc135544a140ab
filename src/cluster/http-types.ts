// How an HTTP check reaches an app; implemented in cluster/http-probe.ts.
export type HttpVia = 'auto' | 'proxy' | 'nodeport';

export interface HttpRequest {
  namespace: string;
  service: string;
  /** The service port. */
  port: number;
  /** Allocated node port, when the service has one. */
  nodePort?: number;
  /** InternalIP of the nodes, in order of preference. */
  nodeAddresses: string[];
  /** Nodes simulated by KWOK: their pods serve nothing, and their pod IPs are not real hosts. */
  simulatedNodes: boolean;
  path: string;
}

export type HttpAnswer =
  /** `truncated`: the app sent more than tp reads (MAX_HTTP_BODY_BYTES); `body` is its first bytes. */
  | { reached: true; via: 'proxy' | 'nodeport'; url: string; status: number; body: string; truncated?: true }
  /**
   * Not reached. `evaluable` false means no way was even tried (an `error` or a
   * `skip`); true means a way was tried and failed (refused…): a `fail`.
   */
  | {
      reached: false;
      via: 'proxy' | 'nodeport' | 'none';
      url?: string;
      reason: string;
      evaluable: boolean;
      /** Not evaluable because the pods run on simulated (KWOK) nodes: a `skip`, not an `error`. */
      simulated?: true;
    };

export interface HttpProbe {
  readonly via: HttpVia;
  get(request: HttpRequest): Promise<HttpAnswer>;
}
