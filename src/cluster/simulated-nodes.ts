// Nodes simulated by KWOK (the test tier's cluster, and anyone's kwokctl): their
// pods become Running and Ready but run nothing, and their pod IPs are no real
// hosts. Knowing a test cluster is cluster/'s business: a check only hears that
// the app could not be reached, and why.
import type { KubeObject } from './types.js';

/** The annotation KWOK's controller manages its nodes by. */
const KWOK_NODE = 'kwok.x-k8s.io/node';

/** True when every node is simulated: nothing in this cluster serves HTTP (a stand-in on a node port may). */
export const podsServeNothing = (nodes: readonly KubeObject[]): boolean =>
  nodes.length > 0 && nodes.every((node) => node.metadata.annotations?.[KWOK_NODE] === 'fake');
