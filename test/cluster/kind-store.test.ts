// The live class's store of one kind: a change touches its namespace alone,
// objects of namespaces outside the class are not kept, a namespace over its
// bound reads as a failure (its students' checks say why) while the others
// read on, and a change that alters nothing a check reads touches nobody.
import { expect, it } from 'vitest';
import { makeKindStore, type Touched } from '../../src/cluster/kind-store.js';
import { builtinKind } from '../support/kinds.js';
import type { KubeObject } from '../../src/cluster/types.js';

const cm = (namespace: string, name: string, labels: Record<string, string> = {}, resourceVersion = '1'): KubeObject => ({
  kind: 'ConfigMap',
  metadata: { name, namespace, labels, resourceVersion } as KubeObject['metadata'],
  data: { key: 'value' },
});
const names = (touched: Touched) => (touched === 'all' ? 'all' : [...touched].sort());
const itemsOf = (store: ReturnType<typeof makeKindStore>, namespace: string) => {
  const read = store.read(namespace);
  return read.ok ? read.items.map((item) => item.metadata.name).sort() : read.failure.message;
};

const CLASS = new Set(['alice', 'bob']);
const LIMITS = { maxObjectsPerNamespace: 3, maxBytesPerNamespace: 100_000 };

it('touches the namespace of a change, keeps only the class, and says which namespaces a new LIST changed', () => {
  const store = makeKindStore(builtinKind('configmaps'), (ns) => CLASS.has(ns), LIMITS);
  expect(names(store.replace([cm('alice', 'cm1'), cm('bob', 'cm1'), cm('kube-system', 'cm1')]))).toEqual(['alice', 'bob']);
  expect(itemsOf(store, 'kube-system')).toEqual([]);
  expect(names(store.apply('ADDED', cm('bob', 'cm2')))).toEqual(['bob']);
  expect(names(store.apply('ADDED', cm('carol', 'cm2')))).toEqual([]);
  expect(itemsOf(store, 'bob')).toEqual(['cm1', 'cm2']);
  // The same object at a new resourceVersion: nothing a check reads changed.
  expect(names(store.apply('MODIFIED', cm('bob', 'cm2', {}, '9')))).toEqual([]);
  expect(names(store.apply('MODIFIED', cm('bob', 'cm2', { country: 'fr' }, '10')))).toEqual(['bob']);
  expect(names(store.apply('DELETED', cm('alice', 'cm1')))).toEqual(['alice']);
  // A LIST after a 410: alice unchanged (still empty), bob lost cm1.
  expect(names(store.replace([cm('bob', 'cm2', { country: 'fr' }, '11')]))).toEqual(['bob']);
  expect(itemsOf(store, 'bob')).toEqual(['cm2']);
});

it('reads a namespace over its bound as a failure, the others as usual, until a LIST finds it under', () => {
  const store = makeKindStore(builtinKind('configmaps'), (ns) => CLASS.has(ns), LIMITS);
  store.replace([cm('alice', 'a'), cm('bob', 'b')]);
  for (const name of ['b2', 'b3']) store.apply('ADDED', cm('bob', name));
  expect(names(store.apply('ADDED', cm('bob', 'b4')))).toEqual(['bob']);
  expect(itemsOf(store, 'bob')).toBe('more than 3 configmaps or 97.7 KiB of them in namespace bob, more than tp keeps; not graded');
  expect(store.read('bob').ok === false && store.read('bob')).toMatchObject({ failure: { reason: 'other' } });
  expect(itemsOf(store, 'alice')).toEqual(['a']);
  expect(store.size()).toBe(1);
  store.replace([cm('alice', 'a'), cm('bob', 'b')]);
  expect(itemsOf(store, 'bob')).toEqual(['b']);
});

it("touches every student for a node's real change, none for its heartbeat", () => {
  const store = makeKindStore(builtinKind('nodes'), () => false, LIMITS);
  const node = (labels: Record<string, string>, beat: string): KubeObject => ({
    kind: 'Node',
    metadata: { name: 'tp-worker', labels, resourceVersion: beat, writers: [{ manager: 'kubelet', operation: 'Update', subresource: 'status', time: beat }] } as KubeObject['metadata'],
    status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: beat }] },
  });
  expect(store.replace([node({}, '1')])).toBe('all');
  expect(names(store.apply('MODIFIED', node({}, '2')))).toEqual([]);
  expect(store.apply('MODIFIED', node({ 'node-role.kubernetes.io/control-plane': '' }, '3'))).toBe('all');
  expect(itemsOf(store, 'anything')).toEqual(['tp-worker']);
});
