// What tp may dial outside the API server: a node's InternalIP with a Service's
// nodePort, for an HTTP check that goes `--http-via nodeport` as the course
// does. The address comes from the student's cluster, verbatim: a crafted one
// would point tp (and the answer it quotes in the student's feedback) at a
// cloud's metadata service, the trainer's machine or their intranet. So only
// an IP literal is dialled, never a name; never a link-local, unspecified,
// multicast or broadcast address; and loopback only when the API server itself
// is on loopback (a local cluster: kind, minikube, the project's own).
import { BlockList, isIP } from 'node:net';

const range = (list: BlockList, subnets: ReadonlyArray<readonly [string, number]>): BlockList => {
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, isIP(network) === 4 ? 'ipv4' : 'ipv6');
  return list;
};

// IPv4-mapped IPv6 addresses (::ffff:169.254.169.254) are judged by the IPv4 rules: BlockList does so.
const NEVER: ReadonlyArray<{ why: string; list: BlockList }> = [
  { why: 'a link-local address (a cloud\'s metadata service lives there)', list: range(new BlockList(), [['169.254.0.0', 16], ['fe80::', 10]]) },
  { why: 'an unspecified address', list: range(new BlockList(), [['0.0.0.0', 8], ['::', 128]]) },
  { why: 'not the address of one host (multicast, broadcast or reserved)', list: range(new BlockList(), [['224.0.0.0', 3], ['ff00::', 8]]) },
  // The NAT64 prefix reaches any IPv4 address, the ones above included.
  { why: 'a NAT64 address', list: range(new BlockList(), [['64:ff9b::', 96]]) },
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
 * Why tp will not dial `address` as a node's, or undefined when it may. `apiServerHost` is the
 * host of the API server the address was read from: a loopback node goes with a loopback API server.
 */
export const nodeAddressRefusal = (address: string, apiServerHost: string): string | undefined => {
  if (isIP(address) === 0) return 'not an IP address (tp dials no host name a cluster reports)';
  // A zone (`fe80::1%eth0`) names an interface of the grading machine: only link-local addresses have one.
  if (address.includes('%')) return NEVER[0]?.why;
  const refused = NEVER.find(({ list }) => list.check(address, family(address)));
  if (refused) return refused.why;
  if (LOOPBACK.check(address, family(address)) && !isLoopbackHost(apiServerHost)) {
    return 'a loopback address, while the API server is not on this machine';
  }
  return undefined;
};

/** A TCP port as a Service's spec holds it: a whole number from 1 to 65535 (a crafted API server may send anything). */
export const isPort = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
