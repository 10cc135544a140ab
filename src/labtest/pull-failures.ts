// Some consequences of a mutation depend on where the images come from: a
// pull Secret that does not work stops the pods when the image must be pulled
// from a private registry, but not when it is already on the nodes (`kind load`)
// nor on simulated (KWOK) nodes, where pods start whatever their image. A
// mutation lists those checks under `failsWhenPullFails`: they must fail when a
// pod of the scenario is failing to pull its image (read by the scratch
// namespaces, in cluster/), and pass otherwise.
/** The checks a mutation must fail, given whether a pull is failing in its namespace. */
export const mustFailWith = (pullFails: boolean, mutation: { fails: string[]; failsWhenPullFails?: string[] }): Set<string> =>
  new Set([...mutation.fails, ...(pullFails ? mutation.failsWhenPullFails ?? [] : [])]);
