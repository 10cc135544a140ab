// Issue 23, point 3: the node addresses tp dials. Whatever a student's cluster
// reports as a node's InternalIP, tp dials only an IP literal of one host: never
// a name, never a link-local (metadata service) or unspecified address, and
// loopback only when the API server is on loopback too. Nothing here dials.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isPort, nodeAddressRefusal } from '../../src/cluster/dial-policy.js';
import { serverRefusal } from '../../src/cluster/kubeconfig.js';

const REMOTE_API = 'api.training.example.org';
const LOCAL_API = '127.0.0.1';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = (first: fc.Arbitrary<number>, second: fc.Arbitrary<number> = octet) =>
  fc.tuple(first, second, octet, octet).map((parts) => parts.join('.'));
const hex = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));

describe('node addresses tp dials', () => {
  it('refuses link-local addresses, however written', () => {
    fc.assert(
      fc.property(ipv4(fc.constant(169), fc.constant(254)), (address) => {
        expect(nodeAddressRefusal(address, LOCAL_API)).toMatch(/link-local/);
        expect(nodeAddressRefusal(`::ffff:${address}`, LOCAL_API)).toMatch(/link-local/);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0xfe80, max: 0xfebf }), fc.array(hex, { minLength: 1, maxLength: 4 }), (first, rest) => {
        expect(nodeAddressRefusal(`${first.toString(16)}::${rest.join(':')}`, LOCAL_API)).toMatch(/link-local/);
      }),
    );
    expect(nodeAddressRefusal('::ffff:a9fe:a9fe', LOCAL_API)).toMatch(/link-local/);
    expect(nodeAddressRefusal('fe80::1%eth0', LOCAL_API)).toMatch(/link-local/);
    expect(nodeAddressRefusal('64:ff9b::a9fe:a9fe', LOCAL_API)).toMatch(/NAT64/);
  });

  it('refuses unspecified, multicast and broadcast addresses', () => {
    for (const address of ['0.0.0.0', '0.1.2.3', '::', '0:0:0:0:0:0:0:0', '224.0.0.1', '239.255.255.250', '255.255.255.255', 'ff02::1']) {
      expect(nodeAddressRefusal(address, LOCAL_API), address).toBeDefined();
    }
  });

  it('refuses anything that is not an IP literal: names, ports, paths, other spellings of numbers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        fc.pre(!/^[\d.]+$/.test(text) && !/^[0-9a-f:]+$/i.test(text));
        expect(nodeAddressRefusal(text, LOCAL_API)).toBeDefined();
      }),
    );
    for (const address of ['127.0.0.1:8080/secret#', 'metadata.google.internal', 'localhost', '[::1]', '0x7f.1', '2130706433', '0177.0.0.1', '10.0.0.1/latest', ' 10.0.0.1']) {
      expect(nodeAddressRefusal(address, LOCAL_API), address).toMatch(/not an IP address/);
    }
  });

  it('dials loopback only when the API server is on loopback', () => {
    fc.assert(
      fc.property(ipv4(fc.constant(127)), (address) => {
        expect(nodeAddressRefusal(address, LOCAL_API)).toBeUndefined();
        expect(nodeAddressRefusal(address, '[::1]')).toBeUndefined();
        expect(nodeAddressRefusal(address, 'localhost')).toBeUndefined();
        expect(nodeAddressRefusal(address, REMOTE_API)).toMatch(/loopback/);
        expect(nodeAddressRefusal(`::ffff:${address}`, REMOTE_API)).toMatch(/loopback/);
      }),
    );
    expect(nodeAddressRefusal('::1', REMOTE_API)).toMatch(/loopback/);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.example.org')).toBe(false);
  });

  it('dials the addresses nodes really have: private, public, IPv6', () => {
    fc.assert(
      fc.property(ipv4(fc.integer({ min: 1, max: 223 }).filter((n) => n !== 127 && n !== 169)), (address) => {
        expect(nodeAddressRefusal(address, REMOTE_API)).toBeUndefined();
      }),
    );
    for (const address of ['192.168.49.2', '172.18.0.3', '10.0.0.5', '169.253.1.1', '2001:db8::5', 'fd00::1']) {
      expect(nodeAddressRefusal(address, REMOTE_API), address).toBeUndefined();
    }
  });

  it('takes as a port only a whole number from 1 to 65535', () => {
    expect([30080, 1, 65535].every(isPort)).toBe(true);
    for (const value of [0, 65536, -1, 8000.5, '30080', '30080/secret', null, undefined, Number.NaN]) expect(isPort(value), String(value)).toBe(false);
  });
});

describe('kubeconfig servers tp sends requests to', () => {
  const host = fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6().map((address) => `[${address}]`));
  const origin = fc.tuple(fc.constantFrom('http', 'https'), host, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
    .map(([scheme, name, port]) => `${scheme}://${name}${port === undefined ? '' : `:${port}`}`);
  const segment = fc.stringMatching(/^[a-z0-9-]{1,12}$/);

  it('takes a scheme, a host and a port, handed in or not', () => {
    fc.assert(fc.property(origin, fc.boolean(), fc.constantFrom('', '/'), (server, handedIn, slash) => {
      expect(serverRefusal(`${server}${slash}`, handedIn)).toBeUndefined();
    }));
  });

  it('refuses a query or a fragment from anyone, a path or credentials from a kubeconfig handed in', () => {
    fc.assert(fc.property(origin, fc.array(segment, { minLength: 1, maxLength: 3 }), segment, (server, path, text) => {
      const withPath = `${server}/${path.join('/')}`;
      expect(serverRefusal(withPath, true)).toMatch(/a scheme, a host and a port/);
      expect(serverRefusal(withPath, false)).toBeUndefined();
      for (const extra of [`?${text}`, '?', `#${text}`, '#']) {
        expect(serverRefusal(`${withPath}${extra}`, false), extra).toMatch(/query or a fragment/);
        expect(serverRefusal(`${server}${extra}`, true), extra).toMatch(/a scheme, a host and a port/);
      }
      const [scheme, rest] = server.split('://') as [string, string];
      expect(serverRefusal(`${scheme}://${text}:secret@${rest}`, true)).toMatch(/a scheme, a host and a port/);
    }));
  });
});
