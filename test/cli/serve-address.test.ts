// `--serve [host:port]`: loopback and a free port unless told otherwise; what
// counts as loopback for the page's Host check.
import { expect, it } from 'vitest';
import { isLoopback, parseServeAddress } from '../../src/cli/live/page-server.js';

it('reads --serve as kubectl-style [host:]port, loopback and a free port by default', () => {
  expect(parseServeAddress(true)).toEqual({ host: '127.0.0.1', port: 0 });
  expect(parseServeAddress('8080')).toEqual({ host: '127.0.0.1', port: 8080 });
  expect(parseServeAddress(':8080')).toEqual({ host: '127.0.0.1', port: 8080 });
  expect(parseServeAddress('0.0.0.0:9000')).toEqual({ host: '0.0.0.0', port: 9000 });
  expect(parseServeAddress('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
  expect(parseServeAddress('localhost')).toEqual({ host: 'localhost', port: 0 });
  for (const bad of ['http://x:1', '1.2.3.4:99999', 'a b:1', 'x:y']) expect(() => parseServeAddress(bad)).toThrow(/expected \[host:\]port/);
});

it('knows loopback names and addresses, and nothing else', () => {
  expect(['127.0.0.1', '127.3.2.1', 'localhost', '::1', '[::1]'].every(isLoopback)).toBe(true);
  expect(['0.0.0.0', '192.168.1.10', 'evil.example', 'localhost.evil.example', '127.0.0.1.nip.io'].some(isLoopback)).toBe(false);
});
