// What tp may dial outside the API server: a node's InternalIP with a Service's
// nodePort, for an HTTP check that goes `--http-via nodeport` as the course
// does. The address comes from the student's cluster, verbatim: a crafted one
// would point tp (and the answer it quotes in the student's feedback) at a
// cloud's metadata service, the trainer's machine or their intranet. So only
// an IP literal is dialled, never a name; never a link-local, unspecified,
// multicast or broadcast address; and loopback only when the API server itself
// is on loopback (a local cluster: kind, minikube, the project's own).
import { BlockList, SocketAddress, isIP } from 'node:net';

// The family from the text of these constant networks: isIP would compile Node's IPv6 pattern at every start.
const range = (list: BlockList, subnets: ReadonlyArray<readonly [string, number]>): BlockList => {
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, network.includes(':') ? 'ipv6' : 'ipv4');
  return list;
};

/** Why a node address is not dialled, as a code: an HTTP check says it in the student's language. */
export type NodeAddressRefusal = 'not-ip' | 'link-local' | 'unspecified' | 'not-one-host' | 'nat64' | 'loopback';

/** The same, in the trainer's English (logs, tests). */
const WHY: Readonly<Record<NodeAddressRefusal, string>> = {
  'not-ip': 'not an IP address (tp dials no host name a cluster reports)',
  'link-local': 'a link-local address (a cloud\'s metadata service lives there)',
  unspecified: 'an unspecified address',
  'not-one-host': 'not the address of one host (multicast, broadcast or reserved)',
  nat64: 'a NAT64 address',
  loopback: 'a loopback address, while the API server is not on this machine',
};

// IPv4-mapped IPv6 addresses (::ffff:169.254.169.254) are judged by the IPv4 rules: BlockList does so.
const NEVER: ReadonlyArray<{ code: NodeAddressRefusal; list: BlockList }> = [
  { code: 'link-local', list: range(new BlockList(), [['169.254.0.0', 16], ['fe80::', 10]]) },
  { code: 'unspecified', list: range(new BlockList(), [['0.0.0.0', 8], ['::', 128]]) },
  { code: 'not-one-host', list: range(new BlockList(), [['224.0.0.0', 3], ['ff00::', 8]]) },
  // The NAT64 prefix reaches any IPv4 address, the ones above included.
  { code: 'nat64', list: range(new BlockList(), [['64:ff9b::', 96]]) },
];

const LOOPBACK = range(new BlockList(), [['127.0.0.0', 8], ['::1', 128]]);

const family = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 4 ? 'ipv4' : 'ipv6');

/** A host of a URL (`[::1]` as URL.hostname writes it, or `localhost`) that is this machine. */
export const isLoopbackHost = (host: string): boolean => {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare.toLowerCase() === 'localhost') return true;
  return isIP(bare) !== 0 && LOOPBACK.check(bare, family(bare));
};

/**
 * Why tp will not dial `address` as a node's, as a code, or undefined when it may. `apiServerHost` is the
 * host of the API server the address was read from: a loopback node goes with a loopback API server.
 */
export const nodeAddressRefused = (address: string, apiServerHost: string): NodeAddressRefusal | undefined => {
  if (isIP(address) === 0) return 'not-ip';
  // A zone (`fe80::1%eth0`) names an interface of the grading machine: only link-local addresses have one.
  if (address.includes('%')) return 'link-local';
  // Parsed once for the five lists (each check of a string parses it again).
  const parsed = new SocketAddress({ address, family: family(address) });
  const refused = NEVER.find(({ list }) => list.check(parsed));
  if (refused) return refused.code;
  if (LOOPBACK.check(parsed) && !isLoopbackHost(apiServerHost)) return 'loopback';
  return undefined;
};

/** Why tp will not dial `address` as a node's, in English, or undefined when it may. */
export const nodeAddressRefusal = (address: string, apiServerHost: string): string | undefined => {
  const code = nodeAddressRefused(address, apiServerHost);
  return code === undefined ? undefined : WHY[code];
};

/** A TCP port as a Service's spec holds it: a whole number from 1 to 65535 (a crafted API server may send anything). */
export const isPort = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
