// A fixed nodePort belongs to the whole cluster: when the API server answers that the
// one a lab's Service asks for is "already allocated", tp lab test stops at once and
// says which Service holds it, looked up among every namespace when tp may list them,
// else among its own, else says how to find it. Waiting would only hide it: the
// holder is someone else's (a student's own Service, another run) and may stay forever.
import { ApiException, type CoreV1Api, type V1Service } from '@kubernetes/client-node';
import { TpError } from '../core/errors.js';
import { shortened } from '../core/quote.js';
import type { Manifest } from './types.js';

// A cluster-wide LIST is read page by page, and no further than this: a holder beyond is "not seen".
const PAGE = 500;
const MAX_PAGES = 40;

export const isNodePortTaken = (error: unknown): boolean =>
  error instanceof ApiException && error.code === 422 && /provided port is already allocated/.test(String(error.message));

/** The nodePorts a Service manifest asks for, in its order. */
export const requestedNodePorts = (manifest: Manifest): number[] => {
  const spec = (manifest.spec ?? {}) as { ports?: Array<{ nodePort?: unknown }> };
  return (Array.isArray(spec.ports) ? spec.ports : []).flatMap((port) => (typeof port.nodePort === 'number' ? [port.nodePort] : []));
};

// The API server names the port in its message (`Invalid value: 31000: provided port is already allocated`).
const portsNamedIn = (error: unknown, asked: readonly number[]): number[] => {
  const named = [...String((error as Error).message).matchAll(/Invalid value: (\d+): provided port is already allocated/g)].map((m) => Number(m[1]));
  return named.length > 0 ? [...new Set(named)] : [...asked];
};

interface Holder {
  port: number;
  namespace: string;
  name: string;
}

const holdersIn = (services: readonly V1Service[], ports: readonly number[]): Holder[] =>
  services.flatMap((service) =>
    (service.spec?.ports ?? [])
      .filter((port) => port.nodePort !== undefined && ports.includes(port.nodePort))
      .map((port) => ({ port: port.nodePort ?? 0, namespace: service.metadata?.namespace ?? '', name: service.metadata?.name ?? '' })),
  );

// Every namespace, page by page; undefined when tp may not list Services cluster-wide.
const holdersEverywhere = async (core: CoreV1Api, ports: readonly number[]): Promise<Holder[] | undefined> => {
  const found: Holder[] = [];
  let token: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const list = await core.listServiceForAllNamespaces({ limit: PAGE, ...(token ? { _continue: token } : {}) });
      found.push(...holdersIn(list.items, ports));
      token = list.metadata?._continue;
      if (!token) break;
    }
    return found;
  } catch {
    return undefined;
  }
};

const holdersInOwn = async (core: CoreV1Api, ports: readonly number[], own: readonly string[]): Promise<Holder[]> => {
  const lists = await Promise.all(own.map((namespace) => core.listNamespacedService({ namespace }).then((list) => list.items, () => [])));
  return holdersIn(lists.flat(), ports);
};

/** The error to stop tp lab test with, naming the holder of each port when it can be seen. */
export const nodePortTakenError = async (core: CoreV1Api, service: Manifest, error: unknown, ownNamespaces: readonly string[]): Promise<TpError> => {
  const ports = portsNamedIn(error, requestedNodePorts(service));
  const everywhere = await holdersEverywhere(core, ports);
  const holders = everywhere ?? (await holdersInOwn(core, ports, ownNamespaces));
  const wanted = `the lab's Service ${shortened(service.metadata.name)} asks for nodePort ${ports.join(', ')}`;
  if (holders.length > 0) {
    const named = holders.map((h) => `nodePort ${h.port} is held by Service ${h.namespace}/${h.name}`).join('; ');
    const first = holders[0] as Holder;
    return new TpError(
      'CLUSTER_CONFLICT',
      `${wanted}, but ${named}: a nodePort belongs to the whole cluster`,
      `Free it (kubectl delete service ${first.name} -n ${first.namespace}, or give that Service another nodePort), then run tp lab test again.`,
    );
  }
  const where = everywhere === undefined ? 'in a namespace tp may not read (it may not list Services in every namespace)' : 'by a Service tp cannot see';
  return new TpError(
    'CLUSTER_CONFLICT',
    `${wanted}, but nodePort ${ports.join(', ')} is already allocated ${where}: a nodePort belongs to the whole cluster`,
    `Find the Service that holds it (kubectl get services -A -o wide | grep ${ports[0] ?? ''}, as a user who may list every namespace), delete it or give it another nodePort, then run tp lab test again.`,
  );
};
