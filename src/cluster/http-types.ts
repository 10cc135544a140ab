// How an HTTP check reaches an app; implemented in cluster/http-probe.ts.
import type { KubeObject } from './types.js';
import type { NodeAddressRefusal } from './dial-policy.js';

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
  /** The cluster's nodes as the snapshot read them: the probe judges whether their pods can serve anything. */
  nodes: readonly KubeObject[];
  path: string;
}

/**
 * Why an app was not reached, as a code (and the facts that go with it): the check says it
 * in the student's language. `target` is the address that refused or stayed silent (a pod
 * the service proxy dialled, or the node port), when known.
 */
export type HttpFailure =
  /** The service proxy found no ready endpoint behind the Service (its 503). */
  | { code: 'no-endpoints' }
  | { code: 'refused'; target?: string }
  | { code: 'reset'; target?: string }
  /** No answer within `ms` (tp's --timeout), or within the proxy's own wait when `ms` is absent. */
  | { code: 'timeout'; ms?: number; target?: string }
  | { code: 'host-unreachable'; target?: string }
  /** Another refusal of the service proxy: its status and the Status message it gave (one short line). */
  | { code: 'proxy-error'; status: number; message: string }
  /** The user may not `get services/proxy`. */
  | { code: 'forbidden' }
  | { code: 'no-node-port' }
  | { code: 'no-node-address' }
  /** The Service's port or nodePort is no TCP port (a crafted API server may send anything): nothing is dialled. */
  | { code: 'not-a-port'; which: 'port' | 'nodePort' }
  /** No node address tp may dial (cluster/dial-policy.ts): the first one, shortened, and why. */
  | { code: 'node-refused'; address: string; why: NodeAddressRefusal }
  /** The pods run on simulated nodes (KWOK): nothing serves HTTP there. */
  | { code: 'simulated' }
  /** Graded from a submission file that holds no answer to this request (another version of the lab, or the Service was not found then). */
  | { code: 'not-recorded' }
  /** The client's own error, neither a refusal nor a silence (one short line). */
  | { code: 'network'; message: string };

export type HttpFailureCode = HttpFailure['code'];

export type HttpAnswer =
  /** `truncated`: the app sent more than tp reads (MAX_HTTP_BODY_BYTES); `body` is its first bytes. */
  | { reached: true; via: 'proxy' | 'nodeport'; url: string; status: number; body: string; truncated?: true }
  /**
   * Not reached. `evaluable` false means no way was even tried (an `error`, or a `skip` when
   * the pods are simulated); true means a way was tried and failed (refused…): a `fail`.
   */
  | {
      reached: false;
      via: 'proxy' | 'nodeport' | 'none';
      url?: string;
      failure: HttpFailure;
      evaluable: boolean;
    };

export interface HttpProbe {
  readonly via: HttpVia;
  get(request: HttpRequest): Promise<HttpAnswer>;
}
