// Whether a connection from one pod to a port of another is allowed by the
// NetworkPolicies, by the rules of the NetworkPolicy API
// (networking.k8s.io/v1): a pod is isolated for ingress (egress) only when a
// policy of its namespace selects it with that policy type; then a connection
// must be allowed by a rule of one of those policies. A connection is allowed
// when the source's egress side and the destination's ingress side both allow it.
import { BlockList, isIP } from 'node:net';
import type { KubeObject } from '../../cluster/types.js';
import { field } from '../snapshot-read.js';
import { labelSelectorMatches } from './label-selector.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
}

/** A pod as policies see it: where it lives, its labels, its addresses and its named ports. */
export interface PolicyPod {
  name: string;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  ips: readonly string[];
  ports: readonly ContainerPort[];
}

/** The port asked, already a number (a named port is resolved on the destination first). */
export interface Connection {
  from: PolicyPod;
  to: PolicyPod;
  port: number;
  protocol: Protocol;
}

export type Direction = 'Ingress' | 'Egress';

/** One side of a connection: which policies isolate the pod that way, and the first that lets the connection through. */
export interface SideVerdict {
  isolating: string[];
  allowedBy?: string;
}

export interface ConnectionVerdict {
  allowed: boolean;
  egress: SideVerdict;
  ingress: SideVerdict;
}

export type NamespaceLabels = (namespace: string) => Readonly<Record<string, string>>;

interface PolicyPort {
  protocol?: unknown;
  port?: unknown;
  endPort?: unknown;
}

interface Peer {
  podSelector?: unknown;
  namespaceSelector?: unknown;
  ipBlock?: { cidr?: unknown; except?: unknown };
}

const typesRead = new WeakMap<KubeObject, Direction[]>();

/** policyTypes as the API server defaults them: Ingress always, Egress when there are egress rules. */
export const policyTypes = (policy: KubeObject): Direction[] => {
  const known = typesRead.get(policy);
  if (known) return known;
  const written = field(policy, 'spec', 'policyTypes');
  const egress = field(policy, 'spec', 'egress');
  const types: Direction[] = Array.isArray(written) && written.length > 0
    ? written.filter((t): t is Direction => t === 'Ingress' || t === 'Egress')
    : Array.isArray(egress) && egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  typesRead.set(policy, types);
  return types;
};

const selectsPod = (policy: KubeObject, pod: PolicyPod): boolean =>
  policy.metadata.namespace === pod.namespace && labelSelectorMatches(field(policy, 'spec', 'podSelector') ?? {}, pod.labels);

const inBlock = (block: Peer['ipBlock'], ips: readonly string[]): boolean => {
  const cidr = typeof block?.cidr === 'string' ? block.cidr : '';
  const [address = '', prefix = ''] = cidr.split('/');
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(address) === 0 || !/^\d+$/.test(prefix)) return false;
  const within = new BlockList();
  within.addSubnet(address, Number(prefix), family);
  const excepted = new BlockList();
  for (const except of Array.isArray(block?.except) ? block.except : []) {
    const [exceptAddress = '', exceptPrefix = ''] = String(except).split('/');
    if (isIP(exceptAddress) !== 0 && /^\d+$/.test(exceptPrefix)) excepted.addSubnet(exceptAddress, Number(exceptPrefix), isIP(exceptAddress) === 6 ? 'ipv6' : 'ipv4');
  }
  return ips.some((ip) => isIP(ip) !== 0 && within.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4') && !excepted.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4'));
};

/**
 * A peer of a rule of a policy of `policyNamespace`: a podSelector alone means pods of that
 * namespace; a namespaceSelector pods of the namespaces it selects (all of them, or those the
 * podSelector beside it also selects: both must hold); an ipBlock the pod's addresses.
 */
const peerMatches = (peer: Peer, policyNamespace: string, pod: PolicyPod, namespaceLabels: NamespaceLabels): boolean => {
  if (peer.ipBlock !== undefined) return inBlock(peer.ipBlock, pod.ips);
  const namespaceOk = peer.namespaceSelector === undefined
    ? pod.namespace === policyNamespace
    : labelSelectorMatches(peer.namespaceSelector, namespaceLabels(pod.namespace));
  return namespaceOk && (peer.podSelector === undefined || labelSelectorMatches(peer.podSelector, pod.labels));
};

const protocolOf = (value: unknown): string => (typeof value === 'string' ? value : 'TCP');

/** A named port is the destination pod's container port of that name and protocol. */
const portMatches = (rulePort: PolicyPort, connection: Connection): boolean => {
  if (protocolOf(rulePort.protocol) !== connection.protocol) return false;
  const { port, endPort } = rulePort;
  if (port === undefined || port === null) return true;
  if (typeof port === 'string' && !/^\d+$/.test(port)) {
    return connection.to.ports.some((p) => p.name === port && p.protocol === connection.protocol && p.containerPort === connection.port);
  }
  const first = Number(port);
  const last = typeof endPort === 'number' ? endPort : first;
  return connection.port >= first && connection.port <= last;
};

/** A rule with no peers (`from`/`to` absent or empty) admits every peer; with no ports, every port. */
const ruleAllows = (rule: unknown, peerKey: 'from' | 'to', peer: PolicyPod, policyNamespace: string, connection: Connection, namespaceLabels: NamespaceLabels): boolean => {
  const peers = field(rule, peerKey);
  const ports = field(rule, 'ports');
  const peerOk = !Array.isArray(peers) || peers.length === 0 || (peers as Peer[]).some((p) => p !== null && typeof p === 'object' && peerMatches(p, policyNamespace, peer, namespaceLabels));
  const portOk = !Array.isArray(ports) || ports.length === 0 || (ports as PolicyPort[]).some((p) => p !== null && typeof p === 'object' && portMatches(p, connection));
  return peerOk && portOk;
};

// Which policies isolate a pod is asked for every pair it is in: found once per pod and direction.
const isolation = new WeakMap<readonly KubeObject[], WeakMap<PolicyPod, Partial<Record<Direction, KubeObject[]>>>>();

const isolatingPolicies = (policies: readonly KubeObject[], pod: PolicyPod, direction: Direction): KubeObject[] => {
  let byPod = isolation.get(policies);
  if (!byPod) isolation.set(policies, (byPod = new WeakMap()));
  let known = byPod.get(pod);
  if (!known) byPod.set(pod, (known = {}));
  return (known[direction] ??= policies.filter((policy) => selectsPod(policy, pod) && policyTypes(policy).includes(direction)));
};

const side = (policies: readonly KubeObject[], direction: Direction, connection: Connection, namespaceLabels: NamespaceLabels): SideVerdict => {
  const [pod, peer, rulesKey, peerKey] = direction === 'Ingress'
    ? [connection.to, connection.from, 'ingress', 'from'] as const
    : [connection.from, connection.to, 'egress', 'to'] as const;
  const isolating = isolatingPolicies(policies, pod, direction);
  const allowing = isolating.find((policy) => {
    const rules = field(policy, 'spec', rulesKey);
    return Array.isArray(rules) && rules.some((rule) => ruleAllows(rule, peerKey, peer, pod.namespace, connection, namespaceLabels));
  });
  return { isolating: isolating.map((policy) => policy.metadata.name), ...(allowing ? { allowedBy: allowing.metadata.name } : {}) };
};

const open = (verdict: SideVerdict): boolean => verdict.isolating.length === 0 || verdict.allowedBy !== undefined;

/** The verdict of both sides. A pod is never kept from reaching itself. */
export const connectionVerdict = (policies: readonly KubeObject[], connection: Connection, namespaceLabels: NamespaceLabels): ConnectionVerdict => {
  const egress = side(policies, 'Egress', connection, namespaceLabels);
  const ingress = side(policies, 'Ingress', connection, namespaceLabels);
  const self = connection.from.namespace === connection.to.namespace && connection.from.name === connection.to.name;
  return { allowed: self || (open(egress) && open(ingress)), egress, ingress };
};
